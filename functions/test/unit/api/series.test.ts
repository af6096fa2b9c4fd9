import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../../../src/api/errors.js";
import type { DayCounts } from "@newsroom/core/firestore-schema";
import { binned, entitySeries, entityYears, entityYearSeries, publicationSeries, publicationYears, publicationYearSeries, seriesYears, type Series } from "../../../src/api/series.js";

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

describe("series in bins", () => {
  const row = (day: string, mentions: number, articles: number, publicationArticles: number) => ({ day, mentions, articles, publicationArticles });
  // Points as entitySeries gives them: in day order, across the end of 2025 and the leap day of 2024.
  const points = [
    row("2024-02-28", 1, 1, 2),
    row("2024-02-29", 2, 1, 3),
    row("2024-03-01", 4, 2, 5),
    row("2025-12-28", 8, 3, 7),
    row("2025-12-29", 16, 4, 11),
    row("2026-01-01", 32, 5, 13),
    row("2026-01-05", 64, 6, 17),
  ];
  const keys = ["mentions", "articles", "publicationArticles"] as const;

  it("sums ISO weeks under their Monday (2026-01-01 in the week of 2025-12-29), months as YYYY-MM and years as YYYY, the leap day in February", () => {
    const expected: Record<"week" | "month" | "year", ReturnType<typeof row>[]> = {
      week: [row("2024-02-26", 7, 4, 10), row("2025-12-22", 8, 3, 7), row("2025-12-29", 48, 9, 24), row("2026-01-05", 64, 6, 17)],
      month: [row("2024-02", 3, 2, 5), row("2024-03", 4, 2, 5), row("2025-12", 24, 7, 18), row("2026-01", 96, 11, 30)],
      year: [row("2024", 7, 4, 10), row("2025", 24, 7, 18), row("2026", 96, 11, 30)],
    };
    for (const [bin, rows] of Object.entries(expected)) assert.deepEqual(binned(points, keys, bin as keyof typeof expected), rows, bin);
    const total = (rows: ReadonlyArray<{ mentions: number }>) => rows.reduce((n, r) => n + r.mentions, 0);
    for (const bin of ["week", "month", "year"] as const) assert.equal(total(binned(points, keys, bin)), total(points), `${bin}: every mention in one bin`);
  });

  it("keeps days as they are, and leaves a stored key that is no day out of the coarser bins", () => {
    assert.deepEqual(binned(points, keys, "day"), points);
    const odd = [{ day: "2026-02-30", articles: 5 }, { day: "2026-03-01", articles: 1 }];
    assert.deepEqual(binned(odd, ["articles"], "day"), odd);
    assert.deepEqual(binned(odd, ["articles"], "month"), [{ day: "2026-03", articles: 1 }]);
  });

  it("gives bin=year from the yearly maps alone: the whole history, or the years from/to fall in, any span", () => {
    const entity = { 1790: { m: 3, a: 1 }, 1850: { m: 5, a: 2 }, 2026: { m: 7, a: 3 } };
    const publication = { 1790: 4, 1850: 9, 1900: 2, 2026: 10 };
    assert.deepEqual(entityYearSeries(entity, publication), [
      { day: "1790", mentions: 3, articles: 1, publicationArticles: 4 },
      { day: "1850", mentions: 5, articles: 2, publicationArticles: 9 },
      { day: "1900", mentions: 0, articles: 0, publicationArticles: 2 },
      { day: "2026", mentions: 7, articles: 3, publicationArticles: 10 },
    ]);
    assert.deepEqual(entityYearSeries(entity, publication, "1850-06-01", "1900-01-01").map((r) => r.day), ["1850", "1900"], "whole years, from's to to's");
    assert.deepEqual(publicationYearSeries(publication, "1800-01-01"), [{ day: "1850", articles: 9 }, { day: "1900", articles: 2 }, { day: "2026", articles: 10 }]);
    assert.deepEqual(publicationYearSeries(publication, undefined, "1799-12-31"), [{ day: "1790", articles: 4 }]);
    assert.deepEqual(publicationYearSeries(undefined), []);
    assert.throws(() => publicationYearSeries(publication, "1900-01-02", "1900-01-01"), (e: unknown) => e instanceof ApiError && e.status === 400 && /from must not be after to/.test(e.message));
  });
});
