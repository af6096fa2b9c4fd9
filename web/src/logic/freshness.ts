// How current the counts are (issue 11): the rollup applies counts every
// windowSeconds and records in rollup/status how far they are complete. An
// article received after that instant is known to be waiting; one received
// a little before it may be waiting too (its commit can land later), which
// the page cannot see, so it only claims "pending" when it knows.
//
// A rollup write Firestore refuses for good is set aside (issue 19): the rest
// of its window is applied, later windows too (appliedThrough), but
// completeThrough stays before it. Then the line says how many writes failed,
// since when, and that the counts after completeThrough are not complete.
import type { RollupStatus } from "./types.ts";

/** Writes that failed for good after completeThrough: how many, the documents they held, since when, and how far later counts are applied. */
export type Incomplete = { failures: number; items: number; since: number; appliedThrough: number };

export type Freshness =
  | { kind: "unknown" }
  | { kind: "complete"; through: number; windowSeconds: number; incomplete: Incomplete | null }
  | { kind: "pending"; through: number | null; windowSeconds: number; newest: number; incomplete: Incomplete | null };

type Status = Pick<RollupStatus, "completeThrough" | "windowSeconds"> & Partial<Pick<RollupStatus, "appliedThrough" | "failures">>;

/** The failures that keep counts from being complete; none is null (a failure before completeThrough was dealt with). */
export function incompleteness(status: Status): Incomplete | null {
  const open = (status.failures ?? []).filter((f) => f.windowEnd > status.completeThrough);
  if (open.length === 0) return null;
  const lastWindow = Math.max(...open.map((f) => f.windowEnd));
  return {
    failures: open.length,
    items: open.reduce((n, f) => n + f.items, 0),
    since: Math.min(...open.map((f) => f.at)),
    appliedThrough: Math.max(status.appliedThrough ?? lastWindow, lastWindow),
  };
}

export function freshness(status: Status | null, newestReceivedAt: number | null): Freshness {
  const windowSeconds = status?.windowSeconds ?? 30;
  const incomplete = status === null ? null : incompleteness(status);
  // With writes set aside, later batches are applied all the same: only articles after them wait.
  const countedThrough = incomplete?.appliedThrough ?? status?.completeThrough;
  if (newestReceivedAt !== null && (countedThrough === undefined || newestReceivedAt > countedThrough)) {
    return { kind: "pending", through: status?.completeThrough ?? null, windowSeconds, newest: newestReceivedAt, incomplete };
  }
  return status === null ? { kind: "unknown" } : { kind: "complete", through: status.completeThrough, windowSeconds, incomplete };
}

/**
 * When the newest article was received, from the read API's GET /v1/status
 * answer (`newestArticleReceivedAt`, an ISO instant or null): epoch ms, null
 * for no article yet, undefined when the answer does not say.
 */
export function newestArticleOf(answer: unknown): number | null | undefined {
  const v = typeof answer === "object" && answer !== null ? (answer as { newestArticleReceivedAt?: unknown }).newestArticleReceivedAt : undefined;
  if (v === null) return null;
  const ms = typeof v === "string" ? Date.parse(v) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** "12:34:30", or with the date when it is not today (in the reader's time zone unless given). */
export function formatClock(ms: number, now: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(ms);
  return day.format(ms) === day.format(now) ? time : `${day.format(ms)} ${time}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeIncomplete(through: number, i: Incomplete, clock: (ms: number) => string): string {
  const writes = plural(i.failures, "rollup write", "rollup writes");
  const docs = plural(i.items, "document", "documents");
  return `Counts complete to ${clock(through)}. Since ${clock(i.since)}, ${writes} (${docs}) failed and ${i.failures === 1 ? "was" : "were"} set aside: later counts are applied, to ${clock(i.appliedThrough)}, but not complete.`;
}

export function describeFreshness(f: Freshness, clock: (ms: number) => string): string {
  switch (f.kind) {
    case "unknown":
      return "";
    case "complete":
      return f.incomplete ? describeIncomplete(f.through, f.incomplete, clock) : `Counts complete to ${clock(f.through)}; newer posts appear within ~${f.windowSeconds} s.`;
    case "pending":
      if (f.through === null) return `Articles received up to ${clock(f.newest)} are waiting for their first count; they appear within ~${f.windowSeconds} s.`;
      if (f.incomplete) return `Counting newer articles (received up to ${clock(f.newest)}) within ~${f.windowSeconds} s. ${describeIncomplete(f.through, f.incomplete, clock)}`;
      return `Counting newer articles (received up to ${clock(f.newest)}); counts complete to ${clock(f.through)}, the rest appear within ~${f.windowSeconds} s.`;
  }
}
