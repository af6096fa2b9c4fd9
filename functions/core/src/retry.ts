// Retrying transient Firestore errors inside one invocation: exponential
// backoff with full jitter (delay = random() * min(cap, base * 2^attempt)),
// bounded by a total time budget, after which the last error is rethrown so
// Pub/Sub redelivers (retry: true). Clock, sleep and random are injectable.
//
// @google-cloud/firestore (which firebase-admin/firestore re-exports) rejects
// with google-gax errors whose numeric `code` is the gRPC status; over the
// REST fallback some surface HTTP statuses instead (the SDK itself treats 409
// like ABORTED). Both are recognised, as are string codes ("UNAVAILABLE",
// "unavailable", "firestore/unavailable").

export const TRANSIENT_GRPC_CODES: ReadonlyMap<number, string> = new Map([
  [4, "DEADLINE_EXCEEDED"],
  [8, "RESOURCE_EXHAUSTED"],
  [10, "ABORTED"],
  [13, "INTERNAL"],
  [14, "UNAVAILABLE"],
]);
const TRANSIENT_HTTP_CODES = new Set([409, 429, 500, 503, 504]);
const TRANSIENT_NAMES = new Set(["deadline-exceeded", "resource-exhausted", "aborted", "internal", "unavailable"]);

/** An error's code: the number it carries, or its name normalised ("firestore/ALREADY_EXISTS" -> "already-exists"). */
function codeOf(err: unknown): number | string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  const code = (err as { code: unknown }).code;
  if (typeof code === "number") return code;
  return typeof code === "string" ? code.replace(/^firestore\//i, "").toLowerCase().replaceAll("_", "-") : undefined;
}

export function isTransientFirestoreError(err: unknown): boolean {
  const code = codeOf(err);
  return typeof code === "number" ? TRANSIENT_GRPC_CODES.has(code) || TRANSIENT_HTTP_CODES.has(code) : code !== undefined && TRANSIENT_NAMES.has(code);
}

export interface RetryOptions {
  /** Total time budget from the first attempt, ms. After it, the last error is rethrown. */
  maxElapsedMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  isRetryable: (err: unknown) => boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxElapsedMs: 60_000,
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  isRetryable: isTransientFirestoreError,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full-jitter delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, opts: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "random">): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(opts.random() * ceiling);
}

/**
 * Runs `fn` (given the 1-based attempt number) until it resolves, a
 * non-retryable error occurs, or the next wait would end past the budget.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const opts: RetryOptions = { ...DEFAULT_RETRY, ...options };
  const start = opts.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!opts.isRetryable(error)) throw error;
      const delayMs = backoffDelay(attempt, opts);
      if (opts.now() + delayMs - start > opts.maxElapsedMs) throw error;
      opts.onRetry?.({ attempt, delayMs, error });
      await opts.sleep(delayMs);
    }
  }
}

const PERMANENT_GRPC_CODES = new Set([3, 11]); // INVALID_ARGUMENT, OUT_OF_RANGE
const PERMANENT_NAMES = new Set(["invalid-argument", "out-of-range"]);

/**
 * Errors no retry can fix because of what was written (a value too large, too
 * many index entries): the posts in that commit are to blame, not the service.
 */
export function isPermanentFirestoreError(err: unknown): boolean {
  const code = codeOf(err);
  return typeof code === "number" ? PERMANENT_GRPC_CODES.has(code) || code === 400 || code === 413 : code !== undefined && PERMANENT_NAMES.has(code);
}

/**
 * A create that found its document already there (ALREADY_EXISTS, gRPC 6).
 * Inside a transaction that read the document first this means it appeared
 * since: running the transaction again reads it and skips it.
 */
export function isAlreadyExists(err: unknown): boolean {
  const code = codeOf(err);
  return code === 6 || code === "already-exists";
}
