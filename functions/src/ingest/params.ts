// Tunables of the ingest function (Firebase params with production defaults).
import { defineInt } from "firebase-functions/params";

export const ingestParams = {
  maxPostsPerMessage: defineInt("INGEST_MAX_POSTS_PER_MESSAGE", {
    default: 100,
    description: "Most posts packed into one Pub/Sub message",
  }),
  maxMessageBytes: defineInt("INGEST_MAX_MESSAGE_BYTES", {
    default: 256 * 1024,
    description: "Largest Pub/Sub message built from several posts (a single larger post goes alone)",
  }),
  batchWindowMs: defineInt("INGEST_BATCH_WINDOW_MS", {
    default: 20,
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
  concurrency: defineInt("INGEST_CONCURRENCY", { default: 80, description: "Requests per instance" }),
  maxInstances: defineInt("INGEST_MAX_INSTANCES", { default: 100, description: "Most ingest instances" }),
  memoryMb: defineInt("INGEST_MEMORY_MB", { default: 512, description: "Memory per ingest instance, MB" }),
};
