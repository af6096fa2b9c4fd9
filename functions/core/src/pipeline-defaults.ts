// The deployed defaults of the tunables that shape the write path, once: the
// functions' params take their defaults from here, and the write benchmark
// (bench/writes.ts) simulates with the same values.

/** Ingest's packing of posts into Pub/Sub messages (INGEST_* params). */
export const INGEST_DEFAULTS = {
  maxPostsPerMessage: 100,
  maxMessageBytes: 256 * 1024,
  batchWindowMs: 20,
} as const;

/** processPosts (READ_LEGACY_LEDGER). */
export const PROCESS_DEFAULTS = {
  readLegacyLedger: true,
} as const;

/** The rollup (ROLLUP_WINDOW_SECONDS, ROLLUP_GRACE_SECONDS). */
export const ROLLUP_DEFAULTS = {
  windowSeconds: 30,
  graceSeconds: 2,
  /** GLOBAL_FOLD_SECONDS: pending counts over all publications are folded once the oldest is this old (functions/src/rollup/global-fold.ts). */
  globalFoldSeconds: 300,
} as const;

/** Posts per processPosts commit: by position only, so the grouping never depends on extraction. */
export const POSTS_PER_COMMIT = 100;
