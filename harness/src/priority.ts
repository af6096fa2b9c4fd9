// Background functions yield the CPU to the request path. In production
// ingest and the API run on instances of their own, so processPosts'
// extraction, its cold starts and the rollup can never slow their answers;
// on one small machine they would (a burst of cold processPosts workers under
// the Functions emulator starves ingest for tens of seconds). So the stacks
// run background functions at the lowest priority, nice 19: idle CPU is still
// all theirs, contended CPU goes to the functions that answer requests.
import { readdirSync } from "node:fs";
import { setPriority } from "node:os";
import { environOf } from "./procfs.ts";

export const BACKGROUND_NICE = 19;

/**
 * Lowers every thread of `pid` (Linux sets priority per thread; threads it
 * starts later inherit the creator's). Returns how many threads changed.
 */
export function yieldCpu(pid: number, nice = BACKGROUND_NICE): number {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0; // gone, or not Linux
  }
  let changed = 0;
  for (const tid of tids) {
    try {
      setPriority(Number(tid), nice);
      changed++;
    } catch {
      // the thread ended meanwhile
    }
  }
  return changed;
}

/**
 * For processes the stack does not start itself (the Functions emulator's
 * workers): every `intervalMs`, lowers the processes whose environment
 * `isBackground` picks, and their threads. Returns the stop function.
 */
export function yieldCpuOf(isBackground: (env: Map<string, string>) => boolean, intervalMs = 200): () => void {
  const seen = new Map<number, boolean>();
  const scan = () => {
    const live = new Set<number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      live.add(pid);
      let background = seen.get(pid);
      if (background === undefined) {
        const env = environOf(pid);
        background = env !== undefined && isBackground(env);
        seen.set(pid, background);
      }
      // Threads it started before this process was first seen keep their nice value: lower them each scan.
      if (background) yieldCpu(pid);
    }
    for (const pid of seen.keys()) if (!live.has(pid)) seen.delete(pid);
  };
  const timer = setInterval(scan, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
