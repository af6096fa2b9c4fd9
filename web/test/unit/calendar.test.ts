import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bucketCount, bucketLabel, bucketStart, bucketStarts, chooseUnit, dayMs, isDay, nextBucket, UNITS } from "../../src/logic/calendar.ts";

describe("calendar buckets", () => {
  it("accepts real days only", () => {
    assert.equal(isDay("2024-02-29"), true);
    assert.equal(isDay("2023-02-29"), false);
    assert.equal(isDay("2026-13-01"), false);
    assert.equal(isDay("2026-3-1"), false);
    assert.equal(dayMs("1790-01-08"), Date.UTC(1790, 0, 8));
    assert.equal(dayMs("0099-01-01") !== null, true, "years below 100 are not read as 19xx");
  });

  it("starts weeks on Monday, months on the 1st, decades on a round year", () => {
    assert.equal(bucketStart("2026-03-15", "week"), "2026-03-09"); // a Sunday
    assert.equal(bucketStart("2026-03-09", "week"), "2026-03-09"); // a Monday
    assert.equal(bucketStart("2026-01-01", "week"), "2025-12-29", "across a year end");
    assert.equal(bucketStart("2026-03-15", "month"), "2026-03-01");
    assert.equal(bucketStart("2026-03-15", "year"), "2026-01-01");
    assert.equal(bucketStart("1799-12-31", "decade"), "1790-01-01");
  });

  it("steps from bucket to bucket, across month and year ends", () => {
    assert.equal(nextBucket("2024-02-28", "day"), "2024-02-29");
    assert.equal(nextBucket("2025-12-29", "week"), "2026-01-05");
    assert.equal(nextBucket("2025-12-01", "month"), "2026-01-01");
    assert.equal(nextBucket("1790-01-01", "decade"), "1800-01-01");
  });

  it("counts the buckets it would list, for every unit", () => {
    const ranges: Array<[string, string]> = [["2026-03-01", "2026-03-01"], ["2025-11-17", "2026-03-02"], ["1790-01-08", "2020-02-04"]];
    for (const [a, b] of ranges) for (const u of UNITS) if (u !== "day" || a.startsWith("20")) assert.equal(bucketCount(a, b, u), bucketStarts(a, b, u).length, `${u} ${a}..${b}`);
    assert.deepEqual(bucketStarts("2026-03-30", "2026-04-02", "day"), ["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"]);
  });

  it("picks the finest unit that fits", () => {
    assert.equal(chooseUnit("2026-03-01", "2026-03-31", 31), "day");
    assert.equal(chooseUnit("2026-03-01", "2026-04-01", 31), "week");
    assert.equal(chooseUnit("2025-01-01", "2026-12-31", 30), "month");
    assert.equal(chooseUnit("1790-01-08", "2020-02-04", 240), "year");
    assert.equal(chooseUnit("1790-01-08", "2020-02-04", 60), "decade");
    assert.equal(chooseUnit("0001-01-01", "9999-12-31", 3), "decade", "coarsest when nothing fits");
  });

  it("labels each unit", () => {
    assert.deepEqual(
      UNITS.map((u) => bucketLabel(bucketStart("2026-03-15", u), u)),
      ["2026-03-15", "week of 2026-03-09", "Mar 2026", "2026", "2020s"],
    );
  });
});
