// Emulator ports: firebase.json holds the defaults; EMULATOR_PORT_OFFSET shifts
// them all (two stacks side by side) and <NAME>_PORT overrides one.
import { readFileSync } from "node:fs";
import { canConnect } from "./net.ts";

export const EMULATOR_NAMES = [
  "hub",
  "logging",
  "functions",
  "firestore",
  "pubsub",
  "eventarc",
  "tasks",
  "hosting",
] as const;
export type EmulatorName = (typeof EMULATOR_NAMES)[number];
export type Ports = Record<EmulatorName, number>;

type FirebaseJson = { emulators?: Record<string, { port?: number } | unknown> } & Record<string, unknown>;

export function readFirebaseJson(path: string): FirebaseJson {
  return JSON.parse(readFileSync(path, "utf8")) as FirebaseJson;
}

export function resolvePorts(config: FirebaseJson, env: NodeJS.ProcessEnv): Ports {
  const offset = parsePort(env.EMULATOR_PORT_OFFSET ?? "0", "EMULATOR_PORT_OFFSET", { allowZero: true });
  const ports = {} as Ports;
  const taken = new Set<number>();
  for (const name of EMULATOR_NAMES) {
    const override = env[`${name.toUpperCase()}_PORT`];
    const entry = config.emulators?.[name] as { port?: number } | undefined;
    let port = override ? parsePort(override, `${name.toUpperCase()}_PORT`) : (entry?.port ?? DEFAULT_PORTS[name]) + offset;
    // A shifted port on the browsers' (and fetch's) blocked list moves up to the next usable one.
    if (!override) while (BROWSER_UNSAFE.has(port) || taken.has(port)) port++;
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

const DEFAULT_PORTS: Ports = {
  hub: 4400,
  logging: 4500,
  functions: 5001,
  firestore: 8080,
  pubsub: 8085,
  eventarc: 9299,
  tasks: 9499,
  hosting: 5000,
};

function parsePort(value: string, name: string, { allowZero = false }: { allowZero?: boolean } = {}): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535) {
    throw new Error(`${name} must be a port number, got "${value}"`);
  }
  return n;
}

export async function busyPorts(ports: Partial<Ports>): Promise<string[]> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (await canConnect(port)) busy.push(`${name} (${port})`);
  }
  return busy;
}

// Ports Chromium refuses to load (ERR_UNSAFE_PORT), from its port_util list
// (Node's fetch refuses the same): a dashboard or an emulator on one fails.
const BROWSER_UNSAFE = new Set([1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

export function browserUnsafe(ports: Partial<Ports>): string[] {
  return Object.entries(ports)
    .filter(([, port]) => BROWSER_UNSAFE.has(port))
    .map(([name, port]) => `${name} (${port})`);
}

/** Resolves once nothing listens on any of `ports`; after `timeoutMs`, says which are taken. */
export async function waitPortsFree(ports: Partial<Ports>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy = await busyPorts(ports);
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`Ports already in use: ${busy.join(", ")}. Stop the other stack, or shift all ports with EMULATOR_PORT_OFFSET=100 (or set <NAME>_PORT).`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
