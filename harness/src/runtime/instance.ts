// One instance of a function, as Cloud Run runs it: a Node process serving the
// built code with @google-cloud/functions-framework (the runtime of Cloud Run
// functions), on its own port, under the function's memory limit, with the
// environment production gives it (params, secrets, FUNCTION_TARGET, K_SERVICE,
// NODE_ENV=production). A killed or crashed instance can be started again, as
// Cloud Run starts a new one.
import { spawn, type ChildProcess } from "node:child_process";
import type { WriteStream } from "node:fs";
import { sdkFile, type FunctionSettings } from "./manifest.ts";
import { yieldCpu } from "../priority.ts";
import { createMemoryLimit, resetPeak, rssBytes, type LimitKind, type MemoryLimit } from "./memory.ts";
import { freePort, waitForListening } from "../net.ts";

export type InstanceOptions = {
  settings: FunctionSettings;
  index: number;
  functionsDir: string;
  /** Params, secrets, emulator hosts, project: everything but what the instance sets itself. */
  env: Record<string, string>;
  log: WriteStream;
  echo?: boolean;
  memory?: LimitKind | "auto";
  /** Unique per stack, names the instance's memory cgroup. */
  stackId: string;
};

export type InstanceState = {
  service: string;
  index: number;
  pid: number | undefined;
  port: number | undefined;
  alive: boolean;
  starts: number;
  /** Ends the platform caused: SIGKILLs from the memory limit. */
  oomKills: number;
  /** Every exit that was not asked for (crash, kill, out of memory). */
  crashes: number;
  rssBytes: number;
  peakRssBytes: number;
  memoryLimitBytes: number;
  memoryLimit: LimitKind;
};

export class FunctionInstance {
  private child: ChildProcess | undefined;
  private readonly limit: MemoryLimit;
  private stopping = false;
  private starts = 0;
  private crashes = 0;
  port: number | undefined;
  /** Resolves the next time the process exits. */
  exited: Promise<void> = Promise.resolve();
  onExit: (how: string) => void = () => undefined;
  private readonly watchers = new Set<{ pattern: RegExp; resolve: () => void }>();

  private readonly opts: InstanceOptions;

  constructor(opts: InstanceOptions) {
    this.opts = opts;
    const bytes = opts.settings.memoryMb * 1024 * 1024;
    this.limit = createMemoryLimit(`newsroom-${opts.stackId}-${opts.settings.name}-${opts.index}`, bytes, opts.memory ?? "auto");
  }

  get name(): string {
    return `${this.opts.settings.name}#${this.opts.index}`;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  get alive(): boolean {
    return this.pid !== undefined;
  }

  /** Starts the process and resolves once it accepts connections. */
  async start(readyTimeoutMs = 120_000): Promise<void> {
    const { settings, functionsDir } = this.opts;
    this.port = await freePort();
    const framework = sdkFile(functionsDir, "@google-cloud/functions-framework", "build/src/main.js");
    const env: Record<string, string> = {
      ...this.opts.env,
      NODE_ENV: "production",
      PORT: String(this.port),
      FUNCTION_TARGET: settings.name,
      FUNCTION_SIGNATURE_TYPE: settings.signatureType,
      K_SERVICE: settings.name.toLowerCase(),
      K_REVISION: `${settings.name.toLowerCase()}-local`,
      K_CONFIGURATION: settings.name.toLowerCase(),
      CLOUD_RUN_TIMEOUT_SECONDS: String(settings.timeoutSeconds),
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
    };
    const child = spawn(process.execPath, [framework, `--target=${settings.name}`, `--signature-type=${settings.signatureType}`, `--source=${functionsDir}`], {
      cwd: functionsDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    this.stopping = false;
    this.limit.attach(child.pid!);
    // Event-triggered and scheduled functions yield the CPU to those answering requests (priority.ts).
    if (settings.signatureType === "cloudevent" || settings.schedule) yieldCpu(child.pid!);
    const tag = `[${this.name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      // Whole lines only, each tagged: instances share one log file, and a
      // structured line cut by another instance's output would be lost to readers.
      let partial = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop()!;
        if (lines.length === 0) return;
        this.opts.log.write(lines.map((l) => `${tag}${l}\n`).join(""));
        if (this.opts.echo) process.stdout.write(`${lines.join("\n")}\n`);
        if (this.watchers.size === 0) return;
        const text = lines.join("\n");
        for (const w of this.watchers) {
          if (w.pattern.test(text)) {
            this.watchers.delete(w);
            w.resolve();
          }
        }
      });
      stream?.on("end", () => {
        if (partial) this.opts.log.write(`${tag}${partial}\n`);
      });
    }
    const killsBefore = this.limit.kills();
    this.exited = new Promise<void>((resolve) =>
      child.once("exit", (code, signal) => {
        const oom = this.limit.kills() > killsBefore;
        const how = oom ? `out of memory (limit ${settings.memoryMb} MiB)` : signal ? `signal ${signal}` : `exit code ${code}`;
        if (!this.stopping) this.crashes++;
        this.opts.log.write(`[${this.name}] instance ended: ${how}\n`);
        if (!this.stopping) this.onExit(how);
        resolve();
      }),
    );
    let gone = false;
    void this.exited.then(() => (gone = true));
    await waitForListening(this.port, readyTimeoutMs, () => gone);
  }

  /** Resolves when the instance next writes a line matching `pattern` (call before what makes it log). */
  whenLogged(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const w = { pattern, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.watchers.delete(w);
        reject(new Error(`${this.name} did not log ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.watchers.add(w);
    });
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    this.child?.kill(signal);
  }

  /** Stops the instance as Cloud Run scales it in: SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.alive) return;
    this.child!.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  resetPeak(): void {
    if (this.pid) resetPeak(this.pid);
  }

  state(): InstanceState {
    const pid = this.pid;
    return {
      service: this.opts.settings.name,
      index: this.opts.index,
      pid,
      port: this.port,
      alive: pid !== undefined,
      starts: this.starts,
      oomKills: this.limit.kills(),
      crashes: this.crashes,
      rssBytes: pid ? rssBytes(pid) : 0,
      peakRssBytes: pid ? rssBytes(pid, "VmHWM") : 0,
      memoryLimitBytes: this.limit.bytes,
      memoryLimit: this.limit.kind,
    };
  }

  dispose(): void {
    this.limit.dispose();
  }
}
