import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  DEFAULT_INTERVAL_LIMITS,
  failureDelayMs,
  FIRST_INTERVAL_MS,
  MAX_RETRY_AFTER_MS,
  nextIntervalMs,
  retryAfterMs,
  type IntervalLimits,
} from "../../src/schedule.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const limits = DEFAULT_INTERVAL_LIMITS;

describe("DEFAULT_INTERVAL_LIMITS", () => {
  it("is 5 minutes to 24 hours, frozen", () => {
    assert.deepEqual({ ...limits }, { minMs: 5 * MIN, maxMs: DAY });
    assert.ok(Object.isFrozen(limits));
  });
});

describe("nextIntervalMs", () => {
  it("starts a never-polled source at an hour, clamped to the limits", () => {
    assert.equal(FIRST_INTERVAL_MS, HOUR);
    assert.equal(nextIntervalMs(undefined, 0, limits), HOUR);
    assert.equal(nextIntervalMs(undefined, 12, limits), HOUR);
    assert.equal(nextIntervalMs(undefined, 0, { minMs: 2 * HOUR, maxMs: DAY }), 2 * HOUR);
    assert.equal(nextIntervalMs(undefined, 0, { minMs: MIN, maxMs: 30 * MIN }), 30 * MIN);
  });

  it("halves after new items, lengthens by half after none", () => {
    assert.equal(nextIntervalMs(HOUR, 3, limits), 30 * MIN);
    assert.equal(nextIntervalMs(HOUR, 1, limits), 30 * MIN);
    assert.equal(nextIntervalMs(HOUR, 0, limits), 90 * MIN);
  });

  it("stays within the limits, clamping a previous interval from other limits first", () => {
    assert.equal(nextIntervalMs(6 * MIN, 5, limits), 5 * MIN);
    assert.equal(nextIntervalMs(5 * MIN, 5, limits), 5 * MIN);
    assert.equal(nextIntervalMs(20 * HOUR, 0, limits), DAY);
    assert.equal(nextIntervalMs(DAY, 0, limits), DAY);
    assert.equal(nextIntervalMs(30 * DAY, 4, limits), 12 * HOUR, "clamped to 24 h, then halved");
    assert.equal(nextIntervalMs(1, 0, limits), 7.5 * MIN, "clamped to 5 min, then lengthened");
  });

  it("brings a source with items at every poll down to the minimum", () => {
    const seen: number[] = [];
    let interval: number | undefined;
    for (let poll = 0; poll < 10; poll++) {
      interval = nextIntervalMs(interval, 2, limits);
      seen.push(interval);
    }
    assert.deepEqual(seen.slice(0, 5), [HOUR, 30 * MIN, 15 * MIN, 7.5 * MIN, 5 * MIN]);
    assert.ok(seen.slice(4).every((ms) => ms === 5 * MIN));
  });

  it("takes a quiet source up to the maximum", () => {
    let interval: number | undefined;
    let polls = 0;
    do {
      interval = nextIntervalMs(interval, 0, limits);
      polls += 1;
    } while (interval < DAY && polls < 100);
    assert.equal(interval, DAY);
    assert.equal(polls, 9, "1 h × 1.5^8 > 24 h: the first poll, then 8 quiet ones");
    assert.equal(nextIntervalMs(interval, 0, limits), DAY);
  });

  it("is monotonic: never shorter for a longer previous interval, never longer with new items", () => {
    const previous = [1, MIN, 5 * MIN, 7 * MIN, HOUR, 3 * HOUR, 16 * HOUR, DAY, 3 * DAY];
    for (const items of [0, 1, 7]) {
      for (let i = 1; i < previous.length; i++) {
        assert.ok(nextIntervalMs(previous[i - 1], items, limits) <= nextIntervalMs(previous[i], items, limits));
      }
    }
    for (const ms of previous) {
      assert.ok(nextIntervalMs(ms, 1, limits) <= nextIntervalMs(ms, 0, limits));
      assert.ok(nextIntervalMs(ms, 1, limits) <= Math.max(ms, limits.minMs));
      assert.ok(nextIntervalMs(ms, 0, limits) >= Math.min(ms, limits.maxMs));
    }
  });

  it("is deterministic and gives whole milliseconds", () => {
    const odd: IntervalLimits = { minMs: 1_001, maxMs: 99_999_999 };
    let interval: number | undefined;
    for (let poll = 0; poll < 40; poll++) {
      const items = poll % 3 === 0 ? 1 : 0;
      const next = nextIntervalMs(interval, items, odd);
      assert.equal(next, nextIntervalMs(interval, items, odd));
      assert.ok(Number.isInteger(next));
      interval = next;
    }
  });

  it("treats nonsense as no information", () => {
    for (const previous of [Number.NaN, -5, 0, Number.NEGATIVE_INFINITY]) {
      assert.equal(nextIntervalMs(previous, 3, limits), HOUR, `previous ${previous}`);
    }
    assert.equal(nextIntervalMs(Number.POSITIVE_INFINITY, 0, limits), HOUR);
    for (const items of [Number.NaN, -3, Number.NEGATIVE_INFINITY]) {
      assert.equal(nextIntervalMs(HOUR, items, limits), 90 * MIN, `items ${items}`);
    }
  });

  it("repairs nonsense limits", () => {
    assert.equal(nextIntervalMs(HOUR, 1, { minMs: Number.NaN, maxMs: Number.NaN }), 30 * MIN);
    assert.equal(nextIntervalMs(HOUR, 1, { minMs: 0, maxMs: DAY }), 30 * MIN);
    // max below min: everything is min
    assert.equal(nextIntervalMs(HOUR, 0, { minMs: 10 * MIN, maxMs: MIN }), 10 * MIN);
    assert.equal(nextIntervalMs(undefined, 0, { minMs: 10 * MIN, maxMs: MIN }), 10 * MIN);
  });
});

