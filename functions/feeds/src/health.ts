// A source's health: how many items it yielded each day (UTC), and a flag for
// the dashboard when today looks wrong against its recent days: "silent" (it
// has stopped), "unusual" (a spike), "new" (too little history), else "ok".
// Pure: the caller says which day is today.
//
// Today is not over, so its count is partial, and the flag only draws
// conclusions a partial count supports:
// - High side: a partial count can only grow, so today above mean + 2·sd is
//   already conclusive ("unusual"). The sd is floored at 1 item a day, so a
//   perfectly regular source (sd 0) can be flagged at all, and one that varies
//   by a fraction of an item is not flagged for a single extra one.
// - Low side: a low but non-zero count today is never flagged (it may be
//   morning). A zero today is "silent" only when the zero days before it make
//   the silence improbable: the complete days with no items just before today
//   (plus the part of today elapsed, when the caller gives it as
//   `dayElapsed`), times the mean per day, is at least 3 expected items that
//   did not come (a Poisson source averaging 3 has a 5% chance of a zero).
//   So a source averaging 10 a day that stopped yesterday is silent today;
//   one averaging 1 a day needs 3 empty days; one that stopped this morning
//   is silent only once `dayElapsed` × 10 reaches 3 (07:12), or tomorrow.
//   A source with no items in any of its days (3 or more) is silent too.

export type DailyCounts = Record<string, number>;

/** Days of history kept and judged. */
export const HEALTH_DAYS = 30;

/** Complete days of history needed before a source is judged. */
export const MIN_HISTORY_DAYS = 3;

/** Expected-but-missing items that make a run of empty days "silent" (see above). */
export const SILENT_MISSING_ITEMS = 3;

export interface SourceHealth {
  /** The HEALTH_DAYS days ending today, oldest first, zeros filled. */
  days: Array<{ day: string; items: number }>;
  /** Mean and (population) standard deviation of items per day over the judged days. */
  mean: number;
  sd: number;
  /** Items today so far. */
  today: number;
  flag: "ok" | "silent" | "unusual" | "new";
  /** One sentence saying why. */
  reason: string;
}

export interface HealthOptions {
  /**
   * The day the source was added: days before it are not history (not zeros).
   * Without it, the earliest day in the counts is taken as the start.
   */
  sinceDay?: string;
  /** How much of today (UTC) has passed, 0 to 1; see the silence rule above. Without it, none. */
  dayElapsed?: number;
}

const DAY_MS = 86_400_000;

/**
 * The counts with `items` added to `day`, as a new object (keys in day order).
 * Days more than `keepDays` (default HEALTH_DAYS) before `day` are dropped, and
 * so are days as far after it (a clock gone wrong), keys that are not
 * "YYYY-MM-DD" dates and counts that are not finite non-negative numbers: at
 * most 2·keepDays + 1 days. `items` that is not a positive number adds nothing
 * (but still records the day, with 0 if it was absent). Throws RangeError if
 * `day` is not a "YYYY-MM-DD" date.
 */
export function addItems(days: DailyCounts, day: string, items: number, keepDays: number = HEALTH_DAYS): DailyCounts {
  const target = dayNumber(day);
  if (target === undefined) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  const keep = Number.isFinite(keepDays) && keepDays >= 0 ? Math.floor(keepDays) : HEALTH_DAYS;
  const kept = new Map<number, number>();
  for (const [key, count] of Object.entries(days ?? {})) {
    const n = dayNumber(key);
    if (n === undefined || n < target - keep || n > target + keep) continue;
    if (typeof count !== "number" || !Number.isFinite(count) || count < 0) continue;
    kept.set(n, count);
  }
  const add = Number.isFinite(items) && items > 0 ? Math.floor(items) : 0;
  kept.set(target, (kept.get(target) ?? 0) + add);
  const result: DailyCounts = {};
  for (const n of [...kept.keys()].sort((a, b) => a - b)) result[dayString(n)] = kept.get(n) ?? 0;
  return result;
}

