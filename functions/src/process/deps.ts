// Production dependencies of the handler, read from params at run time.
import { getFirestore } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import type { HandlerDeps } from "./handler.js";
import { processParams } from "./params.js";
import { extractOnPool } from "./pool.js";

let cached: HandlerDeps | undefined;

/** Call inside the trigger (params have values only at run time); built once per instance. Needs initializeApp() first. */
export function productionDeps(): HandlerDeps {
  return (cached ??= {
    db: getFirestore(),
    extract: (texts) => extractOnPool(texts),
    logger,
    ttlMs: processParams.ledgerTtlDays.value() * 24 * 60 * 60 * 1000,
    retry: { maxElapsedMs: processParams.retryBudgetMs.value() },
  });
}
