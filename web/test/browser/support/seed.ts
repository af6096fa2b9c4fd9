// Seeds publications and entities straight into the Firestore emulator with
// the Admin SDK, in the layout processPosts writes, and reads back what the
// page should show with the same queries it makes.
import { createHash } from "node:crypto";
import { getApps, initializeApp } from "firebase-admin/app";
import { FieldPath, FieldValue, getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import { yearOf, type ArticleDoc, type Day, type DayCounts, type EntityDoc, type EntityType, type PublicationDoc } from "@newsroom/core/layout";

// No Google metadata server here: do not let google-auth-library go looking for one.
process.env.METADATA_SERVER_DETECTION ??= "none";

export type { EntityType };
export type SeedEntity = { word: string; type: EntityType; count: number; articles: number; days?: Record<Day, DayCounts> };
export type SeedArticle = { id: string; title?: string; url?: string; day: Day; at: Date; receivedAt: Date; ents: string[]; mentions: number[] };
export type Row = { id: string; word: string; type: EntityType; count: number };

export function db(): Firestore {
  const app = getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" });
  return getFirestore(app);
}

/** As processPosts makes them: SHA-1 hex of type + lower-cased canonical form. */
export const entityId = (type: EntityType, word: string) => createHash("sha1").update(`${type}:${word.toLowerCase()}`).digest("hex");

/** The entity's `key` as the pipeline stores it (search and "elsewhere" query it): NFKC, trimmed, spaces collapsed, lower case. */
export const entityKey = (word: string) => word.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();

/** A document id from a display name (the test's own, not the function's normalisation). */
export const pubKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** A series as the rollup keeps the current year's: the days inline, `inlineYears` naming their years, a total per year. */
function inlineSeries<T>(days: Record<Day, T> | undefined, add: (a: T | undefined, b: T) => T): { days?: Record<Day, T>; inlineYears?: number[]; yearly?: Record<string, T> } {
  if (!days) return {};
  const yearly: Record<string, T> = {};
  for (const [day, v] of Object.entries(days)) yearly[yearOf(day)] = add(yearly[yearOf(day)], v);
  return { days, inlineYears: Object.keys(yearly).map(Number), yearly };
}

/** `days`: articles per day, kept in the publication's document as the rollup keeps the current year's. */
export async function seedPublication(name: string, articleCount: number, entities: SeedEntity[], days?: Record<Day, number>): Promise<string> {
  const key = pubKey(name);
  const store = db();
  const batch = store.batch();
  const now = FieldValue.serverTimestamp();
  batch.set(store.doc(`publications/${key}`), { name, articleCount, ...inlineSeries(days, (a, b) => (a ?? 0) + b), updatedAt: now } satisfies PublicationDoc<FieldValue>);
  for (const e of entities) {
    const series = inlineSeries(e.days, (a, b) => ({ m: (a?.m ?? 0) + b.m, a: (a?.a ?? 0) + b.a }));
    batch.set(store.doc(`publications/${key}/ents/${entityId(e.type, e.word)}`), { ...e, ...series, key: entityKey(e.word), updatedAt: now } satisfies EntityDoc<FieldValue>);
  }
  await batch.commit();
  return key;
}

/** Article documents (top-level `articles`), as processPosts creates them. */
export async function seedArticles(key: string, name: string, articles: SeedArticle[]): Promise<void> {
  const batch = db().batch();
  articles.forEach((a, index) => {
    batch.set(db().doc(`articles/${a.id}`), {
      pubKey: key,
      publication: name,
      ...(a.title !== undefined ? { title: a.title } : {}),
      ...(a.url !== undefined ? { url: a.url } : {}),
      day: a.day,
      at: Timestamp.fromDate(a.at),
      receivedAt: Timestamp.fromDate(a.receivedAt),
      messageId: `seed-${key}`,
      index,
      ents: a.ents,
      mentions: a.mentions,
    } satisfies ArticleDoc<Timestamp>);
  });
  await batch.commit();
}

export async function increment(key: string, path: string, field: string, by: number): Promise<void> {
  await db().doc(`publications/${key}${path}`).update({ [field]: FieldValue.increment(by), updatedAt: FieldValue.serverTimestamp() });
}

/** The ranking as Firestore itself orders it: count desc, document id desc. */
export async function ranked(key: string, opts: { type?: EntityType; offset?: number; limit: number }): Promise<Row[]> {
  let q = db().collection(`publications/${key}/ents`).orderBy("count", "desc").orderBy(FieldPath.documentId(), "desc");
  if (opts.type) q = q.where("type", "==", opts.type);
  const snap = await q.offset(opts.offset ?? 0).limit(opts.limit).get();
  return snap.docs.map((d) => ({ id: d.id, word: d.get("word") as string, type: d.get("type") as EntityType, count: d.get("count") as number }));
}

export async function articleCount(key: string): Promise<number> {
  return (await db().doc(`publications/${key}`).get()).get("articleCount") as number;
}

/** Waits until the pipeline has counted `articles` posts for the publication named `name`; returns its key. */
export async function publicationNamed(name: string, articles: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen = "nothing";
  while (Date.now() < deadline) {
    const snap = await db().collection("publications").where("name", "==", name).get();
    const doc = snap.docs[0];
    if (doc) {
      seen = `articleCount ${String(doc.get("articleCount"))}`;
      if (doc.get("articleCount") === articles) return doc.id;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`publication "${name}": ${seen} after ${timeoutMs} ms, expected ${articles} articles`);
}

/** Deletes a publication's article documents (top level, so recursiveDelete of the publication leaves them). */
export async function deleteArticles(key: string): Promise<void> {
  const snap = await db().collection("articles").where("pubKey", "==", key).get();
  const batch = db().batch();
  for (const d of snap.docs) batch.delete(d.ref);
  await batch.commit();
}
