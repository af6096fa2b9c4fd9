// The production-parity stack: the functions served by functions-framework as
// Cloud Run runs them, on the Firestore and Pub/Sub emulators (usage: HELP below).
import { wholeNumber } from "@newsroom/harness/args";
import { banner, execAgainst, modeAndCommand, parseParamFlags, serveUntilSignal } from "@newsroom/harness/commands";
import { startRuntimeStack, type RuntimeStack, type RuntimeStackOptions } from "@newsroom/harness/runtime-stack";
import { interruptSignal } from "@newsroom/harness/signals";

const signal = interruptSignal(); // before anything starts: Ctrl-C during start-up stops cleanly

const HELP = `Usage:
  node scripts/stack.ts [start] [options]         run until Ctrl-C
  node scripts/stack.ts exec [options] -- CMD ... run CMD against a fresh stack, exit with its code
Options:
  --instances N            processPosts instances behind its one push endpoint (default 1)
  --param KEY=VALUE        a param value over functions/.env* (repeatable)
  --ack-deadline S         the trigger subscription's ack deadline (default 10)
  --backoff MIN,MAX        its retry backoff in seconds (default 10,600)
  --max-attempts N         deliveries before the dead-letter topic (default 5)
  --memory auto|watchdog   how memory limits are enforced (default: a memory cgroup where possible)`;

function options(argv: string[]): { mode: string; command: string[]; stack: RuntimeStackOptions } {
  const { mode, command, flags: values } = modeAndCommand(argv, {
    help: { type: "boolean", default: false },
    instances: { type: "string" },
    param: { type: "string", multiple: true, default: [] },
    "ack-deadline": { type: "string" },
    backoff: { type: "string" },
    "max-attempts": { type: "string" },
    memory: { type: "string" },
  });
  const backoff = values.backoff?.split(",").map(Number);
  if (backoff && (backoff.length !== 2 || backoff.some((n) => !Number.isFinite(n) || n < 0) || backoff[0]! > backoff[1]!)) {
    throw new Error(`--backoff takes MIN,MAX seconds, got "${values.backoff}"`);
  }
  if (values.memory && values.memory !== "auto" && values.memory !== "watchdog") throw new Error(`--memory takes auto or watchdog, got "${values.memory}"`);
  const stack: RuntimeStackOptions = { signal, params: parseParamFlags(values.param) };
  const instances = wholeNumber("instances", values.instances);
  const ack = wholeNumber("ack-deadline", values["ack-deadline"], { min: 10 });
  const attempts = wholeNumber("max-attempts", values["max-attempts"], { min: 5 });
  if (instances !== undefined) stack.instances = instances;
  if (ack !== undefined) stack.ackDeadlineSeconds = ack;
  if (attempts !== undefined) stack.maxDeliveryAttempts = attempts;
  if (backoff) stack.backoff = { minSeconds: backoff[0]!, maxSeconds: backoff[1]! };
  if (values.memory) stack.memoryLimit = values.memory as "auto" | "watchdog";
  return { mode: values.help ? "help" : (mode ?? "start"), command, stack };
}

function describe(stack: RuntimeStack): Array<[string, string]> {
  const s = stack.state();
  const lines: Array<[string, string]> = [];
  for (const fn of stack.functions) {
    const insts = s.instances.filter((i) => i.service === fn.name);
    lines.push([
      fn.name,
      `${stack.serviceUrls[fn.name]}  ${insts.length} instance${insts.length === 1 ? "" : "s"} × concurrency ${fn.concurrency}, ${fn.memoryMb} MiB (${insts[0]?.memoryLimit}), timeout ${fn.timeoutSeconds} s${fn.pubsub ? `, topic ${fn.pubsub.topic}` : ""}`,
    ]);
  }
  lines.push(["Stack control", `${stack.adminUrl}/state`]);
  lines.push(["Log", stack.logFile]);
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const { mode, command, stack: opts } = options(argv);
  if (mode === "help") return (console.log(HELP), 0);
  if (mode !== "start" && mode !== "exec") throw new Error(`unknown mode "${mode}": start or exec`);
  if (mode === "exec" && command.length === 0) throw new Error("exec needs a command after --");
  const started = Date.now();
  const stack = await startRuntimeStack({ ...opts, echo: false });
  for (const note of stack.notes) console.log(note);
  console.log(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s (functions-framework; emulators: ${stack.backend})`);
  if (mode === "exec") return execAgainst(stack, command);
  return serveUntilSignal(stack, banner(stack, describe(stack)));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`stack: ${(err as Error).message}`);
    process.exit(1);
  },
);
