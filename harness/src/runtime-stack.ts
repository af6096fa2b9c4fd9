// The local stack that runs the functions the way production runs them:
// Firestore and Pub/Sub emulators, and every function of the manifest served by
// @google-cloud/functions-framework from functions/lib, with its deployed
// settings (params from functions/.env*, concurrency, memory limit, timeout),
// behind a Cloud Run-like router (runtime/router.ts); Pub/Sub-triggered
// functions get their messages through an Eventarc-like trigger
// (runtime/eventarc.ts) with ack deadline, backoff and a dead-letter topic.
// `npm run stack` and `npm run test:stack` start it (scripts/stack.ts).
import { LOCAL_PARAMS } from "./local-params.ts";
import { startScheduler } from "./scheduler.ts";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { detectBackend, type Backend } from "./backend.ts";
import { startDataEmulators } from "./data-emulators.ts";
import { readEnvFile } from "./dotenv.ts";
import { FUNCTIONS_DIR, REPO_ROOT } from "./paths.ts";
import { readFirebaseJson, resolvePorts, waitPortsFree, type Ports } from "./ports.ts";
import { tail, type Group } from "./processes.ts";
import { claimStack, releaseStack } from "./registry.ts";
import { eventarcNames, PubsubTrigger, type TriggerStats } from "./runtime/eventarc.ts";
import { FunctionInstance, type InstanceState } from "./runtime/instance.ts";
import { deployEnvFiles, discoverManifest, functionSettings, resolveParams, type FunctionSettings } from "./runtime/manifest.ts";
import type { LimitKind } from "./runtime/memory.ts";
import { portOf } from "./net.ts";
import { ServiceRouter, type RouterStats } from "./runtime/router.ts";
import { ensureLocalSecret } from "./secret.ts";
import { abortable } from "./signals.ts";
import type { Stack, StackOptions } from "./emulator-stack.ts";

/** The emulator stack's options but its ready timeout; params go over functions/.env* here. */
export type RuntimeStackOptions = Omit<StackOptions, "readyTimeoutMs"> & {
  /** Instances of each Pub/Sub-triggered function behind its one push endpoint (default 1). */
  instances?: number;
  /** Eventarc trigger settings; defaults are production's (ack deadline 10 s, backoff 10-600 s, 5 attempts). */
  ackDeadlineSeconds?: number;
  backoff?: { minSeconds: number; maxSeconds: number };
  maxDeliveryAttempts?: number;
  memoryLimit?: LimitKind | "auto";
  /** Aborting stops whatever has started and rejects (Ctrl-C during start-up). */
  signal?: AbortSignal;
};

export type RuntimeState = {
  instances: InstanceState[];
  routers: Record<string, RouterStats>;
  triggers: Record<string, TriggerStats>;
};

export type RuntimeStack = Stack & {
  kind: "runtime";
  adminUrl: string;
  functions: FunctionSettings[];
  /** Routers' URLs by function name. */
  serviceUrls: Record<string, string>;
  state(): RuntimeState;
  /** SIGKILLs an instance (Cloud Run then starts a replacement); its pid, if it was alive. */
  kill(fn: string, index: number): number | undefined;
  /** Zeroes the routers' and triggers' high-water marks. */
  resetMaxima(): void;
  notes: string[];
};

export const PRODUCTION_TRIGGER = { ackDeadlineSeconds: 10, backoff: { minSeconds: 10, maxSeconds: 600 }, maxDeliveryAttempts: 5 } as const;

