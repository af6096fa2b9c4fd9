// The emulator reads secrets from functions/.secret.local (git-ignored). A
// fresh checkout gets a random development key; a real key never lives here.
import { randomBytes } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, readFileSync } from "node:fs";
import { readEnvValue } from "./dotenv.ts";

export function ensureLocalSecret(file: string, name: string): string {
  const key = readEnvValue(file, name) || appendSecret(file, name);
  // appendFileSync's mode applies only when it creates the file: one made by
  // hand, copied or created before this check keeps its mode, so set it each run.
  chmodSync(file, 0o600);
  return key;
}

function appendSecret(file: string, name: string): string {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const key = `dev-${randomBytes(24).toString("base64url")}`;
  const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${prefix}${name}=${key}\n`, { mode: 0o600 });
  return key;
}
