import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ApiPublication, CompareAnswer } from "../../../src/data/api-types.ts";
import { compareColumns } from "../../../src/logic/compareLayout.ts";

const pub = (id: string, articleCount: number): ApiPublication => ({ id, name: id.toUpperCase(), articleCount, updatedAt: null });
const answer: CompareAnswer = {
  a: pub("a", 100),
  b: pub("b", 400),
  type: null,
  scanned: { a: 3, b: 3 },
  distinctiveOfA: [{ id: "x", word: "X", type: "person", mentionsA: 50, mentionsB: 0, zScore: 5 }],
  shared: [{ id: "s", word: "S", type: "place", mentionsA: 10, mentionsB: 40, zScore: 0.1 }],
  distinctiveOfB: [{ id: "y", word: "Y", type: "organization", mentionsA: 1, mentionsB: 200, zScore: -4 }],
};

describe("compare layout", () => {
  it("three columns in reading order: A's, shared, B's, titled by publication", () => {
    const cols = compareColumns(answer);
    assert.deepEqual(cols.map((c) => c.key), ["distinctiveOfA", "shared", "distinctiveOfB"]);
    assert.deepEqual(cols.map((c) => c.title), ["More in A", "In both", "More in B"]);
    assert.deepEqual(cols.map((c) => c.rows.map((r) => r.id)), [["x"], ["s"], ["y"]]);
    assert.deepEqual(cols.map((c) => c.rows[0]!.linkTo), ["a", "a", "b"]);
  });

  it("bars are mentions per article, against the largest in the view", () => {
    const [a, s, b] = compareColumns(answer).map((c) => c.rows[0]!);
    // per article: X 0.5 in A; S 0.1 in A, 0.1 in B; Y 0.01 in A, 0.5 in B
    assert.deepEqual([a!.barA, a!.barB], [1, 0]);
    assert.deepEqual([s!.barA, s!.barB], [0.2, 0.2], "the same rate looks the same although B has 4x the mentions");
    assert.deepEqual([b!.barA, b!.barB], [0.02, 1]);
  });

  it("empty lists and a publication without articles draw no bars", () => {
    const cols = compareColumns({ ...answer, a: pub("a", 0), distinctiveOfB: [] });
    assert.equal(cols[2]!.rows.length, 0);
    assert.equal(cols[0]!.rows[0]!.barA, 0);
  });
});
