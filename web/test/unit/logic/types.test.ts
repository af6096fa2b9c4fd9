import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeEntity, decodePublication, decodeYearDays, parseTypeFilter } from "../../../src/logic/types.ts";

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
    assert.deepEqual(decodePublication("k", { name: "The Times", articleCount: 5 }), { key: "k", name: "The Times", articleCount: 5, yearly: {}, days: {} });
    assert.deepEqual(decodePublication("k", {}), { key: "k", name: "k", articleCount: 0, yearly: {}, days: {} });
    assert.equal(decodePublication("k", { articleCount: Number.NaN }), null);
  });

  it("keeps a publication's articles per year as stored, dropping entries that are no count", () => {
    const yearly = { "2026": 4, "2025": -1, "+010": 2, "9995": 1, "2024": "2", "2023": 0, "2022": Number.NaN };
    assert.deepEqual(decodePublication("k", { articleCount: 4, yearly })?.yearly, { "2026": 4, "+010": 2, "9995": 1, "2023": 0 }, "odd years are the charts' to skip and count");
    assert.deepEqual(decodePublication("k", { articleCount: 4, yearly: [1, 2] })?.yearly, {});
    assert.deepEqual(decodePublication("k", { articleCount: 4, days: { "2026-03-01": 4, "2026-03-02": -1 } })?.days, { "2026-03-01": 4 }, "the days the document holds itself, as counts");
  });

  it("keeps a year document's articles per day of that year only", () => {
    const days = { "2026-03-01": 4, "2026-03-02": -1, "March 3": 2, "2026-03-04": "2", "2026-03-05": 0, "2026-02-30": 1, "2025-12-31": 3, "+010000-01": 1 };
    assert.deepEqual(decodeYearDays("2026", { year: 2026, days }), { "2026-03-01": 4, "2026-03-05": 0, "2026-02-30": 1 });
    assert.deepEqual(decodeYearDays("+010", { days }), { "+010000-01": 1 }, "stored under the year the rollup gave it");
    assert.deepEqual(decodeYearDays("2026", undefined), {});
    assert.deepEqual(decodeYearDays("2026", { days: "nope" }), {});
  });

  it("type filter from a URL parameter", () => {
    assert.equal(parseTypeFilter("organization"), "organization");
    assert.equal(parseTypeFilter("bogus"), "all");
    assert.equal(parseTypeFilter(null), "all");
  });
});
