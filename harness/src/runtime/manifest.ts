// What `firebase deploy` would deploy, read the way firebase-tools reads it:
// the functions SDK serves a manifest (endpoints with their options, params
// with their defaults) from the built code, and params take their values from
// functions/.env and .env.<project>, else their defaults. The local runtime
// stack starts each function with exactly these settings.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readEnvFile } from "../dotenv.ts";
import { freePort } from "../net.ts";

export type ParamSpec = { name: string; type: "string" | "int" | "boolean" | "float" | "list" | "secret"; default?: unknown };

type Expr = string | number | boolean | null | undefined;

export type EndpointSpec = {
  entryPoint: string;
  availableMemoryMb?: Expr;
  timeoutSeconds?: Expr;
  concurrency?: Expr;
  maxInstances?: Expr;
  cpu?: Expr;
  secretEnvironmentVariables?: Array<{ key: string }>;
  httpsTrigger?: Record<string, unknown>;
  eventTrigger?: { eventType: string; eventFilters?: Record<string, Expr>; retry?: boolean };
  scheduleTrigger?: { schedule: Expr; timeZone?: Expr };
};

export type Manifest = { specVersion: string; endpoints: Record<string, EndpointSpec>; params?: ParamSpec[] };

/** One function as it would run in production. */
export type FunctionSettings = {
  name: string;
  signatureType: "http" | "cloudevent";
  memoryMb: number;
  timeoutSeconds: number;
  concurrency: number;
  maxInstances: number;
  cpu: number;
  secrets: string[];
  /** Pub/Sub-triggered functions: the topic and whether failed deliveries are retried. */
  pubsub?: { topic: string; retry: boolean };
  /** Scheduled functions (Cloud Scheduler calls them over HTTP): the period. */
  schedule?: { expression: string; everySeconds: number };
};

/** "every N minutes" / "every N hours" (the App Engine cron form the SDK documents); cron strings are not run locally. */
export function schedulePeriodSeconds(expression: string): number {
  const m = /^every (\d+) (minute|minutes|hour|hours)$/.exec(expression.trim());
  if (!m) throw new Error(`schedule "${expression}" is not supported by the local runtime stack (use "every N minutes")`);
  return Number(m[1]) * (m[2]!.startsWith("hour") ? 3600 : 60);
}

export const PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

/** A file inside a package as `functionsDir` resolves it (the package's "exports" may not list it). */
export function sdkFile(functionsDir: string, pkg: string, file: string): string {
  const require = createRequire(path.join(functionsDir, "package.json"));
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(dir, pkg, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${pkg}/${file} not found from ${functionsDir}: run npm ci`);
}

/** Runs the SDK's discovery server over `functionsDir` (built) and returns its manifest. */
export async function discoverManifest(functionsDir: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Manifest> {
  const port = await freePort();
  // The SDK the functions themselves resolve (the workspace may hoist it).
  const sdkBin = sdkFile(functionsDir, "firebase-functions", "lib/bin/firebase-functions.js");
  const child = spawn(process.execPath, [sdkBin, functionsDir], {
    cwd: functionsDir,
    env: { ...env, PORT: String(port), FUNCTIONS_CONTROL_API: "true" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !gone) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/__/functions.yaml`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return JSON.parse(await res.text()) as Manifest;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`functions discovery failed${gone ? " (the SDK exited)" : ` (no manifest in ${timeoutMs} ms)`}: ${stderr.trim()}`);
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
}

/**
 * Param values as a deploy resolves them: later sources win over earlier ones,
 * any of them over the declared default. Secrets are not params here (see
 * secretValues). Pure.
 */
export function resolveParams(params: readonly ParamSpec[], sources: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    if (p.type === "secret") continue;
    let value: string | undefined = p.default === undefined ? undefined : String(p.default);
    for (const s of sources) if (s[p.name] !== undefined) value = s[p.name];
    if (value === undefined) throw new Error(`param ${p.name} has no value: set it in functions/.env`);
    out[p.name] = value;
  }
  return out;
}

/** The env files a deploy to `project` reads, lowest precedence first. */
export function deployEnvFiles(functionsDir: string, project: string): Array<Record<string, string>> {
  return [".env", `.env.${project}`].map((f) => readEnvFile(path.join(functionsDir, f)));
}

const PARAM_REF = /^\{\{\s*params\.([A-Z][A-Z0-9_]*)\s*\}\}$/;

/** A literal, or `{{ params.NAME }}` resolved against `values`. */
export function evaluate(expr: Expr, values: Readonly<Record<string, string>>): string | number | boolean | null | undefined {
  if (typeof expr !== "string") return expr;
  const m = PARAM_REF.exec(expr.trim());
  if (!m) {
    if (expr.includes("{{")) throw new Error(`unsupported expression in the manifest: ${expr}`);
    return expr;
  }
  const v = values[m[1]!];
  if (v === undefined) throw new Error(`the manifest refers to unknown param ${m[1]}`);
  return v;
}

function num(expr: Expr, values: Readonly<Record<string, string>>, fallback: number, what: string): number {
  const v = evaluate(expr, values);
  if (v === undefined || v === null) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${what}: not a number (${String(v)})`);
  return n;
}

/** Cloud Run functions' defaults for what an endpoint leaves unset. */
export const PLATFORM_DEFAULTS = { memoryMb: 256, timeoutSeconds: 60, concurrency: 80, maxInstances: 100, cpu: 1 } as const;

export function functionSettings(manifest: Manifest, values: Readonly<Record<string, string>>): FunctionSettings[] {
  return Object.entries(manifest.endpoints).map(([name, e]) => {
    const what = (field: string) => `${name}.${field}`;
    const base = {
      name,
      memoryMb: num(e.availableMemoryMb, values, PLATFORM_DEFAULTS.memoryMb, what("availableMemoryMb")),
      timeoutSeconds: num(e.timeoutSeconds, values, PLATFORM_DEFAULTS.timeoutSeconds, what("timeoutSeconds")),
      concurrency: num(e.concurrency, values, PLATFORM_DEFAULTS.concurrency, what("concurrency")),
      maxInstances: num(e.maxInstances, values, PLATFORM_DEFAULTS.maxInstances, what("maxInstances")),
      cpu: num(e.cpu, values, PLATFORM_DEFAULTS.cpu, what("cpu")),
      secrets: (e.secretEnvironmentVariables ?? []).map((s) => s.key),
    };
    if (e.httpsTrigger) return { ...base, signatureType: "http" as const };
    if (e.scheduleTrigger) {
      const expression = String(evaluate(e.scheduleTrigger.schedule, values) ?? "");
      return { ...base, signatureType: "http" as const, schedule: { expression, everySeconds: schedulePeriodSeconds(expression) } };
    }
    if (e.eventTrigger?.eventType === PUBSUB_PUBLISHED) {
      const topic = String(evaluate(e.eventTrigger.eventFilters?.["topic"], values) ?? "");
      if (!topic) throw new Error(`${name}: Pub/Sub trigger without a topic`);
      return { ...base, signatureType: "cloudevent" as const, pubsub: { topic, retry: e.eventTrigger.retry === true } };
    }
    throw new Error(`${name}: trigger not supported by the local runtime stack (${JSON.stringify(e.eventTrigger ?? Object.keys(e))})`);
  });
}
