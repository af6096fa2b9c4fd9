// Feed and sitemap sources in Firestore (sources/{id}, see
// @newsroom/core/firestore-schema): added, listed, paused, resumed and removed
// by `npm run sources` and the admin routes; leased and updated by the poller.
// Two pollers never hold one source: a lease is taken in a transaction and a
// poll's result is written only while its lease is still the poller's own.
import { FieldValue, Timestamp, type Firestore } from "firebase-admin/firestore";
import { ADMIN_MAX_SOURCES } from "@newsroom/core/admin-schema";
import { publicationDisplayName, publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, NEVER_MS, paths, SOURCE_LIMITS, sourceId, STORED_LIMITS, type SourceDoc, type SourceKind, type SourceState } from "@newsroom/core/firestore-schema";

/** A source as read: its id, its document, times as Dates. */
export type StoredSource = { id: string } & SourceDoc<Date>;

export type SourceSpec = {
  /** The feed's URL as it is fetched, and normalised (@newsroom/feeds/url): the source's identity (default: url, already normal). */
  url: string;
  normalisedUrl?: string;
  publication: string;
  /** What checking it found, when it was checked. */
  kind?: SourceKind;
  title?: string;
};


export class SourceExistsError extends Error {
  constructor(readonly id: string) {
    super(`this publication already has that source (${id})`);
  }
}

/** What is wrong with a source's specification (empty when nothing is). Pure. */
export function sourceSpecProblems(spec: { url: string; publication: string }): string[] {
  const problems: string[] = [];
  const shown = publicationDisplayName(spec.publication);
  if (shown === "" || shown.length > STORED_LIMITS.publicationNameChars) {
    problems.push(`the publication is 1 to ${STORED_LIMITS.publicationNameChars} characters`);
  }
  if (spec.url.length === 0 || spec.url.length > 2_048) problems.push("the URL is 1 to 2048 characters");
  return problems;
}

/** The document of a new source, due at once. Pure. */
export function sourceDocument(spec: SourceSpec, now: Date): SourceDoc<Date> {
  return {
    publication: publicationDisplayName(spec.publication),
    pubKey: publicationKey(spec.publication),
    url: spec.url,
    addedUrl: spec.url,
    ...(spec.kind ? { kind: spec.kind } : {}),
    ...(spec.title ? { title: spec.title.replace(/\p{Cc}+/gu, " ").trim().slice(0, SOURCE_LIMITS.titleChars) } : {}),
    state: "active",
    addedAt: now,
    intervalMs: 0,
    nextPollAtMs: now.getTime(),
    consecutiveFailures: 0,
    days: {},
    itemsTotal: 0,
    seen: [],
  };
}

export async function addSource(db: Firestore, spec: SourceSpec, now = new Date()): Promise<StoredSource> {
  const problems = sourceSpecProblems(spec);
  if (problems.length > 0) throw new Error(problems.join("; "));
  const doc = sourceDocument(spec, now);
  const id = sourceId(doc.pubKey, spec.normalisedUrl ?? spec.url);
  try {
    await db.doc(paths.source(id)).create(doc); // create, never overwrite
  } catch (err) {
    if ((err as { code?: number }).code === 6) throw new SourceExistsError(id); // ALREADY_EXISTS
    throw err;
  }
  return { id, ...doc };
}

/** What a listing reads of each source: all but the poller's own memory (`seen`, up to 17 KB, and the validators). */
const LISTED_FIELDS = ["publication", "pubKey", "url", "addedUrl", "kind", "title", "state", "addedAt", "intervalMs", "nextPollAtMs", "leaseOwner", "leaseUntilMs", "lastPollAt", "lastSuccessAt", "lastStatus", "consecutiveFailures", "lastError", "days", "itemsTotal"] as const satisfies ReadonlyArray<keyof SourceDoc>;

/** Sources by publication, then when added, at most ADMIN_MAX_SOURCES; `seen`, `etag` and `lastModified` are not read. */
export async function listSources(db: Firestore, limit = ADMIN_MAX_SOURCES): Promise<StoredSource[]> {
  const snap = await db
    .collection(COLLECTIONS.sources)
    .orderBy("pubKey")
    .orderBy("addedAt")
    .select(...LISTED_FIELDS)
    .limit(Math.min(limit, ADMIN_MAX_SOURCES))
    .get();
  return snap.docs.map((d) => stored(d.id, { seen: [], ...d.data() }));
}

