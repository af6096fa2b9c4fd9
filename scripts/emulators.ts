// The emulator harness.
//   node scripts/emulators.ts start            run until Ctrl-C, printing the ingest URL and key
//   node scripts/emulators.ts exec -- CMD ...  run CMD against a fresh stack, exit with its code
// Ports: firebase.json, shifted by EMULATOR_PORT_OFFSET, or <NAME>_PORT (e.g. FUNCTIONS_PORT).
// --param KEY=VALUE (repeatable, before the mode's arguments) sets an emulator-only param value.
import { spawn } from "node:child_process";
import { untilSignal } from "./lib/signals.ts";
import { startStack, type Stack } from "./lib/stack.ts";

async function main(argv: string[]): Promise<number> {
  const [mode, ...rest] = argv;
  const params: Record<string, string> = {};
  while (rest[0] === "--param") {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(rest[1] ?? "");
    if (!m) return usage(`--param takes KEY=VALUE, got "${rest[1] ?? ""}"`);
    params[m[1]!] = m[2]!;
    rest.splice(0, 2);
  }
  if (mode === "start") return runUntilSignal(params);
  if (mode === "exec") {
    const command = rest[0] === "--" ? rest.slice(1) : rest;
    if (command.length === 0) return usage("exec needs a command after --");
    return runCommand(command, params);
  }
  return usage(mode ? `unknown mode "${mode}"` : "missing mode");
}

function usage(problem: string): number {
  console.error(`${problem}\nusage: node scripts/emulators.ts start [--param KEY=VALUE ...]
       node scripts/emulators.ts exec [--param KEY=VALUE ...] -- <command> [args...]`);
  return 2;
}

async function boot(echo: boolean, params: Record<string, string>): Promise<Stack> {
  const started = Date.now();
  const stack = await startStack({ echo, params });
  console.log(`emulators up in ${((Date.now() - started) / 1000).toFixed(1)} s (backend: ${stack.backend}; log: ${stack.logFile})`);
  return stack;
}

async function runUntilSignal(params: Record<string, string>): Promise<number> {
  const stack = await boot(true, params);
  console.log(`
  Dashboard         ${stack.dashboardUrl ?? "(no hosting section in firebase.json)"}
  Ingest endpoint   ${stack.ingestUrl}/posts   (POST; also /post/enqueue)
  API key           ${stack.apiKey}   (from functions/.secret.local)
  Firestore         ${stack.env.FIRESTORE_EMULATOR_HOST}
  Pub/Sub           ${stack.env.PUBSUB_EMULATOR_HOST}

  curl -X POST '${stack.ingestUrl}/posts' -H "Authorization: Bearer ${stack.apiKey}" \\
       -H 'Content-Type: application/json' -d '{"publication":"Example Times","content":"Angela Merkel met Emmanuel Macron in Paris."}'

  Ctrl-C stops everything.
`);
  await untilSignal();
  console.log("stopping emulators...");
  await stack.stop();
  console.log("stopped; no emulator processes left running.");
  return 0;
}

async function runCommand(command: string[], params: Record<string, string>): Promise<number> {
  const stack = await boot(false, params);
  const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env: { ...process.env, ...stack.env } });
  void untilSignal().then((signal) => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.once("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
  await stack.stop();
  console.log("emulators stopped; no emulator processes left running.");
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`emulators: ${(err as Error).message}`);
    process.exit(1);
  },
);
