// Deploy-time options of the rollup functions (Firebase params).
import { defineInt } from "firebase-functions/params";
import { ROLLUP_DEFAULTS } from "@newsroom/core/pipeline-defaults";

export const rollupParams = {
  graceSeconds: defineInt("ROLLUP_GRACE_SECONDS", {
    default: ROLLUP_DEFAULTS.graceSeconds,
    description: "Seconds after a window's end before the rollup seals it (commits still in flight then land in it, not the next)",
  }),
  globalFoldSeconds: defineInt("GLOBAL_FOLD_SECONDS", {
    default: ROLLUP_DEFAULTS.globalFoldSeconds,
    description: "Seconds the counts over all publications wait before a sweep folds them into global/ and entities/ (longer: fewer writes, later counts)",
  }),
};

/**
 * A rollup's memory: plans v3 hold a batch's pieces over all publications beside its per-publication items,
 * and the hostile backfill of the stack tests (2,000 posts of 200 entities, each on a day of its own) ran
 * the rollup out of 1 GiB.
 */
export const ROLLUP_MEMORY = "2GiB" as const;

/** Options for the rollup's Pub/Sub trigger (add `topic` and `region` when wiring). */
export const rollupOptions = {
  retry: true,
  cpu: 1,
  memory: ROLLUP_MEMORY,
  concurrency: 20,
  timeoutSeconds: 300,
  maxInstances: 10,
};

/** A rollup that stops mid-window leaves it to another after this long. */
export const ROLLUP_LEASE_MS = 60_000;
