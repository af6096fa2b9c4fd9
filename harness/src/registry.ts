// Which process owns a local stack. A stack records its harness's pid in
// .emulators/<id>/owner.json; a new run on the same ports finds out whether an
// earlier run is still alive (then it stops with a clear message) or died
// without cleaning up (then it stops what that run left listening, among this
// checkout's processes only, and says so).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.ts";
import { cwdOf, environOf, pidsListeningOn } from "./procfs.ts";
import { killAll } from "./tree.ts";

/** The environment variable that names, in each process a stack starts, the stack it belongs to. */
export const STACK_MARKER = "NEWSROOM_STACK";

type Owner = { pid: number; startedAt: string; command: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Claims `dir` for this process. Throws if a live harness owns it; otherwise
 * SIGKILLs this checkout's processes still listening on `ports` (a stale
 * stack's emulators and instances) and returns what it did, for the user.
 */
export function claimStack(dir: string, ports: readonly number[]): string[] {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "owner.json");
  const notes: string[] = [];
  if (existsSync(file)) {
    const owner = JSON.parse(readFileSync(file, "utf8")) as Owner;
    if (owner.pid !== process.pid && alive(owner.pid)) {
      throw new Error(`A stack of this checkout is already running on these ports (harness pid ${owner.pid}, started ${owner.startedAt}: ${owner.command}). Stop it, or shift the ports with EMULATOR_PORT_OFFSET=100.`);
    }
  }
  // Only what a run of this very stack started: stacks with shifted ports can share a port number
  // (one's hub is another's logging port), and a live neighbour must not be killed.
  const stale = [...new Set(ports.flatMap((p) => pidsListeningOn(p)))].filter((pid) => cwdOf(pid)?.startsWith(REPO_ROOT) && environOf(pid)?.get(STACK_MARKER) === dir);
  if (stale.length > 0) {
    killAll(stale, "SIGKILL");
    notes.push(`stopped a stale stack of this checkout left by an earlier run: pids ${stale.join(", ")} were still listening on its ports`);
  }
  // Every process the stack starts inherits it (the emulators take this process's environment).
  process.env[STACK_MARKER] = dir;
  const owner: Owner = { pid: process.pid, startedAt: new Date().toISOString(), command: process.argv.slice(1).join(" ").slice(0, 200) };
  writeFileSync(file, JSON.stringify(owner));
  return notes;
}

export function releaseStack(dir: string): void {
  if (process.env[STACK_MARKER] === dir) delete process.env[STACK_MARKER];
  rmSync(path.join(dir, "owner.json"), { force: true });
}
