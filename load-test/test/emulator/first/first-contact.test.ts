// The first client a freshly started stack meets, written the way the original
// course app's uploader is: sequential, one post per request, a 3 s timeout,
// no retry. Every one of its 1,000 posts must be accepted on the first try
// (run first, against a stack that has just said it is up).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { summarise } from "../../../src/stats.ts";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through "npm run test:emulators" or "npm run test:stack"`);
  return value;
};

describe("a naive client on a fresh stack", () => {
  it("sends 1,000 posts one at a time with a 3 s timeout and no retry, all accepted", { timeout: 30 * 60_000 }, async (t) => {
    const url = `${env("INGEST_URL")}/post/enqueue`;
    const key = env("INGEST_API_KEY");
    const run = randomBytes(3).toString("hex");
    const failures: string[] = [];
    const latencies: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      const started = performance.now();
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { access_token: key, "content-type": "application/json" },
          body: JSON.stringify({ publication: `First contact ${run}`, content: `Angela Merkel met Emmanuel Macron in Paris (${i}).` }),
          signal: AbortSignal.timeout(3_000),
        });
        await res.arrayBuffer();
        if (res.status !== 202) failures.push(`post ${i}: HTTP ${res.status}`);
      } catch (err) {
        failures.push(`post ${i}: ${(err as Error).name} after ${Math.round(performance.now() - started)} ms`);
      }
      latencies.push(performance.now() - started);
    }
    const latency = summarise(latencies);
    t.diagnostic(`latency p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, max ${latency.max.toFixed(0)} ms`);
    assert.deepEqual(failures, []);
  });
});
