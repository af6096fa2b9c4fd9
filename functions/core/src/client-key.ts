// Client keys for ingest: how one is made, what one looks like, and what of it
// may be shown. Pure, but for the random bytes of a new key.
import { randomBytes } from "node:crypto";

/** Every client key starts with this, so a leaked one is recognisable (secret scanners, logs) and a stray string is not looked up. */
export const KEY_PREFIX = "nk_";
/** 256 bits from the CSPRNG: guessing one is out of the question, so the store may index keys by a plain hash. */
export const KEY_BYTES = 32;
/** Characters of a key a listing shows (the prefix and six of the key's 43): 36 bits, far too few to use. */
export const SHOWN_CHARS = KEY_PREFIX.length + 6;

const KEY_SHAPE = new RegExp(`^${KEY_PREFIX}[A-Za-z0-9_-]{${Math.ceil((KEY_BYTES * 8) / 6)}}$`);

export function newClientKey(random: (bytes: number) => Buffer = randomBytes): string {
  return KEY_PREFIX + random(KEY_BYTES).toString("base64url");
}

/** Whether a presented string could be a client key at all: anything else is refused without a lookup. */
export function isClientKeyShaped(key: string): boolean {
  return KEY_SHAPE.test(key);
}

/** What a listing shows of a key. */
export function shownPrefix(key: string): string {
  return key.slice(0, SHOWN_CHARS);
}

/** Whether a string is what a listing shows of a key (so `revoke` can take it). */
export function isShownPrefix(text: string): boolean {
  return text.length === SHOWN_CHARS && text.startsWith(KEY_PREFIX) && /^[A-Za-z0-9_-]+$/.test(text.slice(KEY_PREFIX.length));
}
