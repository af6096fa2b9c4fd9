// processPosts keeps one extraction pool per instance, shared by every invocation.
import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { instanceExtractionPool } from "../../../src/process/deps.js";

describe("instanceExtractionPool", () => {
  it("is created once per instance and shared", async () => {
    process.env.EXTRACT_THREADS = "1";
    const pool = instanceExtractionPool();
    try {
      assert.equal(instanceExtractionPool(), pool);
      assert.equal(pool.threads, 1);
    } finally {
      await pool.destroy();
    }
  });
});
