// Starts and stops the local stack: Firestore, Pub/Sub and Functions emulators
// (plus Hosting once firebase.json has it). Used by `npm run emulators`,
// `npm test` and the demo, so every entry point boots the same way.
import { LOCAL_PARAMS } from "./local-params.ts";
import { emulatorTriggerUrl, FEEDS_POLL_MS, startScheduler, startTicker } from "./scheduler.ts";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { detectBackend, type Backend } from "./backend.ts";
import { startGcloudFirestore } from "./data-emulators.ts";
import { browserUnsafe, busyPorts, readFirebaseJson, resolvePorts, waitPortsFree, type Ports } from "./ports.ts";
import { withLoopbackConnect } from "./csp.ts";
import { envKey, readEnvValue } from "./dotenv.ts";
import { ensureLocalSecret } from "./secret.ts";
import { FIREBASE_BIN, REPO_ROOT } from "./paths.ts";
import { claimStack, releaseStack } from "./registry.ts";
import { yieldCpuOf } from "./priority.ts";
import { warmUpEmulatorWorkers } from "./warm-up.ts";
import { abortable } from "./signals.ts";
import { startGroup, tail, waitForHttp, type Group } from "./processes.ts";

export { REPO_ROOT };

export type StackOptions = {
  project?: string;
  /** Echo emulator output to this process's stdout as well as the log file. */
  echo?: boolean;
  readyTimeoutMs?: number;
  /** Param values for the test, e.g. shorter timeouts (the emulators: written to functions/.env.local). */
  params?: Record<string, string>;
  /** Aborting stops whatever has started and rejects (Ctrl-C during start-up). */
  signal?: AbortSignal;
};

