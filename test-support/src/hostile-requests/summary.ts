// Judging the answers: statuses against those expected, leaks of a secret or a stack trace.
import type { HostileResult } from "./run.js";

export type HostileSummary = {
  tried: number;
  clientErrors: number;
  serverErrors: number;
  /** Cases whose status was not among those expected (known issues excluded). */
  unexpected: HostileResult[];
  /** Answers that leak a secret or a stack trace. */
  leaks: HostileResult[];
  /** Known issues that still fail, and those that now pass (their tag can go). */
  knownIssues: { failing: HostileResult[]; fixed: HostileResult[] };
  byGroup: Record<string, number>;
};

const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules|\.js:\d+:\d+/;

export function summariseHostile(results: readonly HostileResult[], secrets: readonly string[]): HostileSummary {
  const ok = (r: HostileResult) => r.status !== undefined && r.case.expect.includes(r.status);
  const leaks = results.filter((r) => STACK_TRACE.test(r.body) || secrets.some((s) => r.body.includes(s)));
  const byGroup: Record<string, number> = {};
  for (const r of results) byGroup[r.case.group] = (byGroup[r.case.group] ?? 0) + 1;
  return {
    tried: results.length,
    clientErrors: results.filter((r) => r.status !== undefined && r.status >= 400 && r.status < 500).length,
    serverErrors: results.filter((r) => r.status !== undefined && r.status >= 500).length,
    unexpected: results.filter((r) => !r.case.knownIssue && !ok(r)),
    leaks,
    knownIssues: {
      failing: results.filter((r) => r.case.knownIssue && !ok(r)),
      fixed: results.filter((r) => r.case.knownIssue && ok(r)),
    },
    byGroup,
  };
}

/** One line per result that needs attention. */
export function describeResult(r: HostileResult): string {
  const status = r.status === undefined ? `no answer (${r.error ?? "?"})` : String(r.status);
  return `${r.case.id} ${r.case.name}: got ${status}, expected ${r.case.expect.join("/")}${r.body ? `: ${r.body.slice(0, 160).replace(/\s+/g, " ")}` : ""}`;
}

/** Occurrences of any secret in a log text (the strings themselves are not returned). */
export function secretsIn(text: string, secrets: readonly string[]): number {
  return secrets.filter((s) => s.length >= 8 && text.includes(s)).length;
}
