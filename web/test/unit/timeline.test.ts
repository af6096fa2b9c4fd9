import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { aggregate, daysToPoints, layoutColumns, niceMax } from "../../src/logic/timeline.ts";

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
