// Seeds publications and entities straight into the Firestore emulator with
// the Admin SDK, in the layout processPosts writes, and reads back what the
// page should show with the same queries it makes.
import { createHash } from "node:crypto";
import { getApps, initializeApp } from "firebase-admin/app";
import { FieldPath, FieldValue, getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import { paths, yearOf, type ArticleDoc, type Day, type DayCounts, type EntityDoc, type EntityType, type EntityYearDoc, type PublicationDoc, type PublicationYearDoc } from "@newsroom/core/layout";

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

/** A daily series as the rollup stores it: one document per year, and a total per year. */
function byYear<T>(days: Record<Day, T>, add: (a: T | undefined, b: T) => T): { years: Map<string, Record<Day, T>>; yearly: Record<string, T> } {
  const years = new Map<string, Record<Day, T>>();
  const yearly: Record<string, T> = {};
  for (const [day, v] of Object.entries(days)) {
    const y = yearOf(day);
    years.set(y, { ...years.get(y), [day]: v });
    yearly[y] = add(yearly[y], v);
  }
  return { years, yearly };
}

/**
 * `days`: articles per day. Written as the publication's `days` map (the
 * overview reads it there) and as the year documents the read API reads.
 */
export async function seedPublication(name: string, articleCount: number, entities: SeedEntity[], days?: Record<Day, number>): Promise<string> {
  const key = pubKey(name);
  const store = db();
  const batch = store.batch();
  const now = FieldValue.serverTimestamp();
  const pub = byYear(days ?? {}, (a, b) => (a ?? 0) + b);
  batch.set(store.doc(paths.publication(key)), { name, articleCount, ...(days ? { days, yearly: pub.yearly } : {}), updatedAt: now } satisfies PublicationDoc<FieldValue>);
  for (const [y, d] of pub.years) batch.set(store.doc(paths.publicationYear(key, y)), { year: Number(y), days: d } satisfies PublicationYearDoc);
  for (const e of entities) {
    const id = entityId(e.type, e.word);
    const ent = byYear(e.days ?? {}, (a, b) => ({ m: (a?.m ?? 0) + b.m, a: (a?.a ?? 0) + b.a }));
    batch.set(store.doc(paths.entity(key, id)), { ...e, ...(e.days ? { yearly: ent.yearly } : {}), key: entityKey(e.word), updatedAt: now } satisfies EntityDoc<FieldValue>);
    for (const [y, d] of ent.years) batch.set(store.doc(paths.entityYear(key, id, y)), { year: Number(y), days: d } satisfies EntityYearDoc);
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
