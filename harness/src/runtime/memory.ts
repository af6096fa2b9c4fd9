// An instance's memory limit, enforced the way Cloud Run enforces it: the
// kernel kills the instance when everything in it (heap, buffers, threads,
// page cache it dirtied) passes the limit. A memory cgroup does exactly that;
// where none can be made (no cgroup v1 memory controller we may write, no
// delegated cgroup v2), a watchdog reads the process's RSS every 25 ms and
// SIGKILLs it over the limit, which can miss a spike shorter than that.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type LimitKind = "cgroup-v1" | "cgroup-v2" | "watchdog";

export interface MemoryLimit {
  readonly kind: LimitKind;
  readonly bytes: number;
  /** Puts a freshly started process (and the threads and children it starts) under the limit. */
  attach(pid: number): void;
  /** Kills the limit has made so far. */
  kills(): number;
  dispose(): void;
}

/** The memory cgroup this process is in, as a writable directory, or undefined. */
function ownCgroup(): { kind: "cgroup-v1" | "cgroup-v2"; dir: string } | undefined {
  let lines: string[];
  try {
    lines = readFileSync("/proc/self/cgroup", "utf8").trim().split("\n");
  } catch {
    return undefined;
  }
  const v1 = lines.map((l) => l.split(":")).find((f) => f[1]?.split(",").includes("memory"));
  if (v1 && existsSync("/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
    return { kind: "cgroup-v1", dir: path.join("/sys/fs/cgroup/memory", v1[2] ?? "/") };
  }
  const v2 = lines.map((l) => l.split(":")).find((f) => f[0] === "0" && f[1] === "");
  if (v2 && existsSync("/sys/fs/cgroup/cgroup.controllers")) {
    return { kind: "cgroup-v2", dir: path.join("/sys/fs/cgroup", v2[2] ?? "/") };
  }
  return undefined;
}

function tryCgroup(name: string, bytes: number): MemoryLimit | undefined {
  const own = ownCgroup();
  if (!own) return undefined;
  const dir = path.join(own.dir, name);
  try {
    mkdirSync(dir);
  } catch {
    return undefined;
  }
  const write = (file: string, value: string) => writeFileSync(path.join(dir, file), value);
  const cleanup = () => {
    try {
      rmdirSync(dir);
    } catch {
      // still has processes, or gone already
    }
  };
  try {
    if (own.kind === "cgroup-v1") {
      write("memory.limit_in_bytes", String(bytes));
      // No swapping past the limit either (Cloud Run has no swap).
      if (existsSync(path.join(dir, "memory.memsw.limit_in_bytes"))) write("memory.memsw.limit_in_bytes", String(bytes));
    } else {
      write("memory.max", String(bytes));
      if (existsSync(path.join(dir, "memory.swap.max"))) write("memory.swap.max", "0");
    }
  } catch {
    cleanup();
    return undefined;
  }
  const oomKills = () => {
    try {
      const file = own.kind === "cgroup-v1" ? "memory.oom_control" : "memory.events";
      return Number(/oom_kill (\d+)/.exec(readFileSync(path.join(dir, file), "utf8"))?.[1] ?? 0);
    } catch {
      return 0;
    }
  };
  return {
    kind: own.kind,
    bytes,
    attach: (pid) => write("cgroup.procs", String(pid)),
    kills: oomKills,
    dispose: cleanup,
  };
}

/** Resident set size of a process in bytes (0 once it is gone). */
export function rssBytes(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS. */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

function watchdog(bytes: number): MemoryLimit {
  const watched = new Set<number>();
  let killed = 0;
  const timer = setInterval(() => {
    for (const pid of watched) {
      if (rssBytes(pid) > bytes) {
        try {
          process.kill(pid, "SIGKILL");
          killed++;
        } catch {
          // gone
        }
        watched.delete(pid);
      }
    }
  }, 25);
  timer.unref();
  return {
    kind: "watchdog",
    bytes,
    attach: (pid) => void watched.add(pid),
    kills: () => killed,
    dispose: () => clearInterval(timer),
  };
}

/** A limit of `bytes` named `name` (unique per stack and instance). */
export function createMemoryLimit(name: string, bytes: number, prefer: LimitKind | "auto" = "auto"): MemoryLimit {
  if (prefer !== "watchdog") {
    const cg = tryCgroup(name, bytes);
    if (cg) return cg;
    if (prefer !== "auto") throw new Error(`cannot create a ${prefer} memory limit here`);
  }
  return watchdog(bytes);
}
