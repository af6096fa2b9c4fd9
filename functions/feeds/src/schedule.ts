// When a source is polled next: an interval that adapts to how often it has
// new items, a back-off for one that fails, and a server's Retry-After.

export interface IntervalLimits {
  minMs: number;
  maxMs: number;
}

/** The params' defaults (FEEDS_MIN_INTERVAL_MINUTES, FEEDS_MAX_INTERVAL_HOURS). */
export const DEFAULT_INTERVAL_LIMITS: IntervalLimits = { minMs: 5 * 60_000, maxMs: 24 * 3_600_000 };

/** A new source's first interval, before it has shown how often it changes. */
export const START_INTERVAL_MS = 60 * 60_000;
/** Longest Retry-After honoured (a longer one is a misconfiguration, not a request). */
export const MAX_RETRY_AFTER_MS = 7 * 24 * 3_600_000;

const clamp = (ms: number, limits: IntervalLimits) => Math.min(limits.maxMs, Math.max(limits.minMs, ms));

/**
 * The next interval: halved after a poll that found new items, half as long
 * again after a quiet one, always within the limits. A source with items at
 * every poll converges on the minimum; a silent one on the maximum.
 */
export function nextIntervalMs(previousMs: number | undefined, newItems: number, limits: IntervalLimits): number {
  const previous = previousMs === undefined || !Number.isFinite(previousMs) || previousMs <= 0 ? START_INTERVAL_MS : previousMs;
  return Math.round(clamp(newItems > 0 ? previous / 2 : previous * 1.5, limits));
}

/** Wait after the n-th failure in a row: the minimum, doubling, at most the maximum. */
export function failureDelayMs(consecutiveFailures: number, limits: IntervalLimits): number {
  const n = Number.isFinite(consecutiveFailures) ? Math.max(1, Math.floor(consecutiveFailures)) : 64;
  // 2^40 minimums exceed any maximum: no overflow to Infinity.
  return clamp(limits.minMs * 2 ** Math.min(n - 1, 40), limits);
}

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP-date (a
 * date in the past is 0: retry now). Undefined when absent or not either
 * form; capped at MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP-date names its weekday; Date.parse alone would take "1" or "2026" as dates.
  if (!/^[A-Za-z]{3},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (!Number.isFinite(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_RETRY_AFTER_MS);
}
