// What the feed bench reads beside Firestore: CPU time per process and for the
// whole machine (Linux /proc), the poller's "feeds: run" log lines, and the
// params an instance actually runs with (its environment).
import { openSync, readSync, closeSync, statSync } from "node:fs";
import { readFileSync } from "node:fs";
import { environOf } from "@newsroom/harness/procfs";

/** USER_HZ: what /proc counts CPU time in (100 on every Linux this runs on). */
const CLK_TCK = 100;

/** User plus system CPU seconds a process has used (all its threads), 0 once it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** The machine's CPU seconds busy and in total (every core) so far, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: busy / CLK_TCK, total: (busy + idle! + iowait!) / CLK_TCK };
}

/** The feeds params (FEEDS_*) a running instance got, from its environment. */
export function feedParamsOf(pid: number | undefined): Record<string, string> {
  const env = pid === undefined ? undefined : environOf(pid);
  if (!env) return {};
  return Object.fromEntries([...env].filter(([k]) => k.startsWith("FEEDS_")).sort(([a], [b]) => a.localeCompare(b)));
}

export type RunLine = { leased: number; polled: number; failed: number; published: number; released: number; lostLeases: number; ms: number };

/** The log's size now: read from here later with linesSince. */
export const logOffset = (file: string) => statSync(file).size;

/** Whole lines appended to `file` since byte `offset`. */
export function linesSince(file: string, offset: number): string[] {
  const size = statSync(file).size;
  if (size <= offset) return [];
  const buf = Buffer.alloc(size - offset);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buf, 0, buf.length, offset);
  } finally {
    closeSync(fd);
  }
  return buf.toString("utf8").split("\n");
}

/** The structured entries of `message` among `lines` (the functions' JSON log lines). */
export function entries<T>(lines: readonly string[], message: string): T[] {
  const out: T[] = [];
  for (const l of lines) {
    if (!l.includes(`"${message}"`)) continue;
    try {
      out.push(JSON.parse(l.slice(l.indexOf("{"))) as T);
    } catch {
      // a line cut by the log's rotation or another writer: not an entry
    }
  }
  return out;
}
