// How current the counts are (issue 11): the rollup applies counts every
// windowSeconds and records in rollup/status how far they are complete. An
// article received after that instant is known to be waiting; one received
// a little before it may be waiting too (its commit can land later), which
// the page cannot see, so it only claims "pending" when it knows.

export type Freshness =
  | { kind: "unknown" }
  | { kind: "complete"; through: number; windowSeconds: number }
  | { kind: "pending"; through: number | null; windowSeconds: number; newest: number };

export function freshness(status: { completeThrough: number; windowSeconds: number } | null, newestReceivedAt: number | null): Freshness {
  const windowSeconds = status?.windowSeconds ?? 30;
  if (newestReceivedAt !== null && (status === null || newestReceivedAt > status.completeThrough)) {
    return { kind: "pending", through: status?.completeThrough ?? null, windowSeconds, newest: newestReceivedAt };
  }
  return status === null ? { kind: "unknown" } : { kind: "complete", through: status.completeThrough, windowSeconds };
}

/** "12:34:30", or with the date when it is not today (in the reader's time zone unless given). */
export function formatClock(ms: number, now: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(ms);
  return day.format(ms) === day.format(now) ? time : `${day.format(ms)} ${time}`;
}

export function describeFreshness(f: Freshness, clock: (ms: number) => string): string {
  switch (f.kind) {
    case "unknown":
      return "";
    case "complete":
      return `Counts complete to ${clock(f.through)}; newer posts appear within ~${f.windowSeconds} s.`;
    case "pending":
      return f.through === null
        ? `Articles received up to ${clock(f.newest)} are waiting for their first count; they appear within ~${f.windowSeconds} s.`
        : `Counting newer articles (received up to ${clock(f.newest)}); counts complete to ${clock(f.through)}, the rest appear within ~${f.windowSeconds} s.`;
  }
}
