// Runs one of the operator's command lines as an operator would: a process of
// its own with this test's environment (the stack's emulator hosts).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type CliResult = { code: number; stdout: string; stderr: string };

export async function runCli(script: string, args: readonly string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
