// `npm run test:browser`: the browser suites against a stack. Under the
// harness (FIRESTORE_EMULATOR_HOST set, as in the root test:emulators) they
// run as they are; on their own, this builds what the stack serves and starts
// a fresh stack for them (scripts/emulators.ts exec, folding the counts over
// all publications at every sweep), passing the environment on, so
// EMULATOR_PORT_OFFSET shifts its ports as it does for any stack.
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const suites = ["node", "--test", "--test-concurrency=1", "--test-reporter=spec", "test/emulator/**/*.test.ts", ...process.argv.slice(2)];

function run(command: string[], cwd: string): number {
  const r = spawnSync(command[0]!, command.slice(1), { cwd, stdio: "inherit", env: process.env });
  return r.status ?? 1;
}

function main(): number {
  const web = path.join(ROOT, "web");
  if (process.env.FIRESTORE_EMULATOR_HOST) return run(suites, web);
  const built = run(["npm", "run", "-s", "build"], ROOT);
  if (built !== 0) return built;
  // Every sweep folds the counts over all publications, so all-publications.test.ts need not wait the default period.
  return run(["node", "scripts/emulators.ts", "exec", "--param", "GLOBAL_FOLD_SECONDS=0", "--", "npm", "--prefix", "web", "run", "-s", "test:browser", "--", ...process.argv.slice(2)], ROOT);
}

process.exit(main());
