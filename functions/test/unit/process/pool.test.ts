import { strict as assert } from "node:assert";
import { after, describe, it } from "node:test";
import { extractEntities } from "@newsroom/core/extract";
import { batchSize, destroyExtractionPool, extractOnPool, getExtractionPool, MAX_BATCH, poolSizeFromEnv } from "../../../src/process/pool.js";

const texts = [
  "President Barack Obama met Angela Merkel in Berlin on Tuesday.",
  "The United Nations and the World Health Organization spoke in Geneva.",
  "Nothing to see here.",
  "Microsoft and Google opened offices in Paris, London and Tokyo.",
  "Abraham Lincoln addressed Congress about the Union.",
  "",
  "Queen Elizabeth visited Canada and Australia.",
];

describe("extraction pool", () => {
  after(() => destroyExtractionPool());

  it("runs extractEntities on worker threads with the same results, in order", async () => {
    const pool = getExtractionPool(2);
    assert.equal(pool.maxThreads, 2);
    const many = Array.from({ length: 40 }, (_, i) => texts[i % texts.length]!);
    const got = await extractOnPool(many, pool);
    assert.deepEqual(got, many.map((t) => extractEntities(t)));
    assert.ok(got.some((e) => e.length > 0), "found entities at all");
    // The work really ran on the pool's threads.
    assert.ok(pool.completed >= Math.ceil(many.length / MAX_BATCH), `tasks completed: ${pool.completed}`);
    assert.equal(pool.threads.length, 2);
  });

  it("is created once per instance and shared", () => {
    assert.equal(getExtractionPool(), getExtractionPool(5));
  });

  it("batches several posts per task, about two tasks per thread", () => {
    assert.equal(batchSize(1, 8), 1);
    assert.equal(batchSize(100, 8), 7);
    assert.equal(batchSize(10_000, 8), MAX_BATCH);
  });

  it("sizes from EXTRACT_THREADS, 0 or unset meaning availableParallelism", async () => {
    const { availableParallelism } = await import("node:os");
    assert.equal(poolSizeFromEnv({ EXTRACT_THREADS: "3" }), 3);
    assert.equal(poolSizeFromEnv({ EXTRACT_THREADS: "0" }), availableParallelism());
    assert.equal(poolSizeFromEnv({}), availableParallelism());
    assert.throws(() => poolSizeFromEnv({ EXTRACT_THREADS: "two" }), /non-negative integer/);
  });
});
