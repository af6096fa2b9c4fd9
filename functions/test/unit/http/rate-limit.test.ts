// The token buckets behind ingest's per-key and the read API's per-address limits, on an injected clock.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RateLimiter } from "../../../src/http/rate-limit.js";

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
};

describe("RateLimiter", () => {
  it("lets a client spend a minute's allowance at once, then refuses with the wait for the next token", () => {
    const c = clock();
    const limiter = new RateLimiter({ maxTracked: 10, now: c.now });
    for (let i = 0; i < 60; i++) assert.equal(limiter.take("k", 1, 60).ok, true, `take ${i}`);
    const refused = limiter.take("k", 1, 60);
    assert.deepEqual(refused, { ok: false, retryAfterSeconds: 1, limit: 60, remaining: 0, fullInSeconds: 60 });
    c.advance(1_000);
    assert.equal(limiter.take("k", 1, 60).ok, true, "a token a second at 60 a minute");
  });

  it("takes all of a request's tokens or none, and says when all of them will be there", () => {
    const c = clock();
    const limiter = new RateLimiter({ maxTracked: 10, now: c.now });
    assert.deepEqual(limiter.take("k", 3, 5), { ok: true, limit: 5, remaining: 2, fullInSeconds: 36 });
    const over = limiter.take("k", 3, 5);
    assert.deepEqual(over, { ok: false, retryAfterSeconds: 12, limit: 5, remaining: 2, fullInSeconds: 36 }, "one more token: 12 s at 5 a minute");
    assert.equal(limiter.peek("k", 5).remaining, 2, "the refused request took nothing");
    c.advance(12_000);
    assert.equal(limiter.take("k", 3, 5).ok, true);
  });

  it("never promises a request more than the bucket holds: no Retry-After", () => {
    const limiter = new RateLimiter({ maxTracked: 10, now: clock().now });
    const r = limiter.take("k", 6, 5);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.retryAfterSeconds, undefined);
    assert.equal(limiter.peek("k", 5).remaining, 5);
  });

  it("refills continuously and never past the quota", () => {
    const c = clock();
    const limiter = new RateLimiter({ maxTracked: 10, now: c.now });
    limiter.take("k", 600, 600);
    c.advance(30_000);
    assert.deepEqual(limiter.peek("k", 600), { limit: 600, remaining: 300, fullInSeconds: 30 });
    c.advance(10 * 60_000);
    assert.deepEqual(limiter.peek("k", 600), { limit: 600, remaining: 600, fullInSeconds: 0 });
  });

  it("keeps buckets apart by key, and a lower quota caps what a bucket holds", () => {
    const limiter = new RateLimiter({ maxTracked: 10, now: clock().now });
    limiter.take("a", 10, 10);
    assert.equal(limiter.peek("b", 10).remaining, 10);
    assert.equal(limiter.peek("c", 100).remaining, 100);
    limiter.take("c", 1, 100);
    assert.equal(limiter.peek("c", 20).remaining, 20, "the key's rate was lowered to 20");
  });

  it("gives back what was taken, up to a full bucket", () => {
    const limiter = new RateLimiter({ maxTracked: 10, now: clock().now });
    limiter.take("k", 4, 5);
    limiter.give("k", 3, 5);
    assert.equal(limiter.peek("k", 5).remaining, 4);
    limiter.give("k", 100, 5);
    assert.equal(limiter.peek("k", 5).remaining, 5);
  });

  it("tracks at most maxTracked buckets, dropping the least recently used (which then starts full)", () => {
    const limiter = new RateLimiter({ maxTracked: 3, now: clock().now });
    for (const k of ["a", "b", "c", "d", "e"]) limiter.take(k, 2, 2);
    assert.equal(limiter.size, 3);
    assert.equal(limiter.peek("e", 2).remaining, 0);
    assert.equal(limiter.peek("a", 2).remaining, 2, "a was dropped");
    for (let i = 0; i < 10_000; i++) limiter.peek(`look-${i}`, 5);
    assert.equal(limiter.size, 3, "a look at an untracked key does not start tracking it");
  });
});