/**
 * The source's last HEALTH_DAYS days and its flag for today. The flag is judged
 * over the complete days before today (at most HEALTH_DAYS of them, none before
 * the source was added): "new" with fewer than MIN_HISTORY_DAYS of them, else
 * "silent" or "unusual" by the rules at the top of this file, else "ok". Throws
 * RangeError if `today` or `sinceDay` is not a "YYYY-MM-DD" date.
 */
export function sourceHealth(days: DailyCounts, today: string, options: HealthOptions = {}): SourceHealth {
  const t = dayNumber(today);
  if (t === undefined) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(today)}`);
  let since: number | undefined;
  if (options.sinceDay !== undefined) {
    since = dayNumber(options.sinceDay);
    if (since === undefined) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(options.sinceDay)}`);
  }

  const counts = new Map<number, number>();
  let earliest = Number.POSITIVE_INFINITY;
  for (const [key, count] of Object.entries(days ?? {})) {
    const n = dayNumber(key);
    if (n === undefined) continue;
    earliest = Math.min(earliest, n);
    counts.set(n, typeof count === "number" && Number.isFinite(count) && count > 0 ? count : 0);
  }
  const countOf = (n: number): number => counts.get(n) ?? 0;
  const start = Math.max(since ?? earliest, t - HEALTH_DAYS); // earliest is Infinity when there are no days: no history

  const history: number[] = [];
  for (let n = start; n < t; n++) history.push(countOf(n));
  const todayCount = countOf(t);
  const mean = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : 0;
  const sd = history.length > 0 ? Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / history.length) : 0;

  const listed: SourceHealth["days"] = [];
  for (let n = t - HEALTH_DAYS + 1; n <= t; n++) listed.push({ day: dayString(n), items: countOf(n) });

  const judged = { days: listed, mean, sd, today: todayCount };
  const n = history.length;
  if (n < MIN_HISTORY_DAYS) {
    const reason =
      n === 0
        ? "No complete day of history yet: too new to judge."
        : `Only ${plural(n, "complete day")} of history: too new to judge (it needs ${MIN_HISTORY_DAYS}).`;
    return { ...judged, flag: "new", reason };
  }

  if (todayCount === 0) {
    if (mean === 0) {
      return { ...judged, flag: "silent", reason: `No items today, nor on any of the ${n} days before.` };
    }
    let emptyRun = 0;
    while (emptyRun < n && history[n - 1 - emptyRun] === 0) emptyRun += 1;
    const elapsed = Number.isFinite(options.dayElapsed) ? Math.min(1, Math.max(0, options.dayElapsed ?? 0)) : 0;
    if ((emptyRun + elapsed) * mean >= SILENT_MISSING_ITEMS) {
      const when = emptyRun === 0 ? "today" : `today or in the last ${plural(emptyRun, "day")}`;
      return {
        ...judged,
        flag: "silent",
        reason: `No items ${when}, though it averages ${fixed(mean)} a day over the ${n} days before.`,
      };
    }
  }

  const spread = Math.max(sd, 1);
  if (todayCount > mean + 2 * spread) {
    return {
      ...judged,
      flag: "unusual",
      reason: `${plural(todayCount, "item")} today, far above its usual ${fixed(mean)} ± ${fixed(sd)} a day over the ${n} days before.`,
    };
  }

  return {
    ...judged,
    flag: "ok",
    reason: `${plural(todayCount, "item")} today so far; it averages ${fixed(mean)} ± ${fixed(sd)} a day over the ${n} days before.`,
  };
}

// ---------------------------------------------------------------------------

/** Days since 1970-01-01 of a valid "YYYY-MM-DD" (years 1000-9999), else undefined. */
function dayNumber(day: unknown): number | undefined {
  if (typeof day !== "string") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  const date = Number(match[3]);
  if (year < 1000) return undefined;
  const ms = Date.UTC(year, month, date);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== date) return undefined;
  return ms / DAY_MS;
}

function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function plural(count: number, noun: string): string {
  return `${fixed(count)} ${noun}${count === 1 ? "" : "s"}`;
}

/** At most one decimal, none when whole. */
function fixed(value: number): string {
  return String(Math.round(value * 10) / 10);
}
