import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareLists, fightinWords, SIGNIFICANT_Z } from "../../../src/api/compare.js";

const e = (id: string, mentions: number) => ({ id, word: id, type: "person", mentions });

describe("fightinWords", () => {
  it("leans an entity mentioned far more in one publication to that side, and a balanced one to neither", () => {
    const scored = fightinWords([e("a", 90), e("both", 50), e("x", 5)], [e("b", 80), e("both", 50), e("x", 5)]);
    const z = Object.fromEntries(scored.map((s) => [s.id, s.zScore]));
    assert.ok(z.a! > SIGNIFICANT_Z, `a: ${z.a}`);
    assert.ok(z.b! < -SIGNIFICANT_Z, `b: ${z.b}`);
    assert.ok(Math.abs(z.both!) < SIGNIFICANT_Z, `both: ${z.both}`);
    const lists = compareLists(scored, 10);
    assert.deepEqual([lists.distinctiveOfA[0]!.id, lists.distinctiveOfB[0]!.id], ["a", "b"]);
    assert.ok(lists.shared.some((s) => s.id === "both"));
  });

  it("scores the only entity both publications mention as no evidence, never NaN", () => {
    const scored = fightinWords([e("only", 3)], [e("only", 7)]);
    assert.deepEqual(scored.map((s) => s.zScore), [0]);
    assert.deepEqual(compareLists(scored, 10).shared.map((s) => s.id), ["only"]);
  });
});
