import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backoffMs } from "../../src/sender.ts";
import { LatencyRecorder, median, percentile, summarise } from "../../src/stats.ts";

describe("percentiles", () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it("uses the nearest rank", () => {
    assert.equal(percentile(oneToHundred, 50), 50);
    assert.equal(percentile(oneToHundred, 99), 99);
    assert.equal(percentile(oneToHundred, 99.5), 100);
    assert.equal(percentile([10, 20, 30], 50), 20);
    assert.equal(percentile([10, 20, 30, 40], 50), 20);
    assert.equal(percentile([10, 20, 30, 40], 51), 30);
  });
  it("handles the edges", () => {
    assert.equal(percentile([7], 99), 7);
    assert.equal(percentile([1, 2], 0), 1);
    assert.equal(percentile([1, 2], 100), 2);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
  it("summarises unsorted samples", () => {
    const s = summarise([5, 1, 4, 2, 3]);
    assert.deepEqual([s.count, s.min, s.mean, s.p50, s.max], [5, 1, 3, 3, 5]);
  });
  it("takes the median of unsorted samples, the mean of the two middles for an even count", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.ok(Number.isNaN(median([])));
    const xs = [3, 1, 2];
    median(xs);
    assert.deepEqual(xs, [3, 1, 2], "the input is not sorted in place");
  });
  it("keeps every sample for the summary while the live window stays bounded", () => {
    const r = new LatencyRecorder();
    for (let i = 1; i <= 5_000; i++) r.add(i);
    assert.equal(r.all.length, 5_000);
    assert.ok(r.live().p50 > 3_000, "the live view reflects recent samples");
  });
});

describe("retry backoff", () => {
  it("grows exponentially with full jitter, capped at 10 s", () => {
    assert.equal(backoffMs(1, () => 1), 250);
    assert.equal(backoffMs(3, () => 1), 1_000);
    assert.equal(backoffMs(20, () => 1), 10_000);
    assert.equal(backoffMs(5, () => 0), 0);
    assert.equal(backoffMs(2, () => 0.5), 250);
  });
});
