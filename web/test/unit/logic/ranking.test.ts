import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareEntities, positions, rankEntities } from "../../../src/logic/ranking.ts";
import type { Entity, EntityType } from "../../../src/logic/types.ts";

const e = (id: string, count: number, type: EntityType = "person"): Entity => ({ id, word: id.toUpperCase(), type, count, articles: 1 });

describe("ranking", () => {
  it("orders by count descending, then by document id descending (Firestore's order for orderBy count desc)", () => {
    const ranked = rankEntities([e("a", 3), e("c", 5), e("b", 5), e("d", 1), e("e", 3)]);
    assert.deepEqual(ranked.map((x) => x.id), ["c", "b", "e", "a", "d"]);
  });

  it("does not change its input and filters by type before the limit", () => {
    const input = [e("p1", 9, "person"), e("o1", 8, "organization"), e("p2", 7, "person"), e("l1", 6, "place")];
    const copy = structuredClone(input);
    assert.deepEqual(rankEntities(input, "person", 1).map((x) => x.id), ["p1"]);
    assert.deepEqual(rankEntities(input, "place").map((x) => x.id), ["l1"]);
    assert.deepEqual(rankEntities(input, "all", 2).map((x) => x.id), ["p1", "o1"]);
    assert.deepEqual(input, copy);
  });

  it("compareEntities is 0 only for the same count and id", () => {
    assert.equal(compareEntities(e("x", 2), e("x", 2)), 0);
    assert.ok(compareEntities(e("x", 2), e("y", 2)) > 0);
    assert.ok(compareEntities(e("x", 3), e("y", 2)) < 0);
  });

  it("positions continue across pages", () => {
    assert.deepEqual(positions(0, 10, 3), [1, 2, 3]);
    assert.deepEqual(positions(2, 10, 2), [21, 22]);
    assert.deepEqual(positions(1, 10, 0), []);
  });
});
