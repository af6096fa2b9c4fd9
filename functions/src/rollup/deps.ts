// Production dependencies of the rollup, read from params at run time.
import { randomUUID } from "node:crypto";
import { getFirestore } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { rollupWindowSeconds } from "../config.js";
import { retryPolicy } from "../retry-policy.js";
import type { RollupDeps } from "./handler.js";
import { ROLLUP_LEASE_MS, rollupParams } from "./params.js";

const instance = randomUUID().slice(0, 8);

export function rollupDeps(): RollupDeps {
  return {
    db: getFirestore(),
    logger,
    windowSeconds: rollupWindowSeconds.value(),
    graceMs: rollupParams.graceSeconds.value() * 1000,
    globalFoldMs: rollupParams.globalFoldSeconds.value() * 1000,
    leaseMs: ROLLUP_LEASE_MS,
    retry: retryPolicy("rollup"),
    owner: `${instance}-${randomUUID().slice(0, 8)}`,
  };
}
