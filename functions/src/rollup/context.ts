// What every step of the rollup is given (production builds it in deps.ts,
// tests against the emulator), and how it sleeps. Its transactions are
// @newsroom/store/transaction's: one attempt each, retried with deps.retry.
import type { Firestore } from "firebase-admin/firestore";
import type { RetryOptions } from "@newsroom/core/retry";
import type { Logger } from "../log.js";

export interface RollupDeps {
  db: Firestore;
  logger: Logger;
  windowSeconds: number;
  /** Wait this long after a window's end before reading it (commits in flight then land after it). */
  graceMs: number;
  /** How long a claimed window is left to its rollup before another may take over. */
  leaseMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryOptions>;
  /** Names this rollup in leases (instance + invocation). */
  owner: string;
  /** Size of one commit (default PART_LIMITS). */
  partLimits?: { bytes: number; writes: number };
  /** GLOBAL_FOLD_SECONDS in ms: pending counts over all publications are folded once the oldest is this old. */
  globalFoldMs?: number;
  /** How much one batch reads and plans at most (default BATCH_LIMITS). */
  batchLimits?: { bytes: number; posts: number; planBytes: number };
}

export const sleepOf = (deps: RollupDeps) => deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
