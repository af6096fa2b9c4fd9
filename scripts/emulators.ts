// The emulator harness (the Firebase Emulator Suite, with the functions in the Functions emulator).
//   node scripts/emulators.ts start            run until Ctrl-C, printing the ingest URL and key
//   node scripts/emulators.ts exec -- CMD ...  run CMD against a fresh stack, exit with its code
// Ports: firebase.json, shifted by EMULATOR_PORT_OFFSET, or <NAME>_PORT (e.g. FUNCTIONS_PORT).
// --param KEY=VALUE (repeatable, before the mode's arguments) sets an emulator-only param value.
import { banner, execAgainst, modeAndCommand, parseParamFlags, serveUntilSignal } from "@newsroom/harness/commands";
import { interruptSignal } from "@newsroom/harness/signals";
import { startStack, type Stack } from "@newsroom/harness/emulator-stack";

const signal = interruptSignal(); // before anything starts: Ctrl-C during start-up stops cleanly

async function main(argv: string[]): Promise<number> {
  const { mode, command, flags } = modeAndCommand(argv, { help: { type: "boolean", default: false }, param: { type: "string", multiple: true, default: [] } });
  if (flags.help) return (console.log(USAGE), 0);
  if (mode !== "start" && mode !== "exec") return usage(mode ? `unknown mode "${mode}"` : "missing mode");
  if (mode === "exec" && command.length === 0) return usage("exec needs a command after --");
  const stack = await boot(mode === "start", parseParamFlags(flags.param));
  if (mode === "exec") return execAgainst(stack, command);
  return serveUntilSignal(stack, banner(stack));
}

const USAGE = `usage: node scripts/emulators.ts start [--param KEY=VALUE ...]
       node scripts/emulators.ts exec [--param KEY=VALUE ...] -- <command> [args...]`;

function usage(problem: string): number {
  console.error(`${problem}\n${USAGE}`);
  return 2;
}

async function boot(echo: boolean, params: Record<string, string>): Promise<Stack> {
  const started = Date.now();
  const stack = await startStack({ echo, params, signal });
  for (const note of stack.notes ?? []) console.log(note);
  console.log(`emulators up in ${((Date.now() - started) / 1000).toFixed(1)} s (backend: ${stack.backend}; log: ${stack.logFile})`);
  return stack;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`emulators: ${(err as Error).message}`);
    process.exit(1);
  },
);
