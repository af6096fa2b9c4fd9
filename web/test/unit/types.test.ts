import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeEntity, decodePublication, parseTypeFilter } from "../../src/logic/types.ts";

describe("decoding documents", () => {
  it("keeps well-formed entities and skips malformed ones", () => {
    assert.deepEqual(decodeEntity("a", { word: "Paris", type: "place", count: 3, articles: 2, updatedAt: {} }), { id: "a", word: "Paris", type: "place", count: 3, articles: 2 });
    assert.equal(decodeEntity("b", { word: "Paris", type: "city", count: 3 }), null);
    assert.equal(decodeEntity("c", { word: "", type: "place", count: 3 }), null);
    assert.equal(decodeEntity("d", { word: "X", type: "person", count: -1 }), null);
    assert.equal(decodeEntity("e", { word: "X", type: "person", count: "3" }), null);
    assert.equal(decodeEntity("f", { word: "X", type: "person", count: 1 })?.articles, 0);
  });

  it("publications fall back to their key for a name and 0 articles", () => {
    assert.deepEqual(decodePublication("k", { name: "The Times", articleCount: 5 }), { key: "k", name: "The Times", articleCount: 5, days: {} });
    assert.deepEqual(decodePublication("k", {}), { key: "k", name: "k", articleCount: 0, days: {} });
    assert.equal(decodePublication("k", { articleCount: Number.NaN }), null);
  });

  it("keeps a publication's articles per day, dropping entries that are not a day and a count", () => {
    const days = { "2026-03-01": 4, "2026-03-02": -1, "March 3": 2, "2026-03-04": "2", "2026-03-05": 0 };
    assert.deepEqual(decodePublication("k", { articleCount: 4, days })?.days, { "2026-03-01": 4, "2026-03-05": 0 });
    assert.deepEqual(decodePublication("k", { articleCount: 4, days: [1, 2] })?.days, {});
  });

  it("type filter from a URL parameter", () => {
    assert.equal(parseTypeFilter("organization"), "organization");
    assert.equal(parseTypeFilter("bogus"), "all");
    assert.equal(parseTypeFilter(null), "all");
  });
});
