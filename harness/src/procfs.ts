// Processes by the TCP port they listen on (Linux /proc): fault scenarios
// pause (SIGSTOP) and resume (SIGCONT) a real emulator, and a new stack finds
// what a crashed one left listening.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; inode is column 10.
      if (cols.length > 9 && cols[3] === "0A" && parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

export function pidsListeningOn(port: number): number[] {
  const inodes = listeningInodes(port);
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) {
          pids.push(Number(entry));
          break;
        }
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return pids;
}

/** A process's environment, or undefined (gone, or not ours to read). */
export function environOf(pid: number): Map<string, string> | undefined {
  try {
    const vars = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    return new Map(vars.filter((v) => v.includes("=")).map((v) => [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)]));
  } catch {
    return undefined;
  }
}

/** The working directory of a process, or undefined once it is gone. */
export function cwdOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/** Pauses whatever listens on `port` while `during` runs, then resumes it. */
export async function whilePaused<T>(port: number, during: () => Promise<T>): Promise<T> {
  const pids = pidsListeningOn(port);
  if (pids.length === 0) throw new Error(`nothing listens on port ${port}`);
  for (const pid of pids) process.kill(pid, "SIGSTOP");
  try {
    return await during();
  } finally {
    for (const pid of pids) process.kill(pid, "SIGCONT");
  }
}
