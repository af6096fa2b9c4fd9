// The reliability run's rows, and the tables it prints.
import { table } from "@newsroom/harness/table";
import type { LoadTestReport } from "newsroom-load-test/run";

export type Row = {
  scenario: string;
  pass: boolean;
  sent: number;
  accepted: number;
  postsPerS: number;
  lost: number;
  duplicated: number;
  detail: string;
};

/** Posts counted too few (lost) and too many (duplicated) over every publication of a run. */
export function tally(report: LoadTestReport): { lost: number; duplicated: number; exact: boolean; why: string[] } {
  const v = report.verification;
  const why: string[] = [];
  if (!v) return { lost: report.send.accepted, duplicated: 0, exact: false, why: ["not verified"] };
  let lost = 0;
  let duplicated = 0;
  for (const c of v.publications) {
    lost += Math.max(0, c.expectedMin - c.actual);
    duplicated += Math.max(0, c.actual - c.expectedMin);
    if (c.expectedMin !== c.expectedMax) why.push(`${c.publication}: ${c.expectedMax - c.expectedMin} posts of unknown fate`);
  }
  if (report.send.failed > 0) why.push(`${report.send.failed} posts never accepted`);
  if (v.timedOut) why.push("verification timed out");
  if (v.entityDiffs.length > 0) why.push(`${v.entityDiffs.length} entity counters differ, e.g. ${JSON.stringify(v.entityDiffs[0])}`);
  if (v.dayMismatches.length > 0) why.push(`daily counts do not add up: ${v.dayMismatches[0]}`);
  if (v.entitiesChecked === 0) why.push("no entity counters checked");
  if (lost > 0) why.push(`${lost} posts lost`);
  if (duplicated > 0) why.push(`${duplicated} posts counted twice`);
  const exact = v.pass && why.length === 0 && report.send.accepted === report.send.sent;
  return { lost, duplicated, exact, why };
}

/** A row for a scenario that sends no load of its own: a check, its details joined. */
export function checkRow(scenario: string, pass: boolean, detail: string[]): Row {
  return { scenario, pass, sent: 0, accepted: 0, postsPerS: 0, lost: 0, duplicated: 0, detail: detail.join("; ") };
}

export function rowFor(scenario: string, report: LoadTestReport, extra: string[] = [], extraOk = true): Row {
  const t = tally(report);
  return {
    scenario,
    pass: t.exact && extraOk,
    sent: report.send.sent,
    accepted: report.send.accepted,
    postsPerS: report.send.acceptedPerS,
    lost: t.lost,
    duplicated: t.duplicated,
    detail: [...extra, ...t.why, `${report.verification?.entitiesChecked ?? 0} entity counters checked`].join("; "),
  };
}

export function scenarioTable(rows: readonly Row[]): string {
  const body = rows.map((r) => [
    r.scenario,
    r.pass ? "pass" : "FAIL",
    r.sent ? String(r.sent) : "-",
    r.accepted ? String(r.accepted) : "-",
    r.postsPerS ? r.postsPerS.toFixed(1) : "-",
    String(r.lost),
    String(r.duplicated),
  ]);
  return table(["scenario", "result", "posts sent", "accepted", "posts/s", "lost", "counted twice"], body, ["l", "l"]);
}

export type HostileStats = { tried: number; fourxx: number; fivexx: number };

export function summary(rows: readonly Row[], hostile: HostileStats, totalS: number): string {
  const load = rows.filter((r) => r.postsPerS > 0);
  const sent = rows.reduce((n, r) => n + r.sent, 0);
  const accepted = rows.reduce((n, r) => n + r.accepted, 0);
  const faults = rows.filter((r) => r.scenario.startsWith("("));
  const lines: Array<[string, string]> = [
    ["load held", `${sent} posts sent, ${accepted} accepted; ${load.map((r) => r.postsPerS.toFixed(1)).join(" / ")} posts/s accepted in the load runs`],
    ["faults survived", `${faults.filter((r) => r.pass).length} of ${faults.length}`],
    ["bad inputs tried", `${hostile.tried} (${hostile.fourxx} answered 4xx, ${hostile.fivexx} 5xx)`],
    ["posts lost", String(rows.reduce((n, r) => n + r.lost, 0))],
    ["posts counted twice", String(rows.reduce((n, r) => n + r.duplicated, 0))],
    ["time", `${(totalS / 60).toFixed(1)} min`],
  ];
  return table(["", ""], lines, ["l", "l"]);
}
