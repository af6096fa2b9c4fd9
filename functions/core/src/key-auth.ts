// API-key authentication for the ingest endpoint. Pure: headers in, verdict out.
import { createHash, timingSafeEqual } from "node:crypto";

export type Headers = Record<string, string | string[] | undefined>;
export type AuthVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/**
 * The key as presented, from (in order) `Authorization: Bearer KEY`,
 * `X-API-Key: KEY`, or the original course app's `access_token: KEY`.
 */
export function presentedKey(headers: Headers): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(single(headers["authorization"]) ?? "")?.[1];
  return bearer ?? single(headers["x-api-key"])?.trim() ?? single(headers["access_token"])?.trim();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Constant-time comparison: both sides are hashed to 32 bytes first, so neither
 * the length nor the content of the expected key leaks through timing.
 */
export function keysMatch(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/**
 * `expected` is the configured key as read from the secret: trimmed like the
 * presented key (a secret set from a file or a pipe ends in a newline), and a
 * blank one matches nothing, so every request is then refused.
 */
export function authenticate(headers: Headers, expected: string): AuthVerdict {
  const configured = expected.trim();
  const key = presentedKey(headers);
  if (key === undefined || key === "") {
    return { ok: false, status: 401, message: "API key required: send Authorization: Bearer <key> or X-API-Key: <key>" };
  }
  if (!keysMatch(key, configured)) return { ok: false, status: 403, message: "API key not valid" };
  return { ok: true };
}
