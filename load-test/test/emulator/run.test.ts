// The load-test tool against the running emulators: 500 synthetic posts, then
// exact verification of every article count and every entity counter.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localRunOptions, runLoadTest } from "../../src/run.ts";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through "npm run test:emulators"`);
  return value;
};

describe("load test on the emulators", () => {
  it("sends 500 synthetic posts and verifies every count exactly", { timeout: 15 * 60_000 }, async () => {
    const target = { ingestUrl: env("INGEST_URL"), apiKey: env("INGEST_API_KEY"), project: env("GCLOUD_PROJECT") };
    const report = await runLoadTest(localRunOptions(target, { corpus: { kind: "synthetic", seed: 11 }, posts: 500 }));
    assert.equal(report.send.sent, 500);
    assert.equal(report.send.accepted, 500, JSON.stringify(report.send.errors));
    const v = report.verification!;
    assert.equal(v.timedOut, false);
    assert.deepEqual(
      v.publications.filter((c) => c.actual !== c.expectedMin || c.expectedMin !== c.expectedMax),
      [],
      "every publication counts exactly the accepted posts",
    );
    assert.equal(v.publications.reduce((a, c) => a + c.actual - c.baseline, 0), 500);
    assert.ok(v.entitiesChecked > 50, `entity counters checked: ${v.entitiesChecked}`);
    assert.deepEqual(v.entityDiffs, []);
    assert.equal(v.pass, true);
  });
});
