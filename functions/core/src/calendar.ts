// UTC calendar days ("YYYY-MM-DD", as the pipeline stores them) grouped into
// days, ISO weeks (from Monday), months, years or decades. Pure and total
// (finding 10: a stored day in 9995 once stepped a loop into year 10000 and
// threw): a day has a four-digit year, so the calendar runs from 0000-01-01
// to 9999-12-31; any other string is not a day; nothing here throws, and
// every loop is bounded. The dashboard's charts and the read API's bins both
// group days with it.

// Types only: nothing of the layout's runtime code reaches the dashboard's bundle.
import type { Day } from "./firestore-schema.js";
export type { Day, Year } from "./firestore-schema.js";

export const UNITS = ["day", "week", "month", "year", "decade"] as const;
export type Unit = (typeof UNITS)[number];
/** Days first..last, both included. */
export type DayRange = { from: Day; to: Day };

export const FIRST_DAY: Day = "0000-01-01";
export const LAST_DAY: Day = "9999-12-31";
/** The most bucket starts bucketStarts lists: a bound on any loop (a chart asks for a few hundred; the calendar holds 1,000 decades). */
export const MAX_LISTED = 100_000;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_RE = /^\d{4}$/;
const MS_PER_DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Epoch ms of a valid day's midnight UTC, else null (2026-02-30 is not a day). */
export function dayMs(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.getTime() : null;
}

export const isDay = (s: string): boolean => dayMs(s) !== null;
export const isYear = (s: string): boolean => YEAR_RE.test(s);

const FIRST_MS = dayMs(FIRST_DAY)!;
const LAST_MS = dayMs(LAST_DAY)!;

const ymd = (y: number, m: number, d: number): Day => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The day holding the instant `ms`, or null outside the calendar. */
export function dayOfMs(ms: number): Day | null {
  if (!(ms >= FIRST_MS && ms < LAST_MS + MS_PER_DAY)) return null;
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Epoch ms of the Monday on or before the day at `ms` (which may precede the calendar). */
const mondayOf = (ms: number): number => ms - ((new Date(ms).getUTCDay() + 6) % 7) * MS_PER_DAY;

function parts(day: string): [number, number, number] | null {
  if (!isDay(day)) return null;
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

/** The first day of the bucket of `unit` holding `day` (the week of 0000-01-01 starts on it); null when `day` is not a day. */
export function bucketStart(day: string, unit: Unit): Day | null {
  const p = parts(day);
  if (!p) return null;
  const [y, m] = p;
  switch (unit) {
    case "day":
      return day;
    case "week":
      return dayOfMs(mondayOf(dayMs(day)!)) ?? FIRST_DAY;
    case "month":
      return ymd(y, m, 1);
    case "year":
      return ymd(y, 1, 1);
    case "decade":
      return ymd(y - (y % 10), 1, 1);
  }
}

/** The first day of the bucket after the one holding `start`; null after the calendar's last bucket or for what is not a day. */
export function nextBucket(start: string, unit: Unit): Day | null {
  const s = bucketStart(start, unit);
  if (s === null) return null;
  const [y, m] = parts(s)!;
  const next = (year: number, month: number) => (year <= 9999 ? ymd(year, month, 1) : null);
  switch (unit) {
    case "day":
      return dayOfMs(dayMs(s)! + MS_PER_DAY);
    case "week":
      // From the Monday, so the clamped first week is followed by the calendar's first Monday.
      return dayOfMs(mondayOf(dayMs(s)!) + 7 * MS_PER_DAY);
    case "month":
      return m === 12 ? next(y + 1, 1) : next(y, m + 1);
    case "year":
      return next(y + 1, 1);
    case "decade":
      return next(y + 10, 1);
  }
}

/** How many buckets of `unit` span first..last (inclusive), without listing them; 0 when either is not a day or last is before first. */
export function bucketCount(first: string, last: string, unit: Unit): number {
  const [a, b] = [bucketStart(first, unit), bucketStart(last, unit)];
  if (a === null || b === null || b < a) return 0;
  const [ya, ma] = parts(a)!;
  const [yb, mb] = parts(b)!;
  switch (unit) {
    case "day":
      return Math.round((dayMs(b)! - dayMs(a)!) / MS_PER_DAY) + 1;
    case "week":
      // From a's Monday, so the clamped first week counts once.
      return Math.floor((dayMs(b)! - mondayOf(dayMs(a)!)) / (7 * MS_PER_DAY)) + 1;
    case "month":
      return (yb - ya) * 12 + (mb - ma) + 1;
    case "year":
      return yb - ya + 1;
    case "decade":
      return (yb - ya) / 10 + 1;
  }
}

/** The finest unit, from `finest` up, that spans first..last in at most `maxBuckets` buckets (decades at the coarsest). */
export function chooseUnit(first: string, last: string, maxBuckets: number, finest: Unit = "day"): Unit {
  return UNITS.slice(UNITS.indexOf(finest)).find((u) => bucketCount(first, last, u) <= maxBuckets) ?? "decade";
}

/** Every bucket start from first's bucket to last's, gaps included, at most `max` of them (the earliest). */
export function bucketStarts(first: string, last: string, unit: Unit, max = MAX_LISTED): Day[] {
  const end = bucketStart(last, unit);
  const out: Day[] = [];
  // Four-digit days compare as strings in calendar order.
  for (let s = bucketStart(first, unit); s !== null && end !== null && s <= end && out.length < max; s = nextBucket(s, unit)) out.push(s);
  return out;
}

/** The units the read API sums a series into (`?bin=`); decades are the dashboard's alone. */
export const BINS = ["day", "week", "month", "year"] as const satisfies readonly Unit[];
export type Bin = (typeof BINS)[number];

/** The read API's key of the bin holding `day`: the day, its ISO week's Monday, "YYYY-MM" or "YYYY"; null when `day` is not a day. */
export function binKey(day: string, bin: Bin): string | null {
  const start = bucketStart(day, bin);
  if (start === null) return null;
  return bin === "month" ? start.slice(0, 7) : bin === "year" ? start.slice(0, 4) : start;
}

/** "2026-03-09", "week of 2026-03-09", "Mar 2026", "2026", "2020s"; what is not a day stays as it is. */
export function bucketLabel(start: string, unit: Unit): string {
  const p = parts(start);
  if (!p) return start;
  const [y, m] = p;
  const year = String(y).padStart(4, "0");
  switch (unit) {
    case "day":
      return start;
    case "week":
      return `week of ${start}`;
    case "month":
      return `${MONTHS[m - 1]} ${year}`;
    case "year":
      return year;
    case "decade":
      return `${year}s`;
  }
}

/** First day of a "YYYY" year, or null when it is not one. */
export const yearStart = (year: string): Day | null => (isYear(year) ? `${year}-01-01` : null);

// The ingest refuses days outside its bounds (functions/core/src/dates.ts):
// never before 1000-01-01, never more than 366 days after receipt, whatever
// the params say. Counts outside were stored before the bounds existed.
const EARLIEST_COUNTABLE: Day = "1000-01-01";
const AHEAD_DAYS = 367; // 366 days of params and a day of clock skew

/** The days a stored count can fall on today: charts leave the others out and say so, rather than stretch to year 9995. */
export function countableRange(nowMs: number): DayRange {
  return { from: EARLIEST_COUNTABLE, to: dayOfMs(nowMs + AHEAD_DAYS * MS_PER_DAY) ?? LAST_DAY };
}
