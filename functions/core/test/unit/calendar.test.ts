import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  binKey,
  BINS,
  bucketCount,
  bucketLabel,
  bucketStart,
  bucketStarts,
  chooseUnit,
  countableRange,
  dayMs,
  dayOfMs,
  isDay,
  isYear,
  LAST_DAY,
  MAX_LISTED,
  nextBucket,
  UNITS,
} from "../../src/calendar.js";

/** Days a store may hold (finding 10): the calendar's ends, far ones, and what is no day at all. */
const ODD = ["0001-01-01", "9995-06-01", "9999-12-31", "0000-01-01", "+010000-01", "+010000-01-01", "10000-01-01", "2026-02-30", "2026-13-01", "junk", "", "2026-03-01T00:00:00Z", " 2026-03-01", "-000001-01-01"];

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
      UNITS.map((u) => bucketLabel(bucketStart("2026-03-15", u)!, u)),
      ["2026-03-15", "week of 2026-03-09", "Mar 2026", "2026", "2020s"],
    );
  });

  it("runs from 0000-01-01 to 9999-12-31: four-digit years only", () => {
    assert.deepEqual(["0001-01-01", "9995-06-01", "9999-12-31", "0000-01-01"].map(isDay), [true, true, true, true]);
    assert.deepEqual(["+010000-01", "+010000-01-01", "10000-01-01", "-000001-01-01", "junk", ""].map(isDay), [false, false, false, false, false, false]);
    assert.equal(dayOfMs(dayMs(LAST_DAY)! + 86_400_000), null, "no day after 9999-12-31");
    assert.equal(dayOfMs(dayMs("0000-01-01")! - 1), null, "no day before 0000-01-01");
    assert.equal(dayOfMs(Number.NaN), null);
    assert.deepEqual(["2026", "0001", "9995", "+010", "20261", "26", "junk"].map(isYear), [true, true, true, false, false, false, false]);
  });

  it("is total: every function answers every odd day, and never throws", () => {
    for (const day of ODD) {
      for (const u of UNITS) {
        const start = bucketStart(day, u);
        assert.equal(start === null, !isDay(day), `bucketStart(${day}, ${u})`);
        if (start !== null) assert.ok(isDay(start) && start <= day, `${u} of ${day} starts on ${start}`);
        const next = nextBucket(day, u);
        if (next !== null) assert.ok(isDay(next) && next > day, `${u} after ${day} is ${next}`);
        assert.equal(typeof bucketLabel(start ?? day, u), "string");
        for (const other of ["2026-03-01", ...ODD]) {
          const n = bucketCount(day, other, u);
          assert.ok(Number.isInteger(n) && n >= 0, `bucketCount(${day}, ${other}, ${u}) = ${n}`);
          assert.ok(UNITS.includes(chooseUnit(day, other, 60)));
        }
      }
    }
  });

  it("ends at the calendar's last bucket instead of stepping into year 10000", () => {
    for (const u of UNITS) assert.equal(nextBucket("9999-12-31", u), null, u);
    assert.equal(nextBucket("9995-06-01", "decade"), null, "the 9990s are the last decade");
    assert.equal(nextBucket("9999-12-27", "week"), null, "the last week has no Monday after it");
    assert.equal(nextBucket("+010000-01", "day"), null);
    // The decades from 2020 to 9995: the loop that threw (finding 10) now stops at the 9990s.
    const decades = bucketStarts("2026-03-01", "9995-06-01", "decade");
    assert.equal(decades.length, bucketCount("2026-03-01", "9995-06-01", "decade"));
    assert.deepEqual([decades[0], decades.at(-1)], ["2020-01-01", "9990-01-01"]);
    assert.deepEqual(bucketStarts("9999-12-27", "9999-12-31", "week"), ["9999-12-27"]);
  });

  it("counts and lists from the calendar's first day, the first week clamped to it", () => {
    assert.equal(bucketStart("0000-01-01", "week"), "0000-01-01", "its Monday would be in year -1");
    assert.equal(nextBucket("0000-01-01", "week"), "0000-01-03");
    assert.deepEqual(bucketStarts("0000-01-01", "0000-01-10", "week"), ["0000-01-01", "0000-01-03", "0000-01-10"]);
    assert.equal(bucketCount("0000-01-01", "0000-01-10", "week"), 3);
    assert.equal(bucketStart("0001-01-01", "week"), "0001-01-01", "1 January 1 was a Monday");
    assert.equal(bucketLabel("0001-01-01", "year"), "0001");
    assert.equal(bucketLabel(bucketStart("0001-01-01", "decade")!, "decade"), "0000s");
  });

  it("lists at most MAX_LISTED buckets, and none for what is no day or a reversed range", () => {
    assert.equal(bucketCount("0001-01-01", "9999-12-31", "day"), 3_652_059);
    assert.equal(bucketStarts("0001-01-01", "9999-12-31", "day").length, MAX_LISTED);
    assert.equal(bucketStarts("0001-01-01", "9999-12-31", "decade").length, 1000);
    assert.equal(bucketStarts("0001-01-01", "9999-12-31", "day", 3).length, 3);
    assert.deepEqual(bucketStarts("junk", "2026-03-01", "day"), []);
    assert.deepEqual(bucketStarts("2026-03-01", "+010000-01", "day"), []);
    assert.deepEqual(bucketStarts("2026-03-02", "2026-03-01", "day"), []);
    assert.equal(bucketCount("2026-03-02", "2026-03-01", "day"), 0);
    assert.equal(chooseUnit("0001-01-01", "9999-12-31", 60), "decade");
    assert.equal(chooseUnit("2026-03-01", "2026-03-04", 60, "year"), "year", "no finer than asked");
  });

  it("bounds the days a count can fall on: from 1000-01-01 (the ingest's earliest possible bound) to a year and a day ahead", () => {
    const now = Date.parse("2026-12-06T15:00:00Z");
    assert.deepEqual(countableRange(now), { from: "1000-01-01", to: "2027-12-08" });
    assert.deepEqual(countableRange(Date.parse("9999-06-01T00:00:00Z")), { from: "1000-01-01", to: "9999-12-31" });
  });
});

