// The KEY=VALUE files firebase-tools reads: functions/.env*, .secret.local.
import { existsSync, readFileSync } from "node:fs";

const LINE = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/;

/** The key a line sets, if it sets one. */
export function envKey(line: string): string | undefined {
  return LINE.exec(line)?.[1];
}

/** Every KEY=VALUE of `file` (the last line wins, surrounding quotes removed); empty if the file is absent. */
export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = LINE.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return out;
}

/** The value `file` gives `name`; undefined if absent. */
export function readEnvValue(file: string, name: string): string | undefined {
  return readEnvFile(file)[name];
}
