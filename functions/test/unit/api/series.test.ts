import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../../../src/api/errors.js";
import type { DayCounts } from "@newsroom/core/firestore-schema";
import { entitySeries, entityYears, publicationSeries, publicationYears, seriesYears, type Series } from "../../../src/api/series.js";

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe("series in year documents", () => {
  it("reads the latest 10 years with data by default, only years with data within from/to otherwise", () => {
    assert.deepEqual(seriesYears(years(2000, 2026)), years(2017, 2026));
    assert.deepEqual(seriesYears(["2026", "1999", "2010"]), ["1999", "2010", "2026"]);
    assert.deepEqual(seriesYears(years(2000, 2026), "2010-05-01", "2012-01-01"), years(2010, 2012));
    assert.deepEqual(seriesYears(["2001", "2026"], "2001-01-01", "2010-12-31"), ["2001"]);
    assert.deepEqual(seriesYears(years(2000, 2026), "2005-01-01"), years(2005, 2014), "from alone: 10 calendar years from it");
    assert.deepEqual(seriesYears(years(2000, 2026), undefined, "2005-01-01"), years(2000, 2005), "to alone: 10 calendar years up to it");
    assert.deepEqual(seriesYears(["x", "__proto__", "20266"]), [], "keys that are no year are ignored");
  });

  it("refuses from/to over more than 10 calendar years, or backwards, saying so", () => {
    assert.throws(() => seriesYears([], "2000-12-31", "2010-01-01"), (e: unknown) => e instanceof ApiError && e.status === 400 && /11 calendar years/.test(e.message));
    assert.throws(() => seriesYears([], "2010-01-02", "2010-01-01"), /from must not be after to/);
    assert.deepEqual(seriesYears([], "2001-01-01", "2010-12-31"), []);
  });

  it("merges a totals document's inline days with its year documents (a day in both is their sum), within the years read and from/to", () => {
    const ent: Series<DayCounts> = { inline: { "2026-01-02": { m: 1, a: 1 }, "2026-05-01": { m: 9, a: 9 } }, years: ["2025", "2026"], yearDocs: [{ "2025-12-31": { m: 1, a: 1 } }, { "2026-01-02": { m: 3, a: 2 } }] };
    const pub: Series<number> = { inline: { "2026-01-01": 5, "2026-01-02": 6 }, years: ["2025", "2026"], yearDocs: [{ "2025-12-31": 4, "2025-06-01": 9 }, undefined] };
    assert.deepEqual(entitySeries(ent, pub, "2025-07-01", "2026-04-30"), [
      { day: "2025-12-31", mentions: 1, articles: 1, publicationArticles: 4 },
      { day: "2026-01-01", mentions: 0, articles: 0, publicationArticles: 5 },
      { day: "2026-01-02", mentions: 4, articles: 3, publicationArticles: 6 },
    ]);
    assert.deepEqual(publicationSeries(pub, undefined, "2025-12-31"), [{ day: "2025-06-01", articles: 9 }, { day: "2025-12-31", articles: 4 }]);
    assert.deepEqual(publicationSeries({ ...pub, years: ["2025"] }).map((d) => d.day), ["2025-06-01", "2025-12-31"], "inline days of a year not read are left out");
  });

  it("sums up every year from the yearly maps", () => {
    assert.deepEqual(entityYears({ 2026: { m: 3, a: 2 } }, { 2025: 4, 2026: 7 }), [
      { year: 2025, mentions: 0, articles: 0, publicationArticles: 4 },
      { year: 2026, mentions: 3, articles: 2, publicationArticles: 7 },
    ]);
    assert.deepEqual(publicationYears({ 2026: 7, 1999: 1 }), [{ year: 1999, articles: 1 }, { year: 2026, articles: 7 }]);
    assert.deepEqual(entityYears(undefined, undefined), []);
  });
});
