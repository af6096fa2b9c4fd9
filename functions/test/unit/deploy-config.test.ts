// What `firebase deploy` will read: the manifest firebase-functions attaches to
// each exported function (__endpoint), and the defaults of the params it names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiParams } from "../../src/api/params.js";
import { ingestApiKey, region, trustedProxies } from "../../src/config.js";
import * as functions from "../../src/index.js";
import { ingestParams } from "../../src/ingest/params.js";

type Param = { name: string; options: { default?: unknown } };
const ref = (p: Param) => `params.${p.name}`;
const endpointOf = (fn: unknown) => JSON.parse(JSON.stringify((fn as { __endpoint: unknown }).__endpoint));

describe("ingest deploy manifest", () => {
  const endpoint = endpointOf(functions.ingest);

  it("is a public gen2 HTTPS function", () => {
    assert.equal(endpoint.platform, "gcfv2");
    assert.deepEqual(endpoint.httpsTrigger.invoker, ["public"]);
  });
  it("takes its region from the REGION param, default us-central1", () => {
    assert.equal(endpoint.region, ref(region as unknown as Param));
    assert.equal((region as unknown as Param).options.default, "us-central1");
  });
  it("mounts the INGEST_API_KEY secret", () => {
    assert.deepEqual(endpoint.secretEnvironmentVariables, [{ key: "INGEST_API_KEY" }]);
    assert.equal(ingestApiKey.name, "INGEST_API_KEY");
  });
  it("takes memory, concurrency and max instances from params with production defaults", () => {
    assert.equal(endpoint.availableMemoryMb, ref(ingestParams.memoryMb as unknown as Param));
    assert.equal(endpoint.concurrency, ref(ingestParams.concurrency as unknown as Param));
    assert.equal(endpoint.maxInstances, ref(ingestParams.maxInstances as unknown as Param));
    assert.equal(endpoint.cpu, 1, "concurrency above 1 needs a whole vCPU");
    assert.deepEqual(
      [ingestParams.memoryMb, ingestParams.concurrency, ingestParams.maxPostsPerMessage, ingestParams.maxMessageBytes, ingestParams.batchWindowMs].map(
        (p) => (p as unknown as Param).options.default,
      ),
      [512, 80, 100, 256 * 1024, 20],
    );
  });
});

describe("processPosts deploy manifest", () => {
  const endpoint = endpointOf(functions.processPosts);

  it("is triggered by the POSTS_TOPIC topic, with retries on", () => {
    assert.equal(endpoint.eventTrigger.eventType, "google.cloud.pubsub.topic.v1.messagePublished");
    assert.equal(endpoint.eventTrigger.eventFilters.topic, "params.POSTS_TOPIC");
    assert.equal(endpoint.eventTrigger.retry, true);
    assert.equal(endpoint.region, "params.REGION");
  });
  it("runs on 8 vCPUs, 80 messages at once, 8 GiB, 300 s", () => {
    assert.equal(endpoint.cpu, 8);
    assert.equal(endpoint.concurrency, "params.PROCESS_CONCURRENCY");
    assert.equal(endpoint.availableMemoryMb, "params.PROCESS_MEMORY_MB");
    assert.equal(endpoint.timeoutSeconds, 300);
    assert.equal(endpoint.maxInstances, "params.PROCESS_MAX_INSTANCES");
  });
});

describe("the limits of issue 19 (params with their defaults)", () => {
  const defaults = (params: object) => Object.fromEntries(Object.values(params).map((p) => [(p as Param).name, (p as Param).options.default]));
  it("ingest: the key cache, unknown keys, failed lookups per address, the operator's rate", () => {
    const d = defaults(ingestParams);
    assert.equal(d.INGEST_KEY_CACHE_SECONDS, 30, "a revoked key stops within a minute");
    assert.equal(d.INGEST_KEY_MISS_CACHE_SECONDS, 5);
    assert.equal(d.INGEST_FAILED_KEY_LOOKUPS_PER_MINUTE, 20);
    assert.equal(d.INGEST_OPERATOR_POSTS_PER_MINUTE, 0, "the operator's key is unlimited unless set");
  });
  it("the read API: requests per address; the proxies whose X-Forwarded-For entries are believed", () => {
    assert.equal(defaults(apiParams).API_REQUESTS_PER_MINUTE, 600);
    assert.equal((trustedProxies as unknown as Param).options.default, "", "only Cloud Run's own front end");
  });
});

describe("pollFeeds and the feed fetcher's deploy manifest", () => {
  const endpoint = endpointOf(functions.pollFeeds);
  it("runs every minute from Cloud Scheduler, with a timeout its sources' leases outlast", async () => {
    const { POLLER_TIMEOUT_SECONDS, SOURCE_LEASE_MS, RUN_BUDGET_MS, POLL_BUDGET_MS } = await import("../../src/feeds/params.js");
    const { fetchParams } = await import("../../src/fetcher.js");
    assert.equal(endpoint.scheduleTrigger.schedule, "every 1 minutes");
    assert.equal(endpoint.timeoutSeconds, POLLER_TIMEOUT_SECONDS);
    const fetchTimeoutMs = (fetchParams.fetchTimeoutMs as unknown as Param).options.default as number;
    // No source starts after the run's budget, none runs past its own, one fetch may overrun it: all inside the timeout, and the lease beyond.
    assert.ok(RUN_BUDGET_MS + POLL_BUDGET_MS + fetchTimeoutMs < POLLER_TIMEOUT_SECONDS * 1000);
    assert.ok(SOURCE_LEASE_MS > POLLER_TIMEOUT_SECONDS * 1000);
  });
  it("reaches no loopback address unless FEEDS_ALLOW_LOOPBACK is set (the local harnesses only)", async () => {
    const { fetchParams } = await import("../../src/fetcher.js");
    assert.equal((fetchParams.allowLoopback as unknown as Param).options.default, false);
  });
  it("mounts the operator's key in the API, for the /v1/sources routes", () => {
    assert.deepEqual(endpointOf(functions.api).secretEnvironmentVariables, [{ key: "INGEST_API_KEY" }]);
  });
});
