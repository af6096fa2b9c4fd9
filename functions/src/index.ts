// Wiring only: each export binds a trigger to its handler and options.
import { initializeApp } from "firebase-admin/app";
import * as logger from "firebase-functions/logger";
import { onRequest } from "firebase-functions/v2/https";
import { onMessagePublished } from "firebase-functions/v2/pubsub";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { getFirestore } from "firebase-admin/firestore";
import { Batcher } from "@newsroom/core/batcher";
import { loadGrant, warmKeyLookups } from "@newsroom/store/client-keys";
import { ingestApiKey, postsTopic, publishedAtBounds, region, rollupTopic, trustedProxies } from "./config.js";
import { createApiHandler } from "./api/request-handler.js";
import { dashboardLinks } from "./api/links.js";
import { apiOptions, apiParams } from "./api/params.js";
import { apiHeadPolicy } from "./api/head-policy.js";
import { clientAddressResolver, type AddressedRequest } from "./http/client-address.js";
import { installPreBodyGuard, servedFunction } from "./http/pre-body-guard.js";
import { IngestAccess } from "./ingest/access.js";
import { createIngestHandler } from "./ingest/handler.js";
import { ingestParams } from "./ingest/params.js";
import { ingestHeadPolicy } from "./ingest/head-policy.js";
import { Keyring } from "./keys/keyring.js";
import { instanceExtractionPool, productionDeps } from "./process/deps.js";
import { handlePostsMessage, inputFromPubsub } from "./process/handler.js";
import { processPostsOptions } from "./process/params.js";
import { topicPublisher } from "./pubsub/publisher.js";
import { pollerDeps } from "./feeds/deps.js";
import { pollDueSources } from "./feeds/handler.js";
import { POLLER_TIMEOUT_SECONDS } from "./feeds/params.js";
import { feedFetcher, fetchParams } from "./fetcher.js";
import { rollupDeps } from "./rollup/deps.js";
import { handleRollupTick, sweep, type RollupTick } from "./rollup/handler.js";
import { ROLLUP_MEMORY, rollupOptions } from "./rollup/params.js";

initializeApp();

// Params have values only at run time, so the batcher is built on first use.
let batcher: Batcher | undefined;
const ingestBatcher = () =>
  (batcher ??= new Batcher({
    publish: topicPublisher(postsTopic.value(), ingestParams.publishTimeoutMs.value()),
    maxPosts: ingestParams.maxPostsPerMessage.value(),
    maxBytes: ingestParams.maxMessageBytes.value(),
    windowMs: ingestParams.batchWindowMs.value(),
  }));

// One per instance, shared by the pre-body guard and the handler: the key
// cache, the lookups paid for per address, the buckets of posts per key.
let access: IngestAccess | undefined;
const ingestAccess = () =>
  (access ??= new IngestAccess({
    operatorKey: () => ingestApiKey.value(),
    operatorPostsPerMinute: () => ingestParams.operatorPostsPerMinute.value(),
    keyring: new Keyring({
      load: (id) => loadGrant(getFirestore(), id),
      ttlMs: ingestParams.keyCacheSeconds.value() * 1000,
      missTtlMs: ingestParams.keyMissCacheSeconds.value() * 1000,
      failedLookupsPerMinute: ingestParams.failedKeyLookupsPerMinute.value(),
    }),
  }));

let resolveAddress: ((req: AddressedRequest) => string) | undefined;
const clientAddress = (req: AddressedRequest) => (resolveAddress ??= clientAddressResolver(trustedProxies.value()))(req);

const logIngest = (entry: object) => logger.info("ingest request", entry);

// An ingest instance opens its Firestore client as it starts, not while the
// first request with a client key waits (and may time out) for it.
if (servedFunction() === "ingest") {
  warmKeyLookups(getFirestore()).then(
    () => logger.info("ingest: key lookups warm"),
    (err: unknown) => logger.warn("ingest: key lookups failed to warm", { error: String(err).slice(0, 200) }),
  );
}

