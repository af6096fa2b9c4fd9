// Production dependencies of the handler, read from params at run time.
import { getFirestore } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { publishedAtBounds, rollupTopic, rollupWindowSeconds } from "../config.js";
import { topicPublisher } from "../ingest/publisher.js";
import { DAY_MS } from "@newsroom/core/layout";
import type { HandlerDeps } from "./handler.js";
import { processParams } from "./params.js";
import { extractEach } from "./pool.js";
import type { RetryOptions } from "./retry.js";

/**
 * Once per window and instance, a tick on the rollup topic: the rollup then
 * waits for the window to end and applies it. Windows long gone are forgotten.
 */
export function windowTicker(publish: (data: Buffer) => Promise<string>, now: () => number = Date.now): (windowEnd: number) => Promise<void> {
  const ticked = new Set<number>();
  return async (windowEnd) => {
    if (ticked.has(windowEnd)) return;
    ticked.add(windowEnd);
    for (const w of ticked) if (w < now() - 10 * 60_000) ticked.delete(w);
    try {
      await publish(Buffer.from(JSON.stringify({ windowEnd })));
    } catch (err) {
      ticked.delete(windowEnd); // the next message in this window tries again
      throw err;
    }
  };
}

/** The retry budget from params; every retry logged with its gRPC code (ABORTED = contention). */
export function retryPolicy(fn: string): Partial<RetryOptions> {
  return {
    maxElapsedMs: processParams.retryBudgetMs.value(),
    onRetry: ({ attempt, delayMs, error }) =>
      logger.warn(`${fn}: transient Firestore error, retrying`, {
        attempt,
        delayMs,
        code: (error as { code?: unknown }).code ?? null,
        error: String(error).slice(0, 200),
        at: Date.now(),
      }),
  };
}

let cached: HandlerDeps | undefined;

/** Call inside the trigger (params have values only at run time); built once per instance. Needs initializeApp() first. */
export function productionDeps(tick: boolean): HandlerDeps {
  if (cached) return cached;
  const retentionDays = processParams.articleRetentionDays.value();
  cached = {
    db: getFirestore(),
    extract: (texts) => extractEach(texts),
    logger,
    windowSeconds: rollupWindowSeconds.value(),
    legacy: processParams.readLegacyLedger.value(),
    previousIds: processParams.readPreviousArticleIds.value(),
    dates: publishedAtBounds(),
    ...(retentionDays > 0 ? { articleTtlMs: Math.max(8, retentionDays) * DAY_MS } : {}),
    ...(tick ? { onWindow: windowTicker(topicPublisher(rollupTopic.value(), 10_000)) } : {}),
    retry: retryPolicy("processPosts"),
  };
  return cached;
}
