import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { seeded } from "@newsroom/test-support/random";
import { SYNTHETIC_PUBLICATIONS, syntheticPosts, syntheticTexts } from "../../../src/corpus/synthetic.ts";

describe("synthetic corpus", () => {
  it("is the same for the same seed and different for another", () => {
    const a = [...syntheticPosts({ seed: 7, posts: 50 })];
    const b = [...syntheticPosts({ seed: 7, posts: 50 })];
    const c = [...syntheticPosts({ seed: 8, posts: 50 })];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.map((p) => p.content), c.map((p) => p.content));
  });
  it("draws from a pool of distinct texts, each with its planted entities named in it", () => {
    const pool = syntheticTexts(3, 500);
    assert.equal(pool.length, 500);
    assert.equal(new Set(pool.map((t) => t.content)).size, 500);
    for (const t of pool.slice(0, 50)) {
      assert.ok(t.planted.length >= 2);
      for (const p of t.planted) assert.ok(t.content.includes(p.name), `${p.name} in ${t.content}`);
    }
  });
  it("spreads posts over the publications with unique ids, lazily for any size", () => {
    const posts = [...syntheticPosts({ seed: 1, posts: 2_000 })];
    assert.equal(new Set(posts.map((p) => p.id)).size, 2_000);
    assert.deepEqual(new Set(posts.map((p) => p.publication)), new Set(SYNTHETIC_PUBLICATIONS));
    const huge = syntheticPosts({ seed: 1, posts: 1e9 });
    assert.equal(huge.next().done, false); // no up-front cost
  });
  it("uses a PRNG that is uniform enough and repeatable", () => {
    const r = seeded(42);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) buckets[r.int(4)]!++;
    for (const b of buckets) assert.ok(Math.abs(b - 10_000) < 500, String(b));
    assert.equal(seeded(42).next(), seeded(42).next());
  });
});
