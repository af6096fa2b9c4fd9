import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregate, countable, daysToPoints, layoutColumns, niceMax, oddDatesNote, timelineSource, yearlyToPoints, yearsToPoints } from "../../../src/logic/timeline.ts";

const range = { from: "1000-01-01", to: "2027-12-08" };

describe("timeline", () => {
  it("fills the days between the first and the last with zeros, in order", () => {
    const { unit, buckets } = aggregate(daysToPoints({ "2026-03-04": 2, "2026-03-01": 5 }), ["articles"], 60);
    assert.equal(unit, "day");
    assert.deepEqual(buckets.map((b) => [b.start, b.totals.articles]), [["2026-03-01", 5], ["2026-03-02", 0], ["2026-03-03", 0], ["2026-03-04", 2]]);
  });

  it("sums into coarser buckets when the days do not fit, keeping the total", () => {
    const days: Record<string, number> = {};
    for (let i = 0; i < 200; i++) days[new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)] = i % 7;
    const { unit, buckets } = aggregate(daysToPoints(days), ["articles"], 40);
    assert.equal(unit, "week");
    assert.ok(buckets.length <= 40);
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(total(buckets.map((b) => b.totals.articles)), total(Object.values(days)));
  });

  it("sums several keys, ignores malformed days, and has no buckets for no data", () => {
    const { buckets } = aggregate([{ day: "2026-03-01", m: 1, a: 1 }, { day: "2026-03-01", m: 2, a: 1 }, { day: "junk", m: 9, a: 9 }], ["m", "a"], 10);
    assert.deepEqual(buckets.map((b) => b.totals), [{ m: 3, a: 2 }]);
    assert.deepEqual(aggregate([], ["m"], 10).buckets, []);
  });

  it("draws a far-future day without throwing (finding 10), and leaves it out given the countable range", () => {
    const days = { "2026-03-01": 5, "2026-03-02": 2, "9995-06-01": 1 };
    // Unbounded: the 2020s to the 9990s; this threw before (a decade loop stepped into year 10000).
    const all = aggregate(daysToPoints(days), ["articles"], 60);
    assert.equal(all.unit, "decade");
    assert.deepEqual([all.buckets.length, all.buckets[0]!.label, all.buckets.at(-1)!.label], [798, "2020s", "9990s"]);
    assert.equal(all.buckets.reduce((n, b) => n + b.totals.articles, 0), 8);
    const kept = aggregate(daysToPoints(days), ["articles"], 60, { range });
    assert.deepEqual(kept.buckets.map((b) => [b.start, b.totals.articles]), [["2026-03-01", 5], ["2026-03-02", 2]]);
    assert.deepEqual(kept.skipped, { articles: 1 });
  });

  it("is total on any stored key: the calendar's ends, far years, malformed keys, odd values", () => {
    const days = { "0001-01-01": 1, "9999-12-31": 2, "+010000-01": 4, "10000-01-01": 8, "2026-02-30": 16, junk: 32, "": 64, "2026-03-03": 128, "2026-03-04": Number.NaN };
    for (const max of [1, 3, 60, 1000]) {
      const { buckets, skipped } = aggregate(daysToPoints(days), ["articles"], max);
      assert.ok(buckets.length <= Math.max(max, 1000), `${buckets.length} buckets for ${max}`);
      assert.equal(buckets.reduce((n, b) => n + b.totals.articles, 0) + skipped.articles, 1 + 2 + 128 + 124, "every countable point once; the rest skipped");
    }
    const { unit, buckets, skipped } = aggregate(daysToPoints(days), ["articles"], 60, { range });
    assert.equal(unit, "day");
    assert.deepEqual(buckets.map((b) => [b.start, b.totals.articles]), [["2026-03-03", 128], ["2026-03-04", 0]]);
    assert.equal(skipped.articles, 1 + 2 + 4 + 8 + 16 + 32 + 64);
    assert.deepEqual(aggregate(daysToPoints({ "9995-06-01": 1, junk: 2 }), ["articles"], 60, { range }), { unit: "day", buckets: [], skipped: { articles: 3 } });
  });

  it("groups per-year points into years or decades, never finer", () => {
    const yearly = { "1790": 3, "1791": 2, "1850": 5, "2026": 1, "9995": 7, "+010": 9, junk: 1 };
    const years = aggregate(yearlyToPoints(yearly), ["articles"], 300, { finest: "year", range });
    assert.equal(years.unit, "year");
    assert.deepEqual([years.buckets.length, years.buckets[0]!.label, years.buckets.at(-1)!.label], [237, "1790", "2026"]);
    assert.deepEqual(years.skipped, { articles: 17 });
    const decades = aggregate(yearlyToPoints(yearly), ["articles"], 60, { finest: "year", range });
    assert.equal(decades.unit, "decade");
    assert.deepEqual(decades.buckets.filter((b) => b.totals.articles > 0).map((b) => [b.label, b.totals.articles]), [["1790s", 5], ["1850s", 5], ["2020s", 1]]);
    const short = aggregate(yearlyToPoints({ "2025": 1, "2026": 2 }), ["articles"], 60, { finest: "year" });
    assert.deepEqual(short.buckets.map((b) => b.label), ["2025", "2026"], "two years stay years, not 24 months");
    assert.deepEqual(yearsToPoints([{ year: "2026", m: 1 }, { year: "x", m: 2 }]), [{ year: "2026", m: 1, day: "2026-01-01" }, { year: "x", m: 2, day: "x" }]);
    assert.deepEqual(yearsToPoints([{ year: 1776, m: 3 }, { year: 1, m: 1 }]), [{ year: 1776, m: 3, day: "1776-01-01" }, { year: 1, m: 1, day: "0001-01-01" }], "the API's years are numbers");
  });

  it("counts a point when its bucket starts within the range, widened to whole buckets", () => {
    assert.equal(countable("2027-12-08", "day", range), true);
    assert.equal(countable("2027-12-09", "day", range), false);
    assert.equal(countable("0999-12-31", "day", range), false);
    assert.equal(countable("1000-01-01", "year", { from: "1000-06-01", to: "2027-12-08" }), true);
    assert.equal(countable("2028-01-01", "year", range), false);
    assert.equal(countable("junk"), false);
    assert.equal(countable("9999-12-31"), true, "without a range every day counts");
  });

  it("follows a card's year documents while its countable years span at most two calendar years", () => {
    assert.deepEqual(timelineSource({ "2026": 4 }, 2, range), { kind: "days", years: ["2026"], outside: 0 });
    assert.deepEqual(timelineSource({ "2026": 4, "2025": 1 }, 2, range), { kind: "days", years: ["2025", "2026"], outside: 0 });
    assert.deepEqual(timelineSource({ "2026": 4, "2024": 1 }, 2, range), { kind: "years" }, "2024 to 2026 spans three");
    assert.deepEqual(
      timelineSource({ "2026": 4, "9995": 1, "0001": 2, "+010": 4, junk: 8 }, 2, range),
      { kind: "days", years: ["2026"], outside: 15 },
      "impossible years are no reason to give up the days; their articles are counted for the note",
    );
    assert.deepEqual(timelineSource({ "2026": 4, "2025": 0 }, 2, range), { kind: "days", years: ["2026"], outside: 0 });
    assert.deepEqual(timelineSource({}, 2, range), { kind: "days", years: [], outside: 0 });
    assert.deepEqual(timelineSource({ "9995": 1 }, 2, range), { kind: "days", years: [], outside: 1 });
  });

  it("says how many counts fell on impossible days", () => {
    assert.equal(oddDatesNote(0, "article", "articles", range), "");
    assert.equal(oddDatesNote(1, "article", "articles", range), "1 article with impossible dates not shown (only 1000-01-01 to 2027-12-08 can be counted).");
    assert.equal(oddDatesNote(1200, "mention", "mentions"), "1,200 mentions with impossible dates not shown.");
  });

  it("rounds the scale up to 1, 2 or 5 times a power of ten", () => {
    assert.deepEqual([0, 0.37, 1, 7, 12, 20, 201, 5000].map(niceMax), [1, 0.5, 1, 10, 20, 20, 500, 5000]);
  });

  it("lays columns across the plot: heights proportional, non-zero ones visible, gaps for null", () => {
    const items = [{ label: "a", value: 10 }, { label: "b", value: 0 }, { label: "c", value: null }, { label: "d", value: 0.01 }, { label: "e", value: 5 }];
    const { columns, scaleMax, plot } = layoutColumns(items, { width: 230, height: 120, left: 30, bottom: 14, top: 6 });
    assert.equal(scaleMax, 10);
    assert.deepEqual(plot, { x: 30, y: 6, width: 200, height: 100 });
    assert.deepEqual(columns.map((c) => Math.round(c.height)), [100, 0, 0, 1, 50]);
    assert.ok(columns.every((c) => Math.abs(c.y + c.height - 106) < 1e-9), "every column stands on the axis");
    assert.ok(columns.every((c, i) => i === 0 || c.x > columns[i - 1]!.x + columns[i - 1]!.width - 1e-9), "no overlap");
    assert.ok(columns.at(-1)!.x + columns.at(-1)!.width <= 230 + 1e-9);
  });
});
