// What `npm run emulators` and `npm run stack` share: the banner a person
// reads, running a command against a stack, and staying up until Ctrl-C.
import { spawn } from "node:child_process";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Stack } from "./emulator-stack.ts";
import { untilSignal } from "./signals.ts";
import { table } from "./table.ts";

export type Line = [label: string, value: string];

export function banner(stack: Stack, extra: Line[] = []): string {
  const lines: Line[] = [
    ...(stack.dashboardUrl ? ([["Dashboard", stack.dashboardUrl]] as Line[]) : []),
    ["Ingest endpoint", `${stack.ingestUrl}/posts   (POST; also /post/enqueue)`],
    ["API key", `${stack.apiKey}   (from functions/.secret.local)`],
    ["Read API", `${stack.apiUrl}   (GET /v1/publications, /v1/openapi.json, /v0/publications, ...)`],
    ["Firestore", stack.env.FIRESTORE_EMULATOR_HOST ?? ""],
    ["Pub/Sub", stack.env.PUBSUB_EMULATOR_HOST ?? ""],
    ...extra,
  ];
  return `
${table(["", ""], lines, ["l", "l"])}

  curl -X POST '${stack.ingestUrl}/posts' -H "Authorization: Bearer ${stack.apiKey}" \\
       -H 'Content-Type: application/json' -d '{"publication":"Example Times","content":"Angela Merkel met Emmanuel Macron in Paris."}'

  Ctrl-C stops everything.
`;
}

export async function serveUntilSignal(stack: Stack, text: string): Promise<number> {
  console.log(text);
  await untilSignal();
  console.log("stopping...");
  await stack.stop();
  console.log("stopped; no processes of the stack left running.");
  return 0;
}

/** Runs `command` with the stack's environment; stops the stack after it; its exit code. */
export async function execAgainst(stack: Stack, command: string[]): Promise<number> {
  const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env: { ...process.env, ...stack.env } });
  void untilSignal().then((signal) => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.once("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
  await stack.stop();
  console.log("stack stopped; no processes of it left running.");
  return code;
}

/** `--param KEY=VALUE` pairs, repeatable. */
export function parseParamFlags(values: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const v of values) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(v);
    if (!m) throw new Error(`--param takes KEY=VALUE, got "${v}"`);
    params[m[1]!] = m[2]!;
  }
  return params;
}

/** `MODE [flags] [-- COMMAND ...]`, as `emulators` and `stack` take it: the flags by node:util parseArgs, everything after `--` untouched. */
export function modeAndCommand<O extends NonNullable<ParseArgsConfig["options"]>>(argv: readonly string[], options: O) {
  const dash = argv.indexOf("--");
  const { values, positionals } = parseArgs({ args: dash >= 0 ? argv.slice(0, dash) : [...argv], allowPositionals: true, options });
  return { mode: positionals[0], command: dash >= 0 ? argv.slice(dash + 1) : positionals.slice(1), flags: values };
}