describe("the read API's bins", () => {
  it("keys an ISO week by its Monday, also across a year's end", () => {
    assert.equal(binKey("2026-01-01", "week"), "2025-12-29", "a Thursday: its week began on Monday 29 December");
    assert.equal(binKey("2026-01-04", "week"), "2025-12-29", "the Sunday ends that week");
    assert.equal(binKey("2026-01-05", "week"), "2026-01-05", "a Monday starts its own");
    assert.equal(binKey("2021-01-03", "week"), "2020-12-28", "a Sunday three days into the year");
    assert.equal(binKey("2024-02-29", "week"), "2024-02-26", "a leap day's week");
    assert.equal(binKey("2024-03-03", "week"), "2024-02-26", "the week across the leap day");
  });

  it("keys a month as YYYY-MM and a year as YYYY, a day as itself", () => {
    assert.equal(binKey("2024-02-29", "month"), "2024-02");
    assert.equal(binKey("2024-02-29", "year"), "2024");
    assert.equal(binKey("2024-02-29", "day"), "2024-02-29");
    assert.equal(binKey("1790-01-08", "month"), "1790-01");
    assert.equal(binKey("0999-12-31", "year"), "0999");
  });

  it("has no bin for what is no day, and no decade", () => {
    for (const bin of BINS) for (const odd of ["2023-02-29", "2026-13-01", "junk", "", "+010000-01-01"]) assert.equal(binKey(odd, bin), null, `${bin} ${odd}`);
    assert.deepEqual([...BINS], ["day", "week", "month", "year"]);
  });
});
