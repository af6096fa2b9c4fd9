// Stable keys and ids for the Firestore layout. Pure; the same input gives the
// same key in every process, on every machine, after every restart.
//
// Publication key (the document id of `publications/{pubKey}`):
//   1. normalise the display name: Unicode NFKC, trim, collapse every run of
//      white space to one U+0020 space, lower-case (String#toLowerCase, which
//      is locale-independent);
//   2. make it a valid Firestore document id while keeping it readable:
//      percent-encode '%', '/', '~' and control characters (UTF-8 bytes,
//      upper-case hex); a key that would be "." or ".." has its dots encoded;
//      a key matching `__.*__` has its first underscore encoded; the empty
//      name becomes "%" (no other input can produce a bare "%");
//   3. if the result is longer than MAX_KEY_BYTES UTF-8 bytes, keep a prefix
//      (cut at a character boundary, never inside an escape) and append "~"
//      plus the SHA-1 hex of the normalised name. "~" is always encoded in
//      step 2, so a hashed key can never equal an unhashed one.
// The display name (trimmed, as first written) is stored in the document.
import { createHash } from "node:crypto";
import type { EntityType } from "./nlp/extract.js";

/** Firestore allows 1,500 bytes; we stay well below so paths remain short. */
export const MAX_KEY_BYTES = 512;

export function sha1Hex(s: string): string {
  return createHash("sha1").update(s, "utf8").digest("hex");
}

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

/** NFKC, trim, collapse white space, lower-case. */
export function normaliseName(s: string): string {
  return s.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
}

function percentEncode(ch: string): string {
  let out = "";
  for (const b of Buffer.from(ch, "utf8")) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  return out;
}

// '%' (the escape itself), '/' (path separator), '~' (hash separator), C0/C1 controls.
const MUST_ENCODE = /[%/~\p{Cc}]/u;

/**
 * Turns any string into a readable, valid Firestore document id (no '/', not
 * "." or "..", not `__.*__`, at most MAX_KEY_BYTES bytes). Injective for
 * inputs whose encoding fits; longer inputs get a hash suffix.
 */
export function toDocumentId(s: string): string {
  if (s.length === 0) return "%";
  const pieces = encodedPieces(s);
  if (s === "." || s === "..") pieces.fill("%2E");
  if (/^__.*__$/su.test(s)) pieces[0] = "%5F";
  const key = pieces.join("");
  if (Buffer.byteLength(key, "utf8") <= MAX_KEY_BYTES) return key;

  const suffix = "~" + sha1Hex(s);
  const budget = MAX_KEY_BYTES - suffix.length;
  let prefix = "";
  let bytes = 0;
  // Cut between pieces so a cut never splits a percent escape or a code point.
  for (const p of pieces) {
    const b = Buffer.byteLength(p, "utf8");
    if (bytes + b > budget) break;
    prefix += p;
    bytes += b;
  }
  return prefix + suffix;
}

/** Each character of `s`, percent-encoded if it must be. */
function encodedPieces(s: string): string[] {
  const pieces: string[] = [];
  for (const ch of s) pieces.push(MUST_ENCODE.test(ch) ? percentEncode(ch) : ch);
  return pieces;
}

/** Firestore's own rules for a document id: 1 to 1,500 bytes of well-formed text, no '/', not "." or "..", not `__.*__`. */
export function isDocumentId(id: string): boolean {
  return id.length > 0 && id.isWellFormed() && Buffer.byteLength(id, "utf8") <= 1_500 && !id.includes("/") && id !== "." && id !== ".." && !/^__.*__$/su.test(id);
}

const HASHED_KEY = /^(.+)~[0-9a-f]{40}$/su;

/** `s` with its %XX escapes (upper-case hex, UTF-8) decoded; undefined when a '%' starts none. */
function percentDecoded(s: string): string | undefined {
  if (/%(?![0-9A-F]{2})/u.test(s)) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * Whether `id` is a key publicationKey() could produce, so a client's id can
 * be refused before it reaches a Firestore path. An unhashed key must be
 * exactly the encoding of a normalised name; a hashed one (the hash is of a
 * whole name nobody can check here) a full-length, correctly encoded cut of one.
 */
export function isPublicationKey(id: string): boolean {
  if (id === "%") return true; // the empty name
  if (!isDocumentId(id) || Buffer.byteLength(id, "utf8") > MAX_KEY_BYTES) return false;
  const hashed = HASHED_KEY.exec(id);
  const encoded = hashed ? hashed[1]! : id;
  const name = percentDecoded(encoded);
  if (name === undefined) return false;
  if (!hashed) return normaliseName(name) === name && toDocumentId(name) === id;
  const plain = encodedPieces(name).join("");
  const canonical = plain === encoded || (name.startsWith("_") && `%5F${plain.slice(1)}` === encoded);
  // toDocumentId cuts at most one piece (≤ 6 bytes) short of the budget.
  const full = Buffer.byteLength(id, "utf8") > MAX_KEY_BYTES - 6;
  return canonical && full && name === name.toLowerCase() && !/^\s|\s\s|[^\S ]/u.test(name);
}

/** Document id of `publications/{pubKey}` for a publication display name. */
export function publicationKey(name: string): string {
  return toDocumentId(normaliseName(name));
}

/** Trimmed display name as kept in the publication document. */
export function publicationDisplayName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/gu, " ");
}

/** The form of a canonical entity name that identifies it: see normaliseName. */
export function entityKey(canonical: string): string {
  return normaliseName(canonical);
}

/** Document id of `publications/{pubKey}/ents/{entityId}`: SHA-1 hex of type + NUL + lower-cased canonical. */
export function entityId(type: EntityType, canonical: string): string {
  return sha1Hex(type + "\u0000" + entityKey(canonical));
}

/** The form of an entity id (and of every other SHA-1 id of the layout): 40 lower-case hex digits. */
export const SHA1_HEX = /^[0-9a-f]{40}$/;

export function isSha1Hex(id: string): boolean {
  return SHA1_HEX.test(id);
}

/** Document id of `clientIds/{id}`: one per publication key + client post id. */
export function clientIdKey(pubKey: string, clientId: string): string {
  return sha1Hex(pubKey + "\u0000" + clientId);
}
