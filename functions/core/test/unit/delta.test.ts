// A message's counts as one delta, merged order-independently and split under the document limit.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deltaOf, entityEntryBytes, mergeDeltas, mergeEntity, splitDelta, type DeltaPubs } from "../../src/delta.js";
import type { PostSummary } from "../../src/summarise.js";

const summary = (pubKey: string, publication: string, day: string, entities: Array<[id: string, word: string, mentions: number]>): PostSummary => ({
  index: 0,
  pubKey,
  publication,
  articleId: `${pubKey}.${day}`,
  day,
  at: new Date(`${day}T12:00:00Z`),
  entities: entities.map(([id, word, mentions]) => ({ id, type: "person", word, mentions })),
  truncated: false,
});

describe("deltaOf", () => {
  it("counts articles per publication and day, and per entity its mentions, articles and days", () => {
    const d = deltaOf([
      summary("p", "Times", "2026-01-01", [["e1", "Merkel", 2]]),
      summary("p", "Times", "2026-01-02", [["e1", "Merkel", 1], ["e2", "Paris", 1]]),
    ]);
    assert.deepEqual(d, {
      p: {
        n: "Times",
        a: 2,
        d: { "2026-01-01": 1, "2026-01-02": 1 },
        e: {
          e1: { w: "Merkel", t: "person", c: 3, a: 2, d: { "2026-01-01": { m: 2, a: 1 }, "2026-01-02": { m: 1, a: 1 } } },
          e2: { w: "Paris", t: "person", c: 1, a: 1, d: { "2026-01-02": { m: 1, a: 1 } } },
        },
      },
    });
  });

  it("names a publication and an entity by their most frequent form", () => {
    const d = deltaOf([
      summary("p", "the times", "2026-01-01", [["e1", "MERKEL", 1]]),
      summary("p", "The Times", "2026-01-01", [["e1", "Merkel", 2]]),
      summary("p", "The Times", "2026-01-01", [["e1", "Merkel", 1]]),
    ]);
    assert.equal(d["p"]!.n, "The Times");
    assert.equal(d["p"]!.e["e1"]!.w, "Merkel");
  });
});

describe("mergeEntity and mergeDeltas", () => {
  const a: DeltaPubs = { p: { n: "Times", a: 2, d: { "2026-01-01": 2 }, e: { e1: { w: "Merkel", t: "person", c: 3, a: 2, d: { "2026-01-01": { m: 3, a: 2 } } } } } };
  const b: DeltaPubs = {
    p: { n: "TIMES", a: 5, d: { "2026-01-01": 1, "2026-01-02": 4 }, e: { e1: { w: "MERKEL", t: "person", c: 9, a: 5, d: { "2026-01-02": { m: 9, a: 5 } } } } },
    q: { n: "Courier", a: 1, d: { "2026-01-02": 1 }, e: {} },
  };

  it("sums counts, and the larger count names the result, whatever the order", () => {
    const ab = mergeDeltas([a, b]);
    assert.deepEqual(ab, mergeDeltas([b, a]));
    assert.deepEqual(ab["p"], {
      n: "TIMES",
      a: 7,
      d: { "2026-01-01": 3, "2026-01-02": 4 },
      e: { e1: { w: "MERKEL", t: "person", c: 12, a: 7, d: { "2026-01-01": { m: 3, a: 2 }, "2026-01-02": { m: 9, a: 5 } } } },
    });
    assert.deepEqual(ab["q"], b["q"]);
  });

  it("leaves its inputs as they were", () => {
    const before = JSON.stringify([a, b]);
    mergeDeltas([a, b]);
    assert.equal(JSON.stringify([a, b]), before);
  });

  it("copies an entity merged into nothing, and breaks a tie of counts by the smaller form", () => {
    const e = a["p"]!.e["e1"]!;
    const copy = mergeEntity(undefined, e);
    assert.deepEqual(copy, e);
    assert.notEqual(copy.d["2026-01-01"], e.d["2026-01-01"]);
    const tie = mergeEntity(mergeEntity(undefined, { ...e, w: "b" }), { ...e, w: "a" });
    assert.equal(tie.w, "a");
  });
});

describe("splitDelta", () => {
  const big: DeltaPubs = {};
  for (const pub of ["p1", "p2"]) {
    big[pub] = { n: pub, a: 10, d: { "2026-01-01": 10 }, e: {} };
    for (let i = 0; i < 200; i++) big[pub]!.e[`e${String(i).padStart(3, "0")}`] = { w: `Name ${i}`, t: "person", c: 1, a: 1, d: { "2026-01-01": { m: 1, a: 1 } } };
  }

  it("keeps a small delta whole", () => {
    assert.deepEqual(splitDelta(big), [big]);
  });

  it("cuts a large one into pieces under the bound that add up to it, the articles in the first piece", () => {
    const perEntity = entityEntryBytes("e000", big["p1"]!.e["e000"]!);
    const pieces = splitDelta(big, perEntity * 50);
    assert.ok(pieces.length > 4, `${pieces.length} pieces`);
    assert.deepEqual(mergeDeltas(pieces), big);
    for (const pub of ["p1", "p2"]) assert.equal(pieces.filter((p) => (p[pub]?.a ?? 0) > 0).length, 1, `${pub}'s articles once`);
  });
});
