import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareGlobal, type ScopeCounts } from "../../src/verify-global.ts";

/** A scope from plain objects: articles per year, and per entity its mentions and articles per year. */
function scope(articles: Record<string, number>, entities: Record<string, Record<string, [number, number]>>): ScopeCounts {
  const total = (per: Record<string, [number, number]>) => Object.values(per).reduce((t, [m, a]) => ({ m: t.m + m, a: t.a + a }), { m: 0, a: 0 });
  return {
    articles: Object.values(articles).reduce((t, n) => t + n, 0),
    yearly: new Map(Object.entries(articles)),
    entities: new Map(Object.entries(entities).map(([id, per]) => [id, { word: id.toUpperCase(), total: total(per), yearly: new Map(Object.entries(per).map(([y, [m, a]]) => [y, { m, a }])) }])),
  };
}

describe("the counts over all publications against the publications' sum", () => {
  const sum = scope({ "2025": 3, "2026": 10 }, { ada: { "2025": [4, 2], "2026": [9, 5] }, bob: { "2026": [1, 1] } });

  it("finds nothing when they are equal", () => {
    assert.deepEqual(compareGlobal(sum, scope({ "2025": 3, "2026": 10 }, { ada: { "2025": [4, 2], "2026": [9, 5] }, bob: { "2026": [1, 1] } })), []);
  });

  it("names each difference: a total, a year, an entity counted twice or missing or extra", () => {
    const global = scope({ "2025": 3, "2026": 11 }, { ada: { "2025": [4, 2], "2026": [18, 10] }, eve: { "2026": [1, 1] } });
    assert.deepEqual(compareGlobal(sum, global), [
      "articles: global 14, publications 13",
      "articles in 2026: global 11, publications 10",
      "ADA (ada): global 22 mentions / 12 articles, publications 13 / 7",
      'ADA (ada) in 2026: global {"m":18,"a":10}, publications {"m":9,"a":5}',
      "BOB (bob): missing over all publications",
      "EVE (eve): only over all publications",
    ]);
    assert.equal(compareGlobal(sum, global, 2).length, 2, "at most `max` lines");
  });
});