export type Stack = {
  backend: Backend["kind"];
  project: string;
  region: string;
  ports: Ports;
  ingestUrl: string;
  /** The dashboard on the Hosting emulator, pointed at this stack's Firestore. */
  dashboardUrl: string | undefined;
  apiKey: string;
  /** The read API's base URL (/v1/... and /v0/... follow it). */
  apiUrl: string;
  logFile: string;
  /** Environment for a client process: emulator hosts, project, ingest URL and key. */
  env: Record<string, string>;
  stop(): Promise<void>;
  /** What start-up did that the user should know (a stale stack stopped). */
  notes?: string[];
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const project = options.project ?? process.env.GCLOUD_PROJECT ?? "demo-newsroom";
  if (!project.startsWith("demo-")) {
    throw new Error(`Local runs use a demo- project id so nothing reaches a real project; got "${project}"`);
  }
  const backend = detectBackend(process.env);
  const baseConfig = readFirebaseJson(path.join(REPO_ROOT, "firebase.json"));
  const ports = resolvePorts(baseConfig, process.env);
  const hosting = "hosting" in baseConfig;
  const { hosting: _hostingPort, ...withoutHosting } = ports;
  const used: Partial<Ports> = hosting ? ports : withoutHosting;
  // Per-stack files (named by the functions port) let shifted stacks run side by side.
  const logDir = path.join(REPO_ROOT, ".emulators", String(ports.functions));
  const notes = claimStack(logDir, Object.values(used));
  await waitPortsFree(used, 10_000);

  const unsafe = hosting ? browserUnsafe({ hosting: ports.hosting, firestore: ports.firestore }) : [];
  if (unsafe.length > 0) {
    console.error(`warning: browsers refuse ${unsafe.join(", ")}: the dashboard will not load there; pick another EMULATOR_PORT_OFFSET`);
  }
  const apiKey = ensureLocalSecret(path.join(REPO_ROOT, "functions/.secret.local"), "INGEST_API_KEY");
  const region = readFunctionsParam("REGION") ?? "us-central1";
  // One extraction thread per emulated invocation: the emulator runs every
  // invocation in a process of its own, which already spreads work over cores.
  const restoreParams = setEmulatorParams({ EXTRACT_THREADS: "1", ...LOCAL_PARAMS, ...options.params });
  const configFile = writeLocalConfig(baseConfig, ports);

  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "emulators.log");
  const log = createWriteStream(logFile, { flags: "w" });

  const env: Record<string, string> = {
    GCLOUD_PROJECT: project,
    FIRESTORE_EMULATOR_HOST: `127.0.0.1:${ports.firestore}`,
    PUBSUB_EMULATOR_HOST: `127.0.0.1:${ports.pubsub}`,
    FIREBASE_EMULATOR_HUB: `127.0.0.1:${ports.hub}`,
    FUNCTIONS_EMULATOR_ORIGIN: `http://127.0.0.1:${ports.functions}`,
    INGEST_URL: `http://127.0.0.1:${ports.functions}/${project}/${region}/ingest`,
    INGEST_API_KEY: apiKey,
    // Through Hosting's rewrite, as deployed; without Hosting, straight to the function.
    API_URL: hosting ? `http://127.0.0.1:${ports.hosting}/api` : `http://127.0.0.1:${ports.functions}/${project}/${region}/api`,
    EMULATOR_LOG_FILE: logFile,
    // Google's auth library would probe the metadata server (169.254.169.254, link-local): never from here.
    METADATA_SERVER_DETECTION: "none",
    ...(hosting ? { HOSTING_URL: `http://127.0.0.1:${ports.hosting}` } : {}),
    POLL_FEEDS_URL: emulatorTriggerUrl(`http://127.0.0.1:${ports.functions}`, project, region, "pollFeeds"),
  };

  const children: Group[] = [];
  // Safety net: if this process ends without stop() (a crash, process.exit),
  // take every emulator down with it rather than orphan JVMs on our ports.
  const onExit = () => {
    for (const child of children) child.kill();
  };
  process.once("exit", onExit);
  let ticker: NodeJS.Timeout | undefined;
  let scheduler: NodeJS.Timeout | undefined;
  // The emulator's workers for event-triggered functions yield the CPU to ingest and the API (priority.ts).
  const origin = `http://127.0.0.1:${ports.functions}`;
  const stopYielding = yieldCpuOf((e) => e.get("FUNCTIONS_EMULATOR_ORIGIN") === origin && e.get("FUNCTION_SIGNATURE_TYPE") === "cloudevent");
  const stop = async () => {
    process.off("exit", onExit);
    clearInterval(ticker);
    clearInterval(scheduler);
    stopYielding();
    // Firebase first (it stops Pub/Sub and the functions), then Firestore.
    for (const child of [...children].reverse()) await child.stop();
    restoreParams();
    log.end();
    releaseStack(logDir);
    await assertPortsFreed(used);
  };

  try {
    const only = ["functions", "pubsub"];
    const firebaseEnv: NodeJS.ProcessEnv = {
      // Bounded worker processes: each loads the functions code afresh, and a
      // burst of messages would otherwise start dozens at once on a small machine.
      FUNCTIONS_EMULATOR_PARALLEL: "16",
      // Seconds a worker may take to load the code before the emulator gives up
      // on it (and, unlike Pub/Sub, never redelivers): generous for busy machines.
      FUNCTIONS_DISCOVERY_TIMEOUT: "120",
      ...process.env,
      ...env,
      NODE_ENV: "production", // the framework's own error pages then carry no stack traces
    };
    if (backend.kind === "gcloud") {
      children.push(startGcloudFirestore(backend.firestoreBinary, ports.firestore, project, log, { echo: options.echo ?? false }));
      await abortable(waitForHttp(`http://127.0.0.1:${ports.firestore}/`, 60_000, children[0]!), options.signal);
      firebaseEnv.PUBSUB_EMULATOR_BINARY_PATH = backend.pubsubBinary;
    } else {
      only.push("firestore");
      delete firebaseEnv.FIRESTORE_EMULATOR_HOST;
      delete firebaseEnv.PUBSUB_EMULATOR_HOST;
    }
    if (hosting) only.push("hosting");
    const firebase = startGroup(
      "firebase",
      process.execPath,
      [FIREBASE_BIN, "emulators:start", "--project", project, "--config", configFile, "--only", only.join(",")],
      firebaseEnv,
      log,
      { echo: options.echo ?? false },
    );
    children.push(firebase);
    // The ingest function answers 401 to a keyless request once it is loaded.
    await abortable(waitForHttp(`${env.INGEST_URL}/posts`, options.readyTimeoutMs ?? 180_000, firebase, (status) => status === 401), options.signal);
    const rollupTopic = readFunctionsParam("ROLLUP_TOPIC") ?? "rollup";
    const warm = { pubsubHost: env.PUBSUB_EMULATOR_HOST!, firestoreHost: env.FIRESTORE_EMULATOR_HOST!, project, postsTopic: readFunctionsParam("POSTS_TOPIC") ?? "posts", rollupTopic };
    const warmMs = await abortable(warmUpEmulatorWorkers(warm, WARM_WORKERS, options.readyTimeoutMs ?? 180_000), options.signal);
    log.write(`[harness] ${WARM_WORKERS} processPosts and rollup workers warm in ${Math.round(warmMs)} ms\n`);
    ticker = startRollupTicker(env.PUBSUB_EMULATOR_HOST!, project, rollupTopic, log);
    scheduler = startScheduler(env.POLL_FEEDS_URL!, FEEDS_POLL_MS, (line) => log.write(`[harness] ${line}\n`));
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile, 30)}`);
  }

  return {
    dashboardUrl: hosting ? `${env.HOSTING_URL}/?firestore=${env.FIRESTORE_EMULATOR_HOST}` : undefined,
    backend: backend.kind,
    project,
    region,
    ports,
    ingestUrl: env.INGEST_URL!,
    apiUrl: env.API_URL!,
    apiKey,
    logFile,
    env,
    stop,
    notes,
  };
}

/** Workers of each event-triggered function started before the stack is up (warm-up.ts). */
const WARM_WORKERS = 4;

/** How often the harness asks the rollup to sweep under the Functions emulator. */
export const SWEEP_TICK_MS = 5_000;

/**
 * The Functions emulator runs every invocation in a process of its own, so
 * processPosts cannot send one tick per window as its instances do in
 * production; the harness publishes a sweep tick instead, every few seconds.
 */
function startRollupTicker(pubsubHost: string, project: string, topic: string, log: NodeJS.WritableStream): NodeJS.Timeout {
  return startTicker(pubsubHost, project, topic, SWEEP_TICK_MS, log);
}

async function assertPortsFreed(ports: Partial<Ports>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await busyPorts(ports)).length === 0) return;
    await sleep(250);
  }
  throw new Error(`Processes left running after stop, still listening: ${(await busyPorts(ports)).join(", ")}`);
}

/** firebase.local-PORT.json: firebase.json with the resolved ports and a CSP that lets the page reach the emulators (git-ignored). */
function writeLocalConfig(base: ReturnType<typeof readFirebaseJson>, ports: Ports): string {
  const emulators = { ...(base.emulators ?? {}) } as Record<string, Record<string, unknown>>;
  for (const [name, port] of Object.entries(ports)) {
    emulators[name] = { ...(emulators[name] ?? {}), host: "127.0.0.1", port };
  }
  emulators.ui = { enabled: false };
  const file = path.join(REPO_ROOT, `firebase.local-${ports.functions}.json`);
  writeFileSync(file, JSON.stringify({ ...withLoopbackConnect(base), emulators }, null, 2));
  return file;
}

/**
 * Emulator-only param values go into functions/.env.local, which firebase-tools
 * reads (and appends resolved defaults to). Only the given keys change, and
 * the returned function puts their earlier lines back, so a test's values do
 * not outlive its run and a second stack's values survive.
 */
function setEmulatorParams(params: Record<string, string>): () => void {
  const file = path.join(REPO_ROOT, "functions/.env.local");
  const keys = Object.keys(params);
  if (keys.length === 0) return () => undefined;
  const read = () => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l !== "") : []);
  const before = read().filter((l) => keys.includes(envKey(l) ?? ""));
  const replace = (lines: string[]) => {
    const kept = read().filter((l) => !keys.includes(envKey(l) ?? ""));
    writeFileSync(file, [...kept, ...lines].map((l) => `${l}\n`).join(""));
  };
  replace(Object.entries(params).map(([k, v]) => `${k}=${v}`));
  return () => replace(before);
}

/** A param value from functions/.env or .env.<project>, as firebase-tools would load it. */
function readFunctionsParam(name: string): string | undefined {
  let value: string | undefined;
  for (const file of [".env", ".env.demo-newsroom"]) value = readEnvValue(path.join(REPO_ROOT, "functions", file), name) ?? value;
  return value;
}
