// The emulator reads secrets from functions/.secret.local (git-ignored). A
// fresh checkout gets a random development key; a real key never lives here.
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";

export function ensureLocalSecret(file: string, name: string): string {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  for (const line of existing.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m?.[1] === name && m[2]) return m[2];
  }
  const key = `dev-${randomBytes(24).toString("base64url")}`;
  const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(file, `${prefix}${name}=${key}\n`, { mode: 0o600 });
  return key;
}
