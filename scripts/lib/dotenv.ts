// The KEY=VALUE files firebase-tools reads: functions/.env*, .secret.local.
import { existsSync, readFileSync } from "node:fs";

const LINE = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/;

/** The key a line sets, if it sets one. */
export function envKey(line: string): string | undefined {
  return LINE.exec(line)?.[1];
}

/** The value `file` gives `name` (the last line wins, surrounding quotes removed); undefined if absent. */
export function readEnvValue(file: string, name: string): string | undefined {
  if (!existsSync(file)) return undefined;
  let value: string | undefined;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = LINE.exec(line);
    if (m?.[1] === name) value = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return value;
}