export async function startRuntimeStack(options: RuntimeStackOptions = {}): Promise<RuntimeStack> {
  const project = options.project ?? process.env.GCLOUD_PROJECT ?? "demo-newsroom";
  if (!project.startsWith("demo-")) throw new Error(`Local runs use a demo- project id so nothing reaches a real project; got "${project}"`);
  if (!existsSync(path.join(FUNCTIONS_DIR, "lib/index.js"))) throw new Error("functions/lib is missing: run `npm run build` first");
  const backend: Backend = detectBackend(process.env);
  const baseConfig = readFirebaseJson(path.join(REPO_ROOT, "firebase.json"));
  const ports = resolvePorts(baseConfig, process.env);
  const used: Partial<Ports> = { firestore: ports.firestore, pubsub: ports.pubsub, functions: ports.functions };
  const dir = path.join(REPO_ROOT, ".emulators", `runtime-${ports.functions}`);
  const notes = claimStack(dir, Object.values(used));
  await waitPortsFree(used, 10_000);
  const logFile = path.join(dir, "stack.log");
  const log = createWriteStream(logFile, { flags: "w" });
  const say = (line: string) => log.write(`[stack] ${line}\n`);

  const groups: Group[] = [];
  const instances: FunctionInstance[] = [];
  const routers = new Map<string, ServiceRouter>();
  const triggers = new Map<string, PubsubTrigger>();
  const schedulers: NodeJS.Timeout[] = [];
  let admin: http.Server | undefined;
  let stopping = false;
  const onExit = () => {
    for (const g of groups) g.kill();
    for (const i of instances) i.kill("SIGKILL");
  };
  process.once("exit", onExit);
  const stop = async () => {
    stopping = true;
    process.off("exit", onExit);
    for (const t of schedulers) clearInterval(t);
    await Promise.all([...triggers.values()].map((t) => t.stop()));
    await Promise.all([...routers.values()].map((r) => r.close()));
    await Promise.all(instances.map((i) => i.stop()));
    for (const i of instances) i.dispose();
    for (const g of [...groups].reverse()) await g.stop();
    await new Promise<void>((resolve) => (admin ? admin.close(() => resolve()) : resolve()));
    admin?.closeAllConnections();
    log.end();
    releaseStack(dir);
    await waitPortsFree(used, 10_000);
  };
  const aborted = () => {
    if (options.signal?.aborted) throw new Error("start-up interrupted");
  };
  const until = <T,>(p: Promise<T>) => abortable(p, options.signal);

  try {
    aborted();
    const configFile = path.join(dir, "firebase.json");
    writeFileSync(configFile, JSON.stringify({ ...baseConfig, emulators: { firestore: { host: "127.0.0.1", port: ports.firestore }, pubsub: { host: "127.0.0.1", port: ports.pubsub }, ui: { enabled: false } } }));
    const emulators = startDataEmulators({ backend, ports, project, log, echo: options.echo ?? false, configFile }, (g) => groups.push(g));
    const platform: Record<string, string> = {
      GCLOUD_PROJECT: project,
      GOOGLE_CLOUD_PROJECT: project,
      FIREBASE_CONFIG: JSON.stringify({ projectId: project, storageBucket: `${project}.appspot.com` }),
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${ports.firestore}`,
      PUBSUB_EMULATOR_HOST: `127.0.0.1:${ports.pubsub}`,
      // Google's auth library would probe the metadata server (169.254.169.254, link-local): never from here.
      METADATA_SERVER_DETECTION: "none",
    };
    // Discovery runs meanwhile: the same manifest firebase deploy reads.
    emulators.catch(() => undefined);
    const manifest = await until(discoverManifest(FUNCTIONS_DIR, { PATH: process.env.PATH ?? "", ...platform }));
    await until(emulators);
    aborted();

    const params = resolveParams(manifest.params ?? [], [...deployEnvFiles(FUNCTIONS_DIR, project), LOCAL_PARAMS, options.params ?? {}]);
    const region = params["REGION"] ?? "us-central1";
    const apiKey = ensureLocalSecret(path.join(FUNCTIONS_DIR, ".secret.local"), "INGEST_API_KEY");
    const secretFile = readEnvFile(path.join(FUNCTIONS_DIR, ".secret.local"));
    const functions = functionSettings(manifest, params);
    const stackId = `${process.pid}`;

    const serviceUrls: Record<string, string> = {};
    for (const fn of functions) {
      const missing = fn.secrets.filter((s) => secretFile[s] === undefined);
      if (missing.length > 0) throw new Error(`${fn.name} needs secrets missing from functions/.secret.local: ${missing.join(", ")}`);
      const env = { ...platform, ...params, ...Object.fromEntries(fn.secrets.map((s) => [s, secretFile[s]!])) };
      const count = fn.pubsub ? Math.max(1, options.instances ?? 1) : 1;
      const own = Array.from({ length: count }, (_, index) => new FunctionInstance({ settings: fn, index, functionsDir: FUNCTIONS_DIR, env, log, echo: options.echo ?? false, memory: options.memoryLimit ?? "auto", stackId }));
      instances.push(...own);
      const router = new ServiceRouter(fn.name, own, fn.concurrency, fn.timeoutSeconds);
      routers.set(fn.name, router);
      // Ingest keeps the functions port, so its URL is stable; the rest take free ports.
      const port = await router.listen(fn.name === "ingest" ? ports.functions : 0);
      serviceUrls[fn.name] = `http://127.0.0.1:${port}`;
      for (const inst of own) {
        // Cloud Run replaces an instance that died (killed, out of memory, crashed).
        inst.onExit = (how) => {
          if (stopping) return;
          say(`${inst.name} ended (${how}); starting a replacement`);
          void sleep(500)
            .then(() => (stopping ? undefined : startInstance(inst, fn)))
            .then(() => router.instanceReady())
            .catch((err: Error) => say(`${inst.name} replacement failed: ${err.message}`));
        };
      }
    }
    await until(Promise.all(instances.map((inst) => startInstance(inst, functions.find((f) => inst.name.startsWith(`${f.name}#`))!))));
    for (const r of routers.values()) r.instanceReady();
    aborted();

    for (const fn of functions) {
      if (!fn.pubsub) continue;
      const names = eventarcNames(fn.name, region);
      const trigger = new PubsubTrigger({
        pubsubHost: platform.PUBSUB_EMULATOR_HOST!,
        project,
        topic: fn.pubsub.topic,
        subscription: names.subscription,
        target: serviceUrls[fn.name]!,
        ackDeadlineSeconds: options.ackDeadlineSeconds ?? PRODUCTION_TRIGGER.ackDeadlineSeconds,
        retry: fn.pubsub.retry,
        backoff: options.backoff ?? PRODUCTION_TRIGGER.backoff,
        deadLetter: { topic: names.deadLetterTopic, maxDeliveryAttempts: options.maxDeliveryAttempts ?? PRODUCTION_TRIGGER.maxDeliveryAttempts },
        maxOutstanding: 1_000,
        log: say,
      });
      await trigger.start();
      triggers.set(fn.name, trigger);
    }

    // Cloud Scheduler: a POST to each scheduled function at its period.
    for (const fn of functions) {
      if (fn.schedule) schedulers.push(startScheduler(serviceUrls[fn.name]!, fn.schedule.everySeconds * 1000, say));
    }

    const state = (): RuntimeState => ({
      instances: instances.map((i) => i.state()),
      routers: Object.fromEntries([...routers].map(([k, r]) => [k, r.snapshot()])),
      triggers: Object.fromEntries([...triggers].map(([k, t]) => [k, t.snapshot()])),
    });
    const kill = (fn: string, index: number) => {
      const inst = instances.find((i) => i.name === `${fn}#${index}`);
      const pid = inst?.pid;
      inst?.kill("SIGKILL");
      return pid;
    };
    const resetMaxima = () => {
      for (const r of routers.values()) r.resetMaxima();
      for (const t of triggers.values()) t.resetMaxima();
    };
    admin = http.createServer((req, res) => adminRoute(req, res, { state, kill, resetMaxima, instances }));
    await new Promise<void>((resolve) => admin!.listen(0, "127.0.0.1", () => resolve()));
    const adminUrl = `http://127.0.0.1:${portOf(admin)}`;

    const ingestUrl = serviceUrls["ingest"] ?? "";
    const env: Record<string, string> = {
      GCLOUD_PROJECT: project,
      FIRESTORE_EMULATOR_HOST: platform.FIRESTORE_EMULATOR_HOST!,
      PUBSUB_EMULATOR_HOST: platform.PUBSUB_EMULATOR_HOST!,
      INGEST_URL: ingestUrl,
      INGEST_API_KEY: apiKey,
      API_URL: serviceUrls["api"] ?? "",
      EMULATOR_LOG_FILE: logFile,
      STACK_KIND: "runtime",
      STACK_ADMIN_URL: adminUrl,
      POLL_FEEDS_URL: serviceUrls["pollFeeds"] ?? "",
      METADATA_SERVER_DETECTION: "none",
    };
    say(`up: ${JSON.stringify({ serviceUrls, adminUrl, instances: instances.map((i) => i.state()) })}`);
    return { kind: "runtime", backend: backend.kind, project, region, ports, ingestUrl, apiUrl: serviceUrls["api"] ?? "", dashboardUrl: undefined, apiKey, logFile, env, stop, adminUrl, functions, serviceUrls, state, kill, resetMaxima, notes };
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile, 30)}`);
  }
}

/**
 * Functions that warm up after they listen, and the line that says they are
 * done: an instance counts as started only then (processPosts loads the
 * extractor in every thread as it starts, ingest its Firestore client for key
 * lookups; see functions/src/index.ts).
 */
const WARM_LOG: Record<string, RegExp> = { processPosts: /extraction pool (warm|failed)/, ingest: /key lookups (warm|failed)/ };

/** Starts (or restarts) an instance and resolves once it is ready. */
async function startInstance(inst: FunctionInstance, fn: FunctionSettings): Promise<void> {
  const pattern = WARM_LOG[fn.name];
  const warm = pattern ? inst.whenLogged(pattern, 180_000) : Promise.resolve();
  warm.catch(() => undefined);
  await inst.start();
  await warm;
}


type AdminTargets = {
  state: () => RuntimeState;
  kill: (fn: string, index: number) => number | undefined;
  resetMaxima: () => void;
  instances: FunctionInstance[];
};

/**
 * The stack's control API (for tests and scenarios):
 *   GET  /state                              instances, routers, triggers
 *   POST /instances/{function}/{index}/kill  SIGKILL (Cloud Run starts a replacement)
 *   POST /instances/{function}/{index}/reset-peak
 *   POST /reset-maxima                       zero the routers' and triggers' high-water marks
 */
function adminRoute(req: http.IncomingMessage, res: http.ServerResponse, t: AdminTargets): void {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const url = new URL(req.url ?? "/", "http://admin");
  if (req.method === "GET" && url.pathname === "/state") return send(200, t.state());
  if (req.method === "POST" && url.pathname === "/reset-maxima") {
    t.resetMaxima();
    return send(200, { ok: true });
  }
  const m = /^\/instances\/([^/]+)\/(\d+)\/(kill|reset-peak)$/.exec(url.pathname);
  if (req.method === "POST" && m) {
    const inst = t.instances.find((i) => i.name === `${m[1]}#${m[2]}`);
    if (!inst) return send(404, { error: `no instance ${m[1]}#${m[2]}` });
    if (m[3] === "kill") return send(200, { killed: t.kill(m[1]!, Number(m[2])) });
    inst.resetPeak();
    return send(200, { ok: true });
  }
  send(404, { error: "unknown admin route" });
}
