// Tunables of the ingest function (Firebase params with production defaults).
import { defineInt } from "firebase-functions/params";
import { INGEST_DEFAULTS } from "@newsroom/core/pipeline-defaults";

export const ingestParams = {
  maxPostsPerMessage: defineInt("INGEST_MAX_POSTS_PER_MESSAGE", {
    default: INGEST_DEFAULTS.maxPostsPerMessage,
    description: "Most posts packed into one Pub/Sub message",
  }),
  maxMessageBytes: defineInt("INGEST_MAX_MESSAGE_BYTES", {
    default: INGEST_DEFAULTS.maxMessageBytes,
    description: "Largest Pub/Sub message built from several posts (a single larger post goes alone)",
  }),
  batchWindowMs: defineInt("INGEST_BATCH_WINDOW_MS", {
    default: INGEST_DEFAULTS.batchWindowMs,
    description: "How long posts from concurrent requests wait to share a message",
  }),
  publishTimeoutMs: defineInt("INGEST_PUBLISH_TIMEOUT_MS", {
    default: 15_000,
    description: "Answer 503 when Pub/Sub has not confirmed a publish within this time",
  }),
  maxInflightBytes: defineInt("INGEST_MAX_INFLIGHT_BYTES", {
    default: 32 * 1024 * 1024,
    description: "Declared body bytes one instance reads at once; further large requests get 503 until some finish",
  }),
  keyCacheSeconds: defineInt("INGEST_KEY_CACHE_SECONDS", {
    default: 30,
    description: "How long an instance keeps a client key's lookup: a revoked key stops working within this time",
  }),
  keyMissCacheSeconds: defineInt("INGEST_KEY_MISS_CACHE_SECONDS", {
    default: 5,
    description: "How long an instance remembers that a presented client key does not exist",
  }),
  failedKeyLookupsPerMinute: defineInt("INGEST_FAILED_KEY_LOOKUPS_PER_MINUTE", {
    default: 20,
    description: "Client key lookups that find nothing, per client address, minute and instance; beyond, 429 without a lookup",
  }),
  operatorPostsPerMinute: defineInt("INGEST_OPERATOR_POSTS_PER_MINUTE", {
    default: 0,
    description: "Posts per minute and instance the operator's key (INGEST_API_KEY) may send; 0 = no limit",
  }),
  concurrency: defineInt("INGEST_CONCURRENCY", { default: 80, description: "Requests per instance" }),
  maxInstances: defineInt("INGEST_MAX_INSTANCES", { default: 100, description: "Most ingest instances" }),
  memoryMb: defineInt("INGEST_MEMORY_MB", { default: 512, description: "Memory per ingest instance, MB" }),
};
