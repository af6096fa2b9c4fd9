// The frame every operator's CLI (`npm run keys`, `npm run sources`) shares:
// --help, then the Firestore it works on (said first, on stderr), then its
// command; a thrown error is one line on stderr and exit code 2.
import type { Firestore } from "firebase-admin/firestore";
import { describeTarget, firestoreTarget, openFirestore, type FirestoreTarget } from "./firestore-target.ts";

export type Parsed<C> = { cmd: C | { command: "help" }; project: string | undefined };

export async function operatorCommand<C extends { command: string }>(
  tool: string,
  help: string,
  parsed: Parsed<C>,
  run: (cmd: C, db: Firestore, target: FirestoreTarget) => Promise<number>,
): Promise<number> {
  if (parsed.cmd.command === "help") {
    console.log(help);
    return 0;
  }
  const target = firestoreTarget(parsed.project, process.env);
  console.error(describeTarget(tool, target));
  return run(parsed.cmd as C, openFirestore(target, tool), target);
}

/** Runs `main` as the process's command: its number is the exit code. */
export function runAsCommand(tool: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${tool}: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
