// Seeds publications and entities straight into the Firestore emulator with
// the Admin SDK, in the layout the rollup writes (daily counts in one document
// per year, a per-year summary in the totals' documents), and reads back what
// the page should show with the same queries it makes.
import { createHash } from "node:crypto";
import { getApps, initializeApp } from "firebase-admin/app";
import { FieldPath, FieldValue, getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import { addDayCounts, paths, yearOf, yearOfMs, type ArticleDoc, type Day, type DayCounts, type EntityDoc, type EntityType, type EntityYearDoc, type PublicationDoc, type PublicationYearDoc, type RollupStatusDoc, type Year } from "@newsroom/core/firestore-schema";

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

/** Days grouped by year as the rollup groups them (firestore-schema.ts's yearOf: whatever a stored day's first four characters are). */
function byYear<T>(days: Readonly<Record<Day, T>>): Map<Year, Record<Day, T>> {
  const out = new Map<Year, Record<Day, T>>();
  for (const [day, v] of Object.entries(days)) out.set(yearOf(day), { ...out.get(yearOf(day)), [day]: v });
  return out;
}

/**
 * A series as the rollup writes it: this year's days in the totals' document
 * (`days`, `inlineYears`), every other year's in its year document, and each
 * year's total in `yearly`.
 */
function series<T>(days: Readonly<Record<Day, T>> | undefined, add: (a: T, b: T) => T): { own: { yearly: Record<Year, T>; days?: Record<Day, T>; inlineYears?: number[] }; years: Array<[Year, Record<Day, T>]> } {
  const years = byYear(days ?? {});
  const now = yearOfMs(Date.now());
  const yearly = Object.fromEntries([...years].map(([year, d]) => [year, Object.values(d).reduce(add)]));
  const inline = years.get(now);
  return { own: { yearly, ...(inline ? { days: inline, inlineYears: [Number(now)] } : {}) }, years: [...years].filter(([y]) => y !== now) };
}

/** `days`: articles per day, stored as the rollup stores them (see `series`). */
export async function seedPublication(name: string, articleCount: number, entities: SeedEntity[], days?: Record<Day, number>): Promise<string> {
  const key = pubKey(name);
  const store = db();
  const batch = store.batch();
  const now = FieldValue.serverTimestamp();
  const pub = series(days, (a, b) => a + b);
  batch.set(store.doc(paths.publication(key)), { name, articleCount, ...pub.own, updatedAt: now } satisfies PublicationDoc<FieldValue>);
  for (const [year, d] of pub.years) batch.set(store.doc(paths.publicationYear(key, year)), { year: Number(year), days: d } satisfies PublicationYearDoc);
  for (const { days: entityDays, ...e } of entities) {
    const id = entityId(e.type, e.word);
    const ent = series(entityDays, addDayCounts);
    batch.set(store.doc(paths.entity(key, id)), { ...e, key: entityKey(e.word), ...ent.own, updatedAt: now } satisfies EntityDoc<FieldValue>);
    for (const [year, d] of ent.years) batch.set(store.doc(paths.entityYear(key, id, year)), { year: Number(year), days: d } satisfies EntityYearDoc);
  }
  await batch.commit();
  return key;
}

/** Articles on `day` counted as the rollup counts them: the day in its year's document, the year's total and the article count, in one commit. */
export async function countArticles(key: string, day: Day, by: number): Promise<void> {
  const store = db();
  const batch = store.batch();
  const year = yearOf(day);
  batch.set(store.doc(paths.publicationYear(key, year)), { year: Number(year), days: { [day]: FieldValue.increment(by) } }, { merge: true });
  batch.update(store.doc(paths.publication(key)), new FieldPath("yearly", year), FieldValue.increment(by), "articleCount", FieldValue.increment(by), "updatedAt", FieldValue.serverTimestamp());
  await batch.commit();
}

/**
 * Sets rollup/status for a test and returns what puts the previous one back.
 * The harness's rollup writes it too, but only for a window ending after its
 * completeThrough: a test that sets a later one is not overwritten meanwhile.
 */
export async function setRollupStatus(status: RollupStatusDoc<Timestamp>): Promise<() => Promise<void>> {
  const ref = db().doc(paths.rollupStatus());
  const before = await ref.get();
  await ref.set(status);
  return async () => {
    if (before.exists) await ref.set(before.data()!);
    else await ref.delete();
  };
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

/** Deletes a publication: its article documents (top level, so recursiveDelete of the publication leaves them), then the publication with everything below it. */
export async function removePublication(key: string): Promise<void> {
  const snap = await db().collection("articles").where("pubKey", "==", key).get();
  const batch = db().batch();
  for (const d of snap.docs) batch.delete(d.ref);
  await batch.commit();
  await db().recursiveDelete(db().doc(paths.publication(key)));
}
