import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, functionSettings, resolveParams, type Manifest } from "../../../src/runtime/manifest.ts";

const manifest: Manifest = {
  specVersion: "v1alpha1",
  params: [
    { name: "REGION", type: "string", default: "us-central1" },
    { name: "MEM", type: "int", default: 512 },
    { name: "TOPIC", type: "string", default: "posts" },
    { name: "KEY", type: "secret" },
  ],
  endpoints: {
    ingest: { entryPoint: "ingest", availableMemoryMb: "{{ params.MEM }}", concurrency: 80, cpu: 1, httpsTrigger: {}, secretEnvironmentVariables: [{ key: "KEY" }] },
    processPosts: {
      entryPoint: "processPosts",
      timeoutSeconds: 300,
      eventTrigger: { eventType: "google.cloud.pubsub.topic.v1.messagePublished", eventFilters: { topic: "{{ params.TOPIC }}" }, retry: true },
    },
  },
};

describe("runtime manifest", () => {
  it("resolves params as a deploy does: later files over earlier, any file over the default; secrets apart", () => {
    const values = resolveParams(manifest.params!, [{ MEM: "1024" }, { MEM: "2048", TOPIC: "t2" }, {}]);
    assert.deepEqual(values, { REGION: "us-central1", MEM: "2048", TOPIC: "t2" });
    assert.throws(() => resolveParams([{ name: "X", type: "string" }], []), /X has no value/);
  });

  it("evaluates literals and {{ params.NAME }}, and refuses what it cannot evaluate", () => {
    assert.equal(evaluate("{{ params.MEM }}", { MEM: "7" }), "7");
    assert.equal(evaluate(60, {}), 60);
    assert.throws(() => evaluate("{{ params.MEM > 1 ? 2 : 3 }}", { MEM: "7" }), /unsupported/);
    assert.throws(() => evaluate("{{ params.NOPE }}", {}), /unknown param/);
  });

  it("gives each function its deployed settings, with the platform's defaults for the rest", () => {
    const [ingest, proc] = functionSettings(manifest, resolveParams(manifest.params!, []));
    assert.deepEqual(ingest, { name: "ingest", memoryMb: 512, timeoutSeconds: 60, concurrency: 80, maxInstances: 100, cpu: 1, secrets: ["KEY"], signatureType: "http" });
    assert.equal(proc!.signatureType, "cloudevent");
    assert.deepEqual(proc!.pubsub, { topic: "posts", retry: true });
    assert.equal(proc!.memoryMb, 256);
    assert.equal(proc!.timeoutSeconds, 300);
  });
});
