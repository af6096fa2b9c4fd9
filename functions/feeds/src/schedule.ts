// When to poll a source next: an interval that adapts to how often the source
// has something new, a backoff after failures, and the server's Retry-After.
// Pure and deterministic: no clock, no randomness (a caller wanting jitter adds
// it), every result a finite whole number of milliseconds.

export interface IntervalLimits {
  /** The shortest interval between polls, ms. */
  minMs: number;
  /** The longest, ms. */
  maxMs: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** 5 minutes to 24 hours. */
export const DEFAULT_INTERVAL_LIMITS: Readonly<IntervalLimits> = Object.freeze({ minMs: 5 * MINUTE_MS, maxMs: DAY_MS });

/** The first interval for a source never polled before (then clamped to the limits). */
export const FIRST_INTERVAL_MS = HOUR_MS;

/** New items shorten the interval by this factor ... */
export const SHORTEN_FACTOR = 0.5;
/** ... and a poll with none lengthens it by this one. */
export const LENGTHEN_FACTOR = 1.5;

/** The longest wait a Retry-After header is believed for: 7 days. */
export const MAX_RETRY_AFTER_MS = 7 * DAY_MS;

/**
 * The interval until the next poll: halved after a poll that found new items,
 * lengthened by half after one that found none, FIRST_INTERVAL_MS for a first
 * poll (`previousMs` undefined); always within the limits. A source with items
 * at every poll comes down to `minMs` (from 1 h: 30, 15, 7.5, then 5 min), a
 * quiet one goes up to `maxMs` (1 h to 24 h in 8 polls). The previous interval
 * is clamped first, so changed limits take effect at once. Nonsense input
 * (NaN, negative) counts as no input: no previous interval, no new items.
 */
export function nextIntervalMs(previousMs: number | undefined, newItems: number, limits: IntervalLimits): number {
  const { minMs, maxMs } = sane(limits);
  if (previousMs === undefined || !Number.isFinite(previousMs) || previousMs <= 0) {
    return clamp(FIRST_INTERVAL_MS, minMs, maxMs);
  }
  const previous = clamp(previousMs, minMs, maxMs);
  const factor = Number.isFinite(newItems) && newItems > 0 ? SHORTEN_FACTOR : LENGTHEN_FACTOR;
  return clamp(Math.round(previous * factor), minMs, maxMs);
}

/**
 * The wait before retrying a source after its `consecutiveFailures`-th failure
 * in a row: `minMs` after the first, doubling with each further failure, at most
 * `maxMs`. Counts below 1 (and NaN) count as 1, fractions round down; any count,
 * however large, gives a finite wait.
 */
export function failureDelayMs(consecutiveFailures: number, limits: IntervalLimits): number {
  const { minMs, maxMs } = sane(limits);
  const failures = consecutiveFailures > 1 ? Math.floor(consecutiveFailures) : 1; // NaN > 1 is false
  // Past 64 doublings any range is capped anyway; the cap keeps 2 ** exponent finite.
  const exponent = Math.min(failures - 1, 64);
  return clamp(Math.round(minMs * 2 ** exponent), minMs, maxMs);
}

/**
 * A Retry-After header's wait in ms from `nowMs`: delay-seconds ("120") or an
 * HTTP-date in any of the three forms RFC 9110 requires a recipient to accept
 * (IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94
 * 08:49:37 GMT", asctime "Sun Nov  6 08:49:37 1994"); at most
 * MAX_RETRY_AFTER_MS. Undefined when the header is absent, empty, or not one
 * of those (negative or fractional seconds, other date formats, impossible
 * dates such as 31 February). A date in the past gives 0, not undefined: the
 * server did say when, and that time has come (undefined is kept for "the
 * header tells nothing", where the caller falls back to its own backoff).
 */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (typeof header !== "string") return undefined;
  const value = header.trim();
  if (value === "") return undefined;
  if (/^\d+$/.test(value)) {
    // Number() of a long digit string is a large finite number or Infinity: either is capped.
    return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  }
  if (!Number.isFinite(nowMs)) return undefined;
  const at = parseHttpDate(value, nowMs);
  if (at === undefined) return undefined;
  return Math.min(Math.max(at - nowMs, 0), MAX_RETRY_AFTER_MS);
}

// ---------------------------------------------------------------------------

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY_NAMES = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH_NAMES = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

// Names are matched case-insensitively (the RFC says case-sensitive; servers vary).
// The day name is not checked against the date: a wrong one does not make the date unclear.
const IMF_FIXDATE = new RegExp(`^${DAY_NAMES}, (\\d{2}) ${MONTH_NAMES} (\\d{4}) ${TIME} GMT$`, "i");
const RFC_850 = new RegExp(`^${LONG_DAY_NAMES}, (\\d{2})-${MONTH_NAMES}-(\\d{2}) ${TIME} GMT$`, "i");
const ASCTIME = new RegExp(`^${DAY_NAMES} ${MONTH_NAMES} ([ \\d]\\d) ${TIME} (\\d{4})$`, "i");

/** Epoch ms of an HTTP-date, or undefined. */
function parseHttpDate(value: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(match[3], match[2], match[1], match[4], match[5], match[6]);
  match = RFC_850.exec(value);
  if (match) {
    // A two-digit year more than 50 years in the future is in the past century (RFC 9110 5.6.7).
    const nowYear = new Date(nowMs).getUTCFullYear();
    let year = 2000 + Number(match[3]);
    if (year > nowYear + 50) year -= 100;
    return utc(String(year), match[2], match[1], match[4], match[5], match[6]);
  }
  match = ASCTIME.exec(value);
  if (match) return utc(match[6], match[1], match[2], match[3], match[4], match[5]);
  return undefined;
}

function utc(
  yearText: string | undefined,
  monthName: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
): number | undefined {
  const year = Number(yearText);
  const month = MONTHS.indexOf((monthName ?? "").toLowerCase());
  const day = Number((dayText ?? "").trim());
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined;
  // A leap second (:60) is read as :59.
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  const date = new Date(ms);
  // Date.UTC rolls 31 February over into March: such a date is not a date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined;
  return ms;
}

/**
 * The limits made usable, whole milliseconds: a `minMs` that is not a positive
 * finite number is the default's, likewise a `maxMs` that is not finite; a
 * `maxMs` below `minMs` is `minMs`.
 */
function sane(limits: IntervalLimits): IntervalLimits {
  const min = limits?.minMs;
  const max = limits?.maxMs;
  const minMs = Number.isFinite(min) && min > 0 ? Math.max(1, Math.round(min)) : DEFAULT_INTERVAL_LIMITS.minMs;
  const maxMs = Math.max(minMs, Number.isFinite(max) ? Math.round(max) : DEFAULT_INTERVAL_LIMITS.maxMs);
  return { minMs, maxMs };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