describe("failureDelayMs", () => {
  it("waits the minimum after one failure, doubling after each further one, up to the maximum", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => failureDelayMs(n, limits));
    assert.deepEqual(delays.slice(0, 6), [5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN, 80 * MIN, 160 * MIN]);
    assert.equal(delays[8], 1280 * MIN, "5 min × 2^8, 21 h 20 min");
    assert.deepEqual(delays.slice(9), [DAY, DAY]);
    for (let i = 1; i < delays.length; i++) assert.ok((delays[i - 1] ?? 0) <= (delays[i] ?? 0), "monotonic");
  });

  it("stays finite and capped for huge counts", () => {
    for (const n of [60, 64, 65, 1_000, 1e6, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.POSITIVE_INFINITY]) {
      const delay = failureDelayMs(n, limits);
      assert.equal(delay, DAY, `count ${n}`);
    }
    // even where the maximum is itself huge
    const wide = { minMs: 1, maxMs: Number.MAX_SAFE_INTEGER };
    assert.equal(failureDelayMs(1e9, wide), Number.MAX_SAFE_INTEGER);
    assert.ok(Number.isFinite(failureDelayMs(1e9, { minMs: 1, maxMs: Number.MAX_VALUE })));
  });

  it("counts nonsense and fractions sensibly", () => {
    for (const n of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY, 0.5]) {
      assert.equal(failureDelayMs(n, limits), 5 * MIN, `count ${n}`);
    }
    assert.equal(failureDelayMs(2.9, limits), 10 * MIN);
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2024, 2, 10, 12, 0, 0); // Sun, 10 Mar 2024 12:00:00 GMT

  it("reads delay-seconds", () => {
    assert.equal(retryAfterMs("120", now), 120_000);
    assert.equal(retryAfterMs("0", now), 0);
    assert.equal(retryAfterMs("  3600 ", now), 3_600_000);
    assert.equal(retryAfterMs("007", now), 7_000);
  });

  it("reads the three HTTP-date forms", () => {
    assert.equal(retryAfterMs("Sun, 10 Mar 2024 12:05:00 GMT", now), 5 * MIN);
    assert.equal(retryAfterMs("Sunday, 10-Mar-24 13:00:00 GMT", now), HOUR);
    assert.equal(retryAfterMs("Sun Mar 10 12:00:30 2024", now), 30_000);
    assert.equal(retryAfterMs("Mon Mar 11 12:00:00 2024", now), DAY);
    assert.equal(retryAfterMs("Sun Mar  3 12:00:00 2024", now), 0, "asctime's space-padded day");
    assert.equal(retryAfterMs("sun, 10 MAR 2024 12:05:00 GMT", now), 5 * MIN, "names in any case");
    assert.equal(retryAfterMs("Mon, 10 Mar 2024 12:05:00 GMT", now), 5 * MIN, "a wrong day name is ignored");
  });

  it("gives 0 for a date in the past: the wait is over (undefined means no usable header)", () => {
    assert.equal(retryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", now), 0);
    assert.equal(retryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", now), 0);
    assert.equal(retryAfterMs("Sun Nov  6 08:49:37 1994", now), 0);
    assert.equal(retryAfterMs("Sun, 10 Mar 2024 11:59:59 GMT", now), 0);
  });

  it("reads a two-digit RFC 850 year as at most 50 years ahead", () => {
    assert.equal(retryAfterMs("Friday, 01-Jan-99 00:00:00 GMT", now), 0, "1999, not 2099");
    assert.equal(retryAfterMs("Tuesday, 01-Jan-75 00:00:00 GMT", now), 0, "1975: 2075 is 51 years ahead");
    assert.equal(retryAfterMs("Tuesday, 01-Jan-70 00:00:00 GMT", now), MAX_RETRY_AFTER_MS, "2070: 46 years ahead");
    const in2060 = Date.UTC(2060, 0, 1);
    assert.equal(retryAfterMs("Thursday, 01-Jan-60 00:00:10 GMT", in2060), 10_000);
    assert.equal(retryAfterMs("Thursday, 01-Jan-99 00:00:00 GMT", in2060), MAX_RETRY_AFTER_MS, "2099: 39 years ahead");
  });

  it("caps the wait at 7 days", () => {
    assert.equal(MAX_RETRY_AFTER_MS, 7 * DAY);
    assert.equal(retryAfterMs(String(8 * 24 * 3600), now), MAX_RETRY_AFTER_MS);
    assert.equal(retryAfterMs("9".repeat(400), now), MAX_RETRY_AFTER_MS);
    assert.equal(retryAfterMs("Fri, 01 Jan 2100 00:00:00 GMT", now), MAX_RETRY_AFTER_MS);
  });

  it("is undefined for absent, negative and garbage values", () => {
    const garbage = [
      undefined,
      "",
      "   ",
      "-1",
      "-120",
      "+120",
      "1.5",
      "1e3",
      "0x10",
      "120s",
      "12 0",
      "soon",
      "Infinity",
      "NaN",
      "2024-03-10T12:05:00Z", // ISO 8601 is not an HTTP-date
      "10 Mar 2024 12:05:00 GMT",
      "Sun, 10 Mar 2024 12:05:00", // no GMT
      "Sun, 10 Mar 2024 12:05:00 PST",
      "Sun, 31 Feb 2024 12:05:00 GMT",
      "Sun, 10 Foo 2024 12:05:00 GMT",
      "Sun, 10 Mar 2024 24:00:00 GMT",
      "Sun, 10 Mar 2024 12:60:00 GMT",
      "Sun, 1 Mar 2024 12:05:00 GMT",
      "Sun, 10 Mar 2024 12:05:00 GMT trailing",
      "\u0000",
    ];
    for (const header of garbage) {
      assert.equal(retryAfterMs(header, now), undefined, JSON.stringify(header));
    }
    assert.equal(retryAfterMs(42 as unknown as string, now), undefined);
  });

  it("needs a usable clock only for dates", () => {
    assert.equal(retryAfterMs("Sun, 10 Mar 2024 12:05:00 GMT", Number.NaN), undefined);
    assert.equal(retryAfterMs("30", Number.NaN), 30_000);
  });
});
