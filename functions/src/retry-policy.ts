// The retry budget for transient Firestore errors, shared by processPosts and
// the rollup: read from params at run time, every retry logged.
import * as logger from "firebase-functions/logger";
import type { RetryOptions } from "@newsroom/core/retry";
import { firestoreRetryBudgetMs } from "./config.js";

/** The retry budget from params; every retry logged with its gRPC code (ABORTED = contention). */
export function retryPolicy(fn: string): Partial<RetryOptions> {
  return {
    maxElapsedMs: firestoreRetryBudgetMs.value(),
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
