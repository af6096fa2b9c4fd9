// The emulator reads secrets from functions/.secret.local (git-ignored). A
// fresh checkout gets a random development key; a real key never lives here.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { readEnvValue } from "./dotenv.ts";

export function ensureLocalSecret(file: string, name: string): string {
  const current = readEnvValue(file, name);
  if (current) return current;
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const key = `dev-${randomBytes(24).toString("base64url")}`;
  const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${prefix}${name}=${key}\n`, { mode: 0o600 });
  return key;
}
