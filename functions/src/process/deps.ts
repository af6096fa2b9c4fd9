// Production dependencies of the handler, read from params at run time.
import { getFirestore } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { createExtractionPool, poolSizeFromEnv, type ExtractionPool } from "@newsroom/core/extract-pool";
import { DAY_MS } from "@newsroom/core/firestore-schema";
import { windowTicker } from "@newsroom/core/window-ticker";
import { publishedAtBounds, rollupTopic, rollupWindowSeconds } from "../config.js";
import { topicPublisher } from "../pubsub/publisher.js";
import { retryPolicy } from "../retry-policy.js";
import type { HandlerDeps } from "./handler.js";
import { processParams } from "./params.js";

let pool: ExtractionPool | undefined;

/** The instance's extraction pool: created on first use, kept for the instance's life, shared by every invocation. */
export function instanceExtractionPool(): ExtractionPool {
  return (pool ??= createExtractionPool({ threads: poolSizeFromEnv() }));
}

export interface ProductionDepsOptions {
  /** Send a rollup tick per window written into (real instances; the Functions emulator's harness sends its own). */
  tickRollup: boolean;
}

let cached: HandlerDeps | undefined;

/** Call inside the trigger (params have values only at run time); built once per instance. Needs initializeApp() first. */
export function productionDeps({ tickRollup }: ProductionDepsOptions): HandlerDeps {
  if (cached) return cached;
  const retentionDays = processParams.articleRetentionDays.value();
  const extraction = instanceExtractionPool();
  cached = {
    db: getFirestore(),
    extract: (texts) => extraction.extractEach(texts),
    logger,
    windowSeconds: rollupWindowSeconds.value(),
    legacy: processParams.readLegacyLedger.value(),
    previousIds: processParams.readPreviousArticleIds.value(),
    dates: publishedAtBounds(),
    ...(retentionDays > 0 ? { articleTtlMs: Math.max(8, retentionDays) * DAY_MS } : {}),
    ...(tickRollup ? { onWindow: windowTicker(topicPublisher(rollupTopic.value(), 10_000)) } : {}),
    retry: retryPolicy("processPosts"),
  };
  return cached;
}
