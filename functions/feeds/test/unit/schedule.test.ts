import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_INTERVAL_LIMITS as L, failureDelayMs, MAX_RETRY_AFTER_MS, nextIntervalMs, retryAfterMs, START_INTERVAL_MS } from "../../src/schedule.js";

describe("nextIntervalMs", () => {
  it("starts at an hour, halves after new items, grows by half after a quiet poll, within the limits", () => {
    assert.equal(nextIntervalMs(undefined, 0, L), START_INTERVAL_MS * 1.5);
    assert.equal(nextIntervalMs(undefined, 3, L), START_INTERVAL_MS / 2);
    assert.equal(nextIntervalMs(L.minMs, 10, L), L.minMs);
    assert.equal(nextIntervalMs(L.maxMs, 0, L), L.maxMs);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(nextIntervalMs(bad, 0, L), START_INTERVAL_MS * 1.5, String(bad));
  });
  it("converges on the minimum for a busy source and the maximum for a quiet one", () => {
    let busy: number | undefined;
    let quiet: number | undefined;
    for (let i = 0; i < 30; i++) {
      busy = nextIntervalMs(busy, 5, L);
      quiet = nextIntervalMs(quiet, 0, L);
    }
    assert.equal(busy, L.minMs);
    assert.equal(quiet, L.maxMs);
  });
});

describe("failureDelayMs", () => {
  it("doubles from the minimum and stops at the maximum, for any count", () => {
    assert.equal(failureDelayMs(1, L), L.minMs);
    assert.equal(failureDelayMs(2, L), 2 * L.minMs);
    assert.equal(failureDelayMs(3, L), 4 * L.minMs);
    for (const n of [20, 1e6, Number.MAX_SAFE_INTEGER, Number.POSITIVE_INFINITY, Number.NaN]) assert.equal(failureDelayMs(n, L), L.maxMs, String(n));
    assert.equal(failureDelayMs(0, L), L.minMs);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it("reads delta-seconds and HTTP-dates, a past date as now, capped at a week", () => {
    assert.equal(retryAfterMs("120", now), 120_000);
    assert.equal(retryAfterMs(" 0 ", now), 0);
    assert.equal(retryAfterMs("Sun, 06 Dec 2026 12:10:00 GMT", now), 600_000);
    assert.equal(retryAfterMs("Sun, 06 Dec 2026 11:00:00 GMT", now), 0);
    assert.equal(retryAfterMs("999999999", now), MAX_RETRY_AFTER_MS);
  });
  it("ignores what is neither", () => {
    for (const h of [undefined, "", "-5", "1.5", "soon", "12:00", "Tomorrow"]) assert.equal(retryAfterMs(h, now), undefined, String(h));
  });
});
