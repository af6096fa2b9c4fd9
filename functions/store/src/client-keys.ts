// Client keys in Firestore (keys/{SHA-256 of the key}, see @newsroom/core/firestore-schema):
// issued, listed and revoked by `npm run keys` (scripts/keys.ts), looked up by
// ingest. The store holds the key's hash and a short prefix, never the key:
// `createKey` returns it once, to be handed to the client.
import { Timestamp, type Firestore } from "firebase-admin/firestore";
import { publicationDisplayName, publicationKey } from "@newsroom/core/keys";
import { clientKeyId, COLLECTIONS, paths, STORED_LIMITS, type ClientKeyDoc } from "@newsroom/core/firestore-schema";
import { isClientKeyShaped, isShownPrefix, newClientKey, shownPrefix } from "@newsroom/core/client-key";

export type KeySpec = { client: string; publications?: readonly string[]; ratePerMinute?: number };

/** A key as listed: its document id (the hash), its document, times as Dates. */
export type StoredKey = { id: string } & ClientKeyDoc<Date>;

/** What ingest needs to know of a key. */
export type ClientGrant = {
  client: string;
  /** Publication keys it may post to; undefined: any. */
  publications?: ReadonlySet<string>;
  /** Posts per minute; undefined: no limit of its own. */
  ratePerMinute?: number;
  revoked: boolean;
};

/** Client names are shown in listings and logs: one line, and short. */
export const CLIENT_NAME_CHARS = 200;
/** A key's rate is counted per instance in memory; beyond this it limits nothing. */
export const MAX_RATE_PER_MINUTE = 1_000_000;

/** What is wrong with a key's specification (empty when nothing is). Pure. */
export function keySpecProblems(spec: KeySpec): string[] {
  const problems: string[] = [];
  const client = spec.client.trim();
  if (client === "" || client.length > CLIENT_NAME_CHARS || /\p{Cc}/u.test(client)) {
    problems.push(`the client name must be 1 to ${CLIENT_NAME_CHARS} characters on one line`);
  }
  if (spec.publications !== undefined) {
    if (spec.publications.length === 0) problems.push("name at least one publication, or none for any publication");
    for (const name of spec.publications) {
      const shown = publicationDisplayName(name);
      if (shown === "" || shown.length > STORED_LIMITS.publicationNameChars) {
        problems.push(`publication names are 1 to ${STORED_LIMITS.publicationNameChars} characters: ${JSON.stringify(name.slice(0, 40))}`);
      }
    }
  }
  const rate = spec.ratePerMinute;
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1 && rate <= MAX_RATE_PER_MINUTE)) {
    problems.push(`the rate is a whole number of posts per minute from 1 to ${MAX_RATE_PER_MINUTE}`);
  }
  return problems;
}

/** The document for a new key. Pure. */
export function keyDocument(key: string, spec: KeySpec, createdAt: Date): ClientKeyDoc<Date> {
  const doc: ClientKeyDoc<Date> = { client: spec.client.trim(), prefix: shownPrefix(key), createdAt };
  if (spec.publications !== undefined) {
    // One entry per publication key: "The Times" and " the  times" are one publication.
    const byKey = new Map<string, string>();
    for (const name of spec.publications) if (!byKey.has(publicationKey(name))) byKey.set(publicationKey(name), publicationDisplayName(name));
    doc.publications = [...byKey.keys()];
    doc.publicationNames = [...byKey.values()];
  }
  if (spec.ratePerMinute !== undefined) doc.ratePerMinute = spec.ratePerMinute;
  return doc;
}

/** Issues a key: stores its hash and returns the key, which nobody can read back later. */
export async function createKey(db: Firestore, spec: KeySpec, now = new Date()): Promise<{ key: string } & StoredKey> {
  const problems = keySpecProblems(spec);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const key = newClientKey();
  const doc = keyDocument(key, spec, now);
  const id = clientKeyId(key);
  await db.doc(paths.clientKey(id)).create(doc); // create, never overwrite
  return { key, id, ...doc };
}

/** Every key, active and revoked, oldest first. The collection is the operator's handful of clients. */
export async function listKeys(db: Firestore): Promise<StoredKey[]> {
  const snap = await db.collection(COLLECTIONS.clientKeys).orderBy("createdAt").get();
  return snap.docs.map((d) => stored(d.id, d.data()));
}

/**
 * Revokes the key given in full, the key a listing shows by its prefix, or
 * every active key of a client (by name). Returns what it revoked; a key
 * already revoked keeps its first revocation time.
 */
export async function revokeKeys(db: Firestore, keyOrClient: string, now = new Date()): Promise<StoredKey[]> {
  const target = keyOrClient.trim();
  const keys = db.collection(COLLECTIONS.clientKeys);
  const docs = isClientKeyShaped(target)
    ? [await db.doc(paths.clientKey(clientKeyId(target))).get()].filter((d) => d.exists)
    : (await keys.where(isShownPrefix(target) ? "prefix" : "client", "==", target).get()).docs;
  const active = docs.filter((d) => d.get("revokedAt") === undefined);
  if (active.length === 0) return [];
  const batch = db.batch();
  for (const d of active) batch.update(d.ref, { revokedAt: now });
  await batch.commit();
  return active.map((d) => ({ ...stored(d.id, d.data()!), revokedAt: now }));
}

/** The grant of the key whose hash is `id`, or undefined for no such key. */
export async function loadGrant(db: Firestore, id: string): Promise<ClientGrant | undefined> {
  const snap = await db.doc(paths.clientKey(id)).get();
  if (!snap.exists) return undefined;
  const doc = snap.data() as ClientKeyDoc;
  return {
    client: doc.client,
    ...(doc.publications ? { publications: new Set(doc.publications) } : {}),
    ...(doc.ratePerMinute !== undefined ? { ratePerMinute: doc.ratePerMinute } : {}),
    revoked: doc.revokedAt !== undefined,
  };
}

/**
 * Reads a document no key hashes to, so the instance loads and connects its
 * Firestore client (seconds on a cold instance) before a client's first
 * request waits for it.
 */
export async function warmKeyLookups(db: Firestore): Promise<void> {
  await loadGrant(db, "warm-up");
}

function stored(id: string, data: Record<string, unknown>): StoredKey {
  const date = (v: unknown) => (v instanceof Timestamp ? v.toDate() : (v as Date));
  const { createdAt, revokedAt, ...rest } = data as unknown as ClientKeyDoc;
  return { id, ...rest, createdAt: date(createdAt), ...(revokedAt !== undefined ? { revokedAt: date(revokedAt) } : {}) };
}