// Before the framework builds its server: requests the head rules out never
// have their bodies read (see http/pre-body-guard.ts).
installPreBodyGuard(() => {
  const served = servedFunction();
  if (served === "ingest") return ingestHeadPolicy({ access: ingestAccess, clientAddress, maxInflightBytes: ingestParams.maxInflightBytes.value(), log: logIngest });
  if (served === "api") return apiHeadPolicy();
  return undefined;
});

export const ingest = onRequest(
  {
    region,
    secrets: [ingestApiKey],
    cpu: 1, // concurrency above 1 needs a whole vCPU
    memory: ingestParams.memoryMb,
    concurrency: ingestParams.concurrency,
    maxInstances: ingestParams.maxInstances,
    timeoutSeconds: 60,
    invoker: "public", // the API key is the gate
  },
  createIngestHandler({
    access: ingestAccess,
    clientAddress,
    dateBounds: publishedAtBounds,
    submit: (posts) => ingestBatcher().submit(posts),
    log: logIngest,
  }),
);

// A processPosts instance loads the extractor in every thread as it starts,
// not while its first messages wait (so does a Functions emulator worker: the
// harness starts some before the stack is up, and each serves many messages).
if (process.env.FUNCTION_TARGET === "processPosts") {
  instanceExtractionPool().warm().then(
    (warm) => logger.info("processPosts: extraction pool warm", warm),
    (err: unknown) => logger.error("processPosts: extraction pool failed to start", { error: String(err) }),
  );
}

export const processPosts = onMessagePublished({ ...processPostsOptions, topic: postsTopic, region }, async (event) => {
  // Throws only after in-invocation retries are exhausted, so Pub/Sub redelivers.
  // Ticks come from real instances only: the Functions emulator runs each
  // invocation in a process of its own, and its harness sends sweep ticks.
  await handlePostsMessage(inputFromPubsub(event.data.message), productionDeps({ tickRollup: servedFunction() !== undefined }));
});

export const rollup = onMessagePublished({ ...rollupOptions, topic: rollupTopic, region }, async (event) => {
  let tick: RollupTick = {};
  try {
    const body: unknown = event.data.message.json;
    if (typeof body === "object" && body !== null) tick = body as RollupTick;
  } catch {
    // Not JSON: a sweep is all such a tick can ask for.
  }
  await handleRollupTick(tick, rollupDeps());
});

// The safety net for a lost tick: every window due is rolled up within a minute.
export const rollupSweep = onSchedule({ schedule: "every 1 minutes", region, timeoutSeconds: 300, memory: ROLLUP_MEMORY }, async () => {
  await sweep(rollupDeps(), { compact: true });
});

// Collects articles from the registered feeds and sitemaps: every source due is polled within a minute.
export const pollFeeds = onSchedule({ schedule: "every 1 minutes", region, timeoutSeconds: POLLER_TIMEOUT_SECONDS, memory: "1GiB" }, async () => {
  await pollDueSources(pollerDeps());
});

// A bad DASHBOARD_URL stops an api instance as it starts, before it serves a
// link (under the Functions emulator, its first request fails and says why).
if (servedFunction() === "api") dashboardLinks(apiParams.dashboardUrl.value());

// The public read API (through Hosting's /api/** rewrite, so its CDN caches it).
export const api = onRequest(
  { ...apiOptions, region, secrets: [ingestApiKey] }, // the operator's key opens the /v1/sources routes
  createApiHandler({
    db: () => getFirestore(),
    allowedOrigins: () => apiParams.allowedOrigins.value().split(",").map((o) => o.trim()).filter(Boolean),
    cacheSeconds: () => apiParams.cacheSeconds.value(),
    dashboardUrl: () => apiParams.dashboardUrl.value(),
    requestsPerMinute: () => apiParams.requestsPerMinute.value(),
    clientAddress,
    dateBounds: publishedAtBounds,
    log: (entry) => logger.info("api request", entry),
    admin: {
      db: () => getFirestore(),
      operatorKey: () => ingestApiKey.value(),
      fetch: feedFetcher,
      maxFeedBytes: () => fetchParams.maxFeedBytes.value(),
    },
  }),
);
