// Child process groups for the local stacks: each service runs in a process
// group of its own, its output goes to the stack's log, and stopping it also
// stops whatever its launcher scripts started (JVMs, detached grandchildren).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, type WriteStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { descendants, killAll } from "./tree.ts";
import { REPO_ROOT } from "./paths.ts";

export type Group = { name: string; child: ChildProcess; exited: Promise<void>; stop(): Promise<void>; kill(): void };

// Each emulator runs in its own process group, so stopping it also stops the
// JVMs its launcher scripts start.
export function startGroup(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: WriteStream,
  { echo = false }: { echo?: boolean } = {},
): Group {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (echo) process.stdout.write(chunk);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return {
    name,
    child,
    exited,
    kill() {
      // Synchronous, for process exit: no waiting, everything gets SIGKILL.
      killAll(descendants(child.pid!), "SIGKILL");
      signalGroup("SIGKILL");
    },
    async stop() {
      // Remember the whole tree first: detached grandchildren leave our group.
      const tree = descendants(child.pid!);
      signalGroup("SIGINT");
      const clean = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
      // Whatever the leader left behind goes too.
      signalGroup(clean ? "SIGTERM" : "SIGKILL");
      killAll(tree, "SIGTERM");
      await sleep(500);
      signalGroup("SIGKILL");
      killAll(tree, "SIGKILL");
    },
  };
}

export async function waitForHttp(
  url: string,
  timeoutMs: number,
  owner: Group,
  ok: (status: number) => boolean = (status) => status === 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void owner.exited.then(() => (died = true));
  let last = "no answer";
  while (Date.now() < deadline) {
    if (died) throw new Error(`${owner.name} exited before ${url} was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

export function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