export async function getSource(db: Firestore, id: string): Promise<StoredSource | undefined> {
  const snap = await db.doc(paths.source(id)).get();
  return snap.exists ? stored(snap.id, snap.data()!) : undefined;
}

/** Pauses, resumes (due at once, failures forgiven) or marks gone; undefined for no such source. */
export async function setSourceState(db: Firestore, id: string, state: SourceState, now = new Date()): Promise<StoredSource | undefined> {
  const ref = db.doc(paths.source(id));
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return undefined;
    const update: Partial<SourceDoc<Date>> =
      state === "active" ? { state, nextPollAtMs: now.getTime(), consecutiveFailures: 0 } : { state, nextPollAtMs: NEVER_MS };
    tx.update(ref, update);
    return stored(id, { ...snap.data(), ...update });
  });
}

/** Removes a source; false when there was none. Articles it collected stay counted. */
export async function removeSource(db: Firestore, id: string): Promise<boolean> {
  const ref = db.doc(paths.source(id));
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return false;
    tx.delete(ref);
    return true;
  });
}

export interface LeaseRequest {
  nowMs: number;
  /** Sources to take at most. */
  limit: number;
  /** How long the poller may hold each (longer than a poll can take: a poller killed mid-way frees it then). */
  leaseMs: number;
  /** This poll run's id: only it may write the results. */
  owner: string;
}

/**
 * Takes up to `limit` due sources, most overdue first, each in a transaction
 * that checks it is still due and unleased (or its lease ran out), so two
 * pollers at once never take one source. A leased source is due again only
 * when its lease ends: finishPoll sets when it is really due next.
 */
export async function leaseDueSources(db: Firestore, request: LeaseRequest): Promise<StoredSource[]> {
  // Over-read a little: another poller may take some of these first.
  const due = await db
    .collection(COLLECTIONS.sources)
    .where("nextPollAtMs", "<=", request.nowMs)
    .orderBy("nextPollAtMs")
    .limit(request.limit * 2)
    .get();
  const leased: StoredSource[] = [];
  for (const candidate of due.docs) {
    if (leased.length >= request.limit) break;
    const taken = await db.runTransaction(async (tx) => {
      const snap = await tx.get(candidate.ref);
      const doc = snap.data() as SourceDoc | undefined;
      if (!doc || doc.state !== "active" || doc.nextPollAtMs > request.nowMs) return undefined;
      if (doc.leaseUntilMs !== undefined && doc.leaseUntilMs > request.nowMs) return undefined;
      // Not due while leased: a leased source leaves the due query, and a poller that died leaves it due again when its lease ends.
      const lease = { leaseOwner: request.owner, leaseUntilMs: request.nowMs + request.leaseMs, nextPollAtMs: request.nowMs + request.leaseMs };
      tx.update(candidate.ref, lease);
      return stored(candidate.id, { ...doc, ...lease });
    });
    if (taken) leased.push(taken);
  }
  return leased;
}

/** What a poll changes in its source's document. */
export type PollUpdate = Partial<Omit<SourceDoc<Date>, "publication" | "pubKey" | "addedUrl" | "addedAt" | "leaseOwner" | "leaseUntilMs">>;

/**
 * Writes a poll's result and frees the lease, only if `owner` still holds it
 * (a poller whose lease ran out and was taken over writes nothing). A source
 * paused or removed during the poll stays so: only its health is recorded.
 */
export async function finishPoll(db: Firestore, id: string, owner: string, update: PollUpdate): Promise<boolean> {
  const ref = db.doc(paths.source(id));
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as SourceDoc | undefined;
    if (!doc || doc.leaseOwner !== owner) return false;
    const write: Record<string, unknown> = { ...update, leaseOwner: FieldValue.delete(), leaseUntilMs: FieldValue.delete() };
    if (doc.state !== "active") {
      delete write.state;
      delete write.nextPollAtMs;
    }
    for (const [k, v] of Object.entries(write)) if (v === undefined) write[k] = FieldValue.delete();
    tx.update(ref, write);
    return true;
  });
}

function stored(id: string, data: Record<string, unknown>): StoredSource {
  const out: Record<string, unknown> = { id };
  for (const [k, v] of Object.entries(data)) out[k] = v instanceof Timestamp ? v.toDate() : v;
  return out as unknown as StoredSource;
}
