import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { backoffDelay, isAlreadyExists, isPermanentFirestoreError, isTransientFirestoreError, withRetry, type RetryOptions } from "../../src/retry.js";

const grpc = (code: number, message = `code ${code}`) => Object.assign(new Error(message), { code });

/** A fake clock where sleeping advances time; records the delays. */
function fakeTime(random: () => number) {
  let t = 1_000_000;
  const sleeps: number[] = [];
  const opts: Partial<RetryOptions> = {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    random,
  };
  return { opts, sleeps, elapsed: () => t - 1_000_000 };
}

describe("isTransientFirestoreError", () => {
  it("accepts the transient gRPC codes and their names", () => {
    for (const code of [4, 8, 10, 13, 14]) assert.ok(isTransientFirestoreError(grpc(code)), `code ${code}`);
    for (const code of ["UNAVAILABLE", "aborted", "firestore/deadline-exceeded", "RESOURCE_EXHAUSTED", "internal"]) {
      assert.ok(isTransientFirestoreError({ code }), code);
    }
    assert.ok(isTransientFirestoreError(grpc(409)), "HTTP 409 from the REST fallback");
  });

  it("rejects permanent errors and non-errors", () => {
    for (const code of [3, 5, 6, 7, 9, 16]) assert.ok(!isTransientFirestoreError(grpc(code)), `code ${code}`);
    assert.ok(!isTransientFirestoreError(new Error("plain")));
    assert.ok(!isTransientFirestoreError({ code: "permission-denied" }));
    assert.ok(!isTransientFirestoreError(null));
    assert.ok(!isTransientFirestoreError("UNAVAILABLE"));
  });
});

describe("isPermanentFirestoreError, isAlreadyExists", () => {
  it("tell a refusal for good and a document already there, by number or name, from everything else", () => {
    for (const e of [grpc(3), grpc(11), grpc(400), grpc(413), { code: "INVALID_ARGUMENT" }, { code: "firestore/out-of-range" }]) assert.ok(isPermanentFirestoreError(e), JSON.stringify(e));
    for (const e of [grpc(14), grpc(6), { code: "unavailable" }, new Error("plain"), null]) assert.ok(!isPermanentFirestoreError(e), JSON.stringify(e));
    for (const e of [grpc(6), { code: "ALREADY_EXISTS" }, { code: "firestore/already-exists" }]) assert.ok(isAlreadyExists(e), JSON.stringify(e));
    for (const e of [grpc(3), { code: "aborted" }, "ALREADY_EXISTS", undefined]) assert.ok(!isAlreadyExists(e), JSON.stringify(e));
  });
});

describe("withRetry", () => {
  it("retries transient errors with exponential full-jitter backoff, then succeeds", async () => {
    const time = fakeTime(() => 0.5);
    let calls = 0;
    const value = await withRetry(
      async (attempt) => {
        calls++;
        assert.equal(attempt, calls);
        if (calls < 4) throw grpc(14);
        return "done";
      },
      { ...time.opts, baseDelayMs: 100, maxDelayMs: 10_000, maxElapsedMs: 60_000 },
    );
    assert.equal(value, "done");
    assert.equal(calls, 4);
    // random() = 0.5 of ceilings 100, 200, 400.
    assert.deepEqual(time.sleeps, [50, 100, 200]);
  });

  it("caps each delay at maxDelayMs", () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999999 };
    assert.equal(backoffDelay(1, opts), 99);
    assert.equal(backoffDelay(4, opts), 799);
    assert.equal(backoffDelay(10, opts), 999);
    assert.equal(backoffDelay(10, { ...opts, random: () => 0 }), 0);
  });

  it("rethrows the last transient error once the time budget would be exceeded", async () => {
    const time = fakeTime(() => 0.999);
    let calls = 0;
    const err = grpc(4, "deadline");
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw err;
        },
        { ...time.opts, baseDelayMs: 1_000, maxDelayMs: 8_000, maxElapsedMs: 20_000 },
      ),
      (e) => e === err,
    );
    assert.ok(time.elapsed() <= 20_000, `stayed within budget: ${time.elapsed()}`);
    // Delays ~999, 1998, 3996, 7992 (sum 14985); the next (7992) would pass 20 s.
    assert.equal(calls, 5);
  });

  it("does not retry a permanent error", async () => {
    const time = fakeTime(() => 0.5);
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw grpc(7, "permission denied");
      }, time.opts),
      /permission denied/,
    );
    assert.equal(calls, 1);
    assert.deepEqual(time.sleeps, []);
  });

  it("reports each retry through onRetry", async () => {
    const time = fakeTime(() => 0.25);
    const seen: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw grpc(10);
      },
      { ...time.opts, onRetry: ({ attempt, delayMs }) => seen.push(attempt * 1000 + delayMs) },
    );
    assert.deepEqual(seen, [1025, 2050]);
  });
});
