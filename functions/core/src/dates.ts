// Bounds on the day a post counts on. Every distinct day is a field of a year
// document and every distinct year an entry of a totals document, so the days
// a client may name are bounded: from an earliest day that admits historical
// archives (the demo's State of the Union corpus starts in 1790) to a little
// after the post was received (a publisher in UTC+14 dates its articles a day
// ahead of UTC). Outside them a post is refused, never silently clamped.
import { dayMs } from "./calendar.js";
import { instantOf, type Day } from "./firestore-schema.js";

export interface DateBounds {
  /** The earliest day a post may count on, "YYYY-MM-DD" (UTC). */
  earliest: Day;
  /** How far after its receipt a post's publishedAt may lie, in hours. */
  aheadHours: number;
}

export const DEFAULT_DATE_BOUNDS: DateBounds = { earliest: "1700-01-01", aheadHours: 48 };

/** Epoch ms of a valid day's midnight UTC ("2026-02-30" is not one), else undefined. */
export const dayStartMs = (day: string): number | undefined => dayMs(day) ?? undefined;

/** The bounds with a checked earliest day; a bad configuration is an error at start-up, not a silent default. */
export function dateBounds(earliest: string, aheadHours: number): DateBounds {
  const start = dayStartMs(earliest);
  if (start === undefined || start < Date.UTC(1000, 0, 1)) throw new Error(`the earliest publishedAt must be a day from 1000-01-01 on, "YYYY-MM-DD"; got "${earliest}"`);
  if (!Number.isFinite(aheadHours) || aheadHours < 0 || aheadHours > 24 * 366) throw new Error(`hours ahead must be 0 to ${24 * 366}; got ${aheadHours}`);
  return { earliest, aheadHours };
}

/**
 * Why `publishedAt` (already valid ISO 8601 by the post schema) is outside the
 * bounds for a post received at `receivedAt`, or undefined when it is inside
 * (or absent: such a post counts on the day it is received).
 */
export function publishedAtProblem(publishedAt: string | undefined, receivedAt: Date, bounds: DateBounds): string | undefined {
  if (publishedAt === undefined) return undefined;
  if (publishedAt.length === 10 && dayStartMs(publishedAt) === undefined) return `publishedAt ${JSON.stringify(publishedAt)} is not a calendar day`;
  const t = instantOf(publishedAt, new Date(Number.NaN)).getTime();
  if (!Number.isFinite(t)) return `publishedAt ${JSON.stringify(publishedAt.slice(0, 40))} is not a valid date`;
  if (t < dayStartMs(bounds.earliest)!) return `publishedAt must be on or after ${bounds.earliest}`;
  const latest = receivedAt.getTime() + bounds.aheadHours * 3_600_000;
  if (t > latest) return `publishedAt must be at most ${bounds.aheadHours} hours after the post is received (${new Date(latest).toISOString()})`;
  return undefined;
}

/**
 * Why no post can count on `day` ("YYYY-MM-DD"): not a calendar day, before
 * the earliest, or after the latest day a post received at `now` may name;
 * undefined when one can.
 */
export function dayProblem(day: string, now: Date, bounds: DateBounds): string | undefined {
  const start = dayStartMs(day);
  if (start === undefined) return `${JSON.stringify(day.slice(0, 40))} is not a calendar day`;
  if (start < dayStartMs(bounds.earliest)!) return `must be on or after ${bounds.earliest}`;
  const latest = new Date(now.getTime() + bounds.aheadHours * 3_600_000).toISOString().slice(0, 10);
  if (day > latest) return `must be at most ${latest}: no post counts on a later day yet`;
  return undefined;
}
