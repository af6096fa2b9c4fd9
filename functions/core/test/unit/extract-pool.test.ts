import { strict as assert } from "node:assert";
import { after, describe, it } from "node:test";
import { extractEntities } from "@newsroom/core/extract";
import { batchSize, createExtractionPool, MAX_BATCH, poolSizeFromEnv } from "../../src/extract-pool.js";

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
  const pool = createExtractionPool({ threads: 2 });
  after(() => pool.destroy());

  it("runs extractEntities on worker threads with the same results, in order", async () => {
    assert.equal(pool.threads, 2);
    const many = Array.from({ length: 40 }, (_, i) => texts[i % texts.length]!);
    const got = await pool.extractAll(many);
    assert.deepEqual(got, many.map((t) => extractEntities(t)));
    assert.ok(got.some((e) => e.length > 0), "found entities at all");
    // The work really ran on the pool's threads.
    const stats = pool.stats();
    assert.ok(stats.completed >= Math.ceil(many.length / MAX_BATCH), `tasks completed: ${stats.completed}`);
    assert.equal(stats.threads, 2);
  });

  it("extractEach gives each text its entities, in order", async () => {
    const got = await pool.extractEach(texts);
    assert.deepEqual(got, texts.map((t) => ({ ok: true, entities: extractEntities(t) })));
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
