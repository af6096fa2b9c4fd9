// UTC calendar days ("YYYY-MM-DD", as the pipeline stores them) grouped into
// days, ISO weeks (from Monday), months, years or decades. Pure.

export type Day = string;
export const UNITS = ["day", "week", "month", "year", "decade"] as const;
export type Unit = (typeof UNITS)[number];

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
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

export function dayOfMs(ms: number): Day {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

function parts(day: Day): [number, number, number] {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const ymd = (y: number, m: number, d: number): Day => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** The first day of the bucket of `unit` holding `day`. */
export function bucketStart(day: Day, unit: Unit): Day {
  const [y, m] = parts(day);
  switch (unit) {
    case "day":
      return day;
    case "week": {
      const ms = dayMs(day)!;
      const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
      return dayOfMs(ms - weekday * MS_PER_DAY);
    }
    case "month":
      return ymd(y, m, 1);
    case "year":
      return ymd(y, 1, 1);
    case "decade":
      return ymd(y - (y % 10), 1, 1);
  }
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucket(start: Day, unit: Unit): Day {
  const [y, m] = parts(start);
  switch (unit) {
    case "day":
      return dayOfMs(dayMs(start)! + MS_PER_DAY);
    case "week":
      return dayOfMs(dayMs(start)! + 7 * MS_PER_DAY);
    case "month":
      return m === 12 ? ymd(y + 1, 1, 1) : ymd(y, m + 1, 1);
    case "year":
      return ymd(y + 1, 1, 1);
    case "decade":
      return ymd(y + 10, 1, 1);
  }
}

/** How many buckets of `unit` span first..last (inclusive), without listing them. */
export function bucketCount(first: Day, last: Day, unit: Unit): number {
  const [a, b] = [bucketStart(first, unit), bucketStart(last, unit)];
  const [ya, ma] = parts(a);
  const [yb, mb] = parts(b);
  switch (unit) {
    case "day":
      return Math.round((dayMs(b)! - dayMs(a)!) / MS_PER_DAY) + 1;
    case "week":
      return Math.round((dayMs(b)! - dayMs(a)!) / (7 * MS_PER_DAY)) + 1;
    case "month":
      return (yb - ya) * 12 + (mb - ma) + 1;
    case "year":
      return yb - ya + 1;
    case "decade":
      return (yb - ya) / 10 + 1;
  }
}

/** The finest unit that spans first..last in at most `maxBuckets` buckets (decades at the coarsest). */
export function chooseUnit(first: Day, last: Day, maxBuckets: number): Unit {
  return UNITS.find((u) => bucketCount(first, last, u) <= maxBuckets) ?? "decade";
}

/** Every bucket start from first's bucket to last's, gaps included. */
export function bucketStarts(first: Day, last: Day, unit: Unit): Day[] {
  const end = bucketStart(last, unit);
  const out: Day[] = [];
  for (let s = bucketStart(first, unit); s <= end; s = nextBucket(s, unit)) out.push(s);
  return out;
}

/** "2026-03-09", "week of 2026-03-09", "Mar 2026", "2026", "2020s". */
export function bucketLabel(start: Day, unit: Unit): string {
  const [y, m] = parts(start);
  switch (unit) {
    case "day":
      return start;
    case "week":
      return `week of ${start}`;
    case "month":
      return `${MONTHS[m - 1]} ${y}`;
    case "year":
      return String(y);
    case "decade":
      return `${y}s`;
  }
}
