import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextStatus, type StatusInput } from "../../../src/rollup/status.js";
import { atOrBefore, cutBefore } from "../../../src/rollup/batch.js";
import { Timestamp } from "firebase-admin/firestore";

const base = (over: Partial<StatusInput>): StatusInput => ({ current: undefined, plan: { from: 0, to: 30_000 }, failures: [], openFroms: [], windowEnd: 30_000, now: 1, ...over });

describe("rollup/status", () => {
  it("calls counts complete through the batch just applied when nothing is open or failed", () => {
    assert.deepEqual(nextStatus(base({})), { completeThrough: 30_000, appliedThrough: 30_000 });
  });

  it("never passes a planned batch that is not applied yet", () => {
    const s = nextStatus(base({ current: { completeThrough: 30_000, appliedThrough: 30_000, appliedAt: null, windowSeconds: 30 }, plan: { from: 60_000, to: 90_000 }, openFroms: [30_000] }));
    assert.deepEqual([s.completeThrough, s.appliedThrough], [30_000, 90_000]);
  });

  it("stays before a batch with a failure, however many batches are applied after it", () => {
    const failure = { range: "2.0-3", path: "publications/p", items: 1, reason: "INVALID_ARGUMENT: too big" };
    let s = nextStatus(base({ current: { completeThrough: 30_000, appliedAt: null, windowSeconds: 30 }, plan: { from: 30_000, to: 60_000 }, windowEnd: 60_000, failures: [failure] }));
    assert.deepEqual([s.completeThrough, s.appliedThrough, s.failedFrom], [30_000, 60_000, 30_000]);
    assert.deepEqual(s.failures, [{ windowEnd: 60_000, range: "2.0-3", items: 1, reason: "INVALID_ARGUMENT: too big", at: 1 }]);
    s = nextStatus(base({ current: { ...s, appliedAt: null, windowSeconds: 30 }, plan: { from: 60_000, to: 90_000 }, windowEnd: 90_000 }));
    assert.deepEqual([s.completeThrough, s.appliedThrough, s.failures?.length], [30_000, 90_000, 1]);
    // A run that finds the same failure again (a redelivered tick) does not list it twice.
    s = nextStatus(base({ current: { ...s, appliedAt: null, windowSeconds: 30 }, plan: { from: 30_000, to: 60_000 }, windowEnd: 60_000, failures: [failure] }));
    assert.equal(s.failures?.length, 1);
  });

  it("keeps the latest failures only, and the earliest start for good", () => {
    let cur: StatusInput["current"] = { completeThrough: 0, appliedAt: null, windowSeconds: 30 };
    for (let w = 1; w <= 30; w++) {
      const s = nextStatus(base({ current: cur, plan: { from: (w - 1) * 30_000, to: w * 30_000 }, windowEnd: w * 30_000, failures: [{ range: "0", path: "x", items: 1, reason: "r" }] }));
      cur = { ...s, appliedAt: null, windowSeconds: 30 };
    }
    assert.equal(cur.failures!.length, 20);
    assert.equal(cur.failures!.at(-1)!.windowEnd, 30 * 30_000);
    assert.equal(cur.failedFrom, 0);
    assert.equal(cur.completeThrough, 0);
  });

  it("cuts a batch a millisecond before the first delta left out, never on a window's end", () => {
    assert.equal(cutBefore(new Timestamp(100, 5_000_000), 30_000), 100_004);
    assert.equal(cutBefore(new Timestamp(60, 1_000_000), 30_000), 59_999, "60,000 is a window's end");
    assert.equal(atOrBefore(new Timestamp(100, 4_000_000), 100_004), true);
    assert.equal(atOrBefore(new Timestamp(100, 4_000_001), 100_004), false, "microseconds past the cut");
    assert.equal(atOrBefore(new Timestamp(100, 3_999_000), 100_004), true);
  });
});
