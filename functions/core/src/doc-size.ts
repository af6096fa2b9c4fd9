// Firestore's storage size of a document, by its published rules
// (https://firebase.google.com/docs/firestore/storage-size): the name (each
// path segment's UTF-8 bytes + 1, plus 16), each field's name (UTF-8 + 1) and
// value, plus 32. Strings are UTF-8 + 1, numbers, timestamps 8, booleans and
// null 1, maps and arrays the sum of their parts. A document may hold at most
// MAX_DOCUMENT_BYTES. Pure: code that builds a document checks it before a
// write, and tests measure what was stored.

export const MAX_DOCUMENT_BYTES = 1_048_576;

const stringBytes = (s: string) => Buffer.byteLength(s, "utf8") + 1;

/** Bytes of one value as Firestore counts them (Date and objects with toMillis count as timestamps). */
export function valueBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === "boolean") return 1;
  if (typeof value === "number" || typeof value === "bigint") return 8;
  if (typeof value === "string") return stringBytes(value);
  if (value instanceof Date || (typeof value === "object" && typeof (value as { toMillis?: unknown }).toMillis === "function")) return 8;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + valueBytes(v), 0);
  if (typeof value === "object") return fieldsBytes(value as Record<string, unknown>);
  return 8;
}

/** Bytes of a map's fields: each name and its value. */
export function fieldsBytes(fields: Readonly<Record<string, unknown>>): number {
  let n = 0;
  for (const [k, v] of Object.entries(fields)) n += stringBytes(k) + valueBytes(v);
  return n;
}

/** Bytes of a document name ("publications/p/ents/e"). */
export function nameBytes(path: string): number {
  return path.split("/").reduce((n, segment) => n + stringBytes(segment), 16);
}

/** A whole document's stored size. */
export function documentBytes(path: string, fields: Readonly<Record<string, unknown>>): number {
  return nameBytes(path) + fieldsBytes(fields) + 32;
}
