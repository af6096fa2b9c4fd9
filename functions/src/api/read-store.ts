// The read API's Firestore reads, through the Firestore schema (@newsroom/core/firestore-schema), each query
// bounded, reading only the fields its answers need (a list of 600 whole
// entity documents could be tens of megabytes at 80 requests per instance),
// and counted as Firestore bills it (one read per document returned or asked
// for by id, one for a query that returns none).
import { FieldPath, type Firestore, type Query, type QueryDocumentSnapshot, type Timestamp } from "firebase-admin/firestore";
import {
  addCounts,
  addDayCounts,
  COLLECTIONS,
  mergeSeries,
  paths,
  PUBLICATION_SCOPE,
  yearOf,
  type Scope,
  type ArticleDoc,
  type Day,
  type DayCounts,
  type EntityDoc,
  type EntityYearDoc,
  type PublicationDoc,
  type PublicationYearDoc,
  type RollupStatusDoc,
  type Year,
} from "@newsroom/core/firestore-schema";

type Row<Doc, K extends keyof Doc> = Pick<Doc, K> & { id: string };

// What each answer needs of a document, and so all a read fetches of it.
const PUBLICATION = ["name", "articleCount", "updatedAt"] as const;
// A series reads the current year's days kept in the totals' document itself, and the per-year summary.
const PUBLICATION_SERIES = [...PUBLICATION, "yearly", "days"] as const;
const ENTITY = ["word", "type", "count", "articles"] as const;
const ENTITY_ONE = [...ENTITY, "key", "absorbed"] as const;
const ENTITY_SERIES = [...ENTITY_ONE, "yearly", "days"] as const;
const ARTICLE = ["title", "url", "publishedAt", "receivedAt", "day", "at", "ents", "mentions"] as const;
const STATUS = ["completeThrough", "appliedThrough", "appliedAt", "windowSeconds", "failures"] as const;

export type PublicationRow = Row<PublicationDoc<Timestamp>, (typeof PUBLICATION_SERIES)[number]>;
export type EntityRow = Row<EntityDoc<Timestamp>, (typeof ENTITY)[number]> & Partial<Row<EntityDoc<Timestamp>, (typeof ENTITY_SERIES)[number]>>;
export type ArticleRow = Row<ArticleDoc<Timestamp>, (typeof ARTICLE)[number]>;
export type StatusRow = Partial<Pick<RollupStatusDoc<Timestamp>, (typeof STATUS)[number]>>;

export interface ReadOptions {
  /** Also read the inline days and per-year summary (the answer has a series). */
  series?: boolean;
}

// The totals, entities and year documents below are a publication's, or with
// GLOBAL_SCOPE (pubKey ignored) those over all publications: the same shapes.

/** Firestore's limit on the values of one array-contains-any filter. */
export const MAX_CONTAINS_ANY = 30;

export class ReadStore {
  reads = 0;
  private readonly db: Firestore;

  constructor(db: Firestore) {
    this.db = db;
  }

  private async snapshots(q: Query, fields: readonly string[]): Promise<QueryDocumentSnapshot[]> {
    const snap = await q.select(...fields).get();
    this.reads += Math.max(1, snap.size);
    return snap.docs;
  }

  private async query<T>(q: Query, fields: readonly string[]): Promise<Array<T & { id: string }>> {
    return (await this.snapshots(q, fields)).map((d) => ({ ...(d.data() as T), id: d.id }));
  }

  /** Documents by path in one round trip (undefined where none exists), `fields` of each. */
  private async docs<T>(docPaths: readonly string[], fields: ReadonlyArray<string | FieldPath>): Promise<Array<(T & { id: string }) | undefined>> {
    if (docPaths.length === 0) return [];
    const snaps = await this.db.getAll(...docPaths.map((p) => this.db.doc(p)), { fieldMask: [...fields] });
    this.reads += docPaths.length;
    return snaps.map((s) => (s.exists ? { ...(s.data() as T), id: s.id } : undefined));
  }

  /**
   * Totals documents with their counts on `days` (their own entries plus their year documents'), and `fields`;
   * undefined where a totals document is missing. One round trip; only those days' entries are fetched.
   */
  private async withDays<T, V>(
    totals: readonly string[],
    yearPath: (i: number, year: Year) => string,
    fields: readonly string[],
    days: readonly Day[],
    add: (a: V, b: V) => V,
  ): Promise<Array<{ row: T & { id: string }; days: Record<Day, V> } | undefined>> {
    const years = [...new Set(days.map(yearOf))];
    const all = totals.flatMap((p, i) => [p, ...years.map((y) => yearPath(i, y))]);
    const read = await this.docs<T & { days?: Record<Day, V> }>(all, [...fields, ...days.map((d) => new FieldPath("days", d))]);
    return totals.map((_, i) => {
      const [row, ...yearDocs] = read.slice(i * (1 + years.length), (i + 1) * (1 + years.length));
      return row && { row, days: mergeSeries(row.days, yearDocs.map((y) => y?.days), add) };
    });
  }

  /** The publication's articles on each of `days`; undefined: no such publication. */
  async publicationDays(pubKey: string, days: readonly Day[], scope: Scope = PUBLICATION_SCOPE): Promise<{ row: PublicationRow; days: Record<Day, number> } | undefined> {
    const [p] = await this.withDays<PublicationRow, number>([scope.publication(pubKey)], (_, y) => scope.publicationYear(pubKey, y), PUBLICATION, days, addCounts);
    return p;
  }

  /** The entities of `ids` that exist, with the fields every entity answer shows and their counts on each of `days`. */
  async entitiesDays(pubKey: string, ids: readonly string[], days: readonly Day[], scope: Scope = PUBLICATION_SCOPE): Promise<Array<{ row: EntityRow; days: Record<Day, DayCounts> }>> {
    const found = await this.withDays<EntityRow, DayCounts>(ids.map((id) => scope.entity(pubKey, id)), (i, y) => scope.entityYear(pubKey, ids[i]!, y), ENTITY_ONE, days, addDayCounts);
    return found.filter((e) => e !== undefined);
  }

  private ents(pubKey: string, scope: Scope = PUBLICATION_SCOPE): Query {
    return this.db.collection(scope.ents(pubKey));
  }

  /** With its inline days and per-year summary when the answer has a series. */
  async publication(pubKey: string, { series = false }: ReadOptions = {}, scope: Scope = PUBLICATION_SCOPE): Promise<PublicationRow | undefined> {
    const [p] = await this.docs<PublicationRow>([scope.publication(pubKey)], series ? PUBLICATION_SERIES : PUBLICATION);
    return p;
  }

  /** The fields every entity answer shows, its key and absorbed ids, and with `series` its inline days and per-year summary. */
  async entity(pubKey: string, id: string, { series = false }: ReadOptions = {}, scope: Scope = PUBLICATION_SCOPE): Promise<EntityRow | undefined> {
    const [e] = await this.docs<EntityRow>([scope.entity(pubKey, id)], series ? ENTITY_SERIES : ENTITY_ONE);
    return e;
  }

  /** The `days` of the publication's year documents for `years` (undefined where a year has none). */
  async publicationYears(pubKey: string, years: readonly Year[], scope: Scope = PUBLICATION_SCOPE): Promise<Array<Record<Day, number> | undefined>> {
    return (await this.docs<PublicationYearDoc>(years.map((y) => scope.publicationYear(pubKey, y)), ["days"])).map((d) => d?.days);
  }

  /** The `days` of the entity's year documents for `years`. */
  async entityYears(pubKey: string, id: string, years: readonly Year[], scope: Scope = PUBLICATION_SCOPE): Promise<Array<Record<Day, DayCounts> | undefined>> {
    return (await this.docs<EntityYearDoc>(years.map((y) => scope.entityYear(pubKey, id, y)), ["days"])).map((d) => d?.days);
  }

  /** By articleCount, then id (both descending, as the automatic index orders them). */
  publications(limit: number, after?: { articleCount: number; id: string }): Promise<PublicationRow[]> {
    let q = this.db.collection(COLLECTIONS.publications).orderBy("articleCount", "desc").orderBy(FieldPath.documentId(), "desc");
    if (after) q = q.startAfter(after.articleCount, after.id);
    return this.query<PublicationRow>(q.limit(limit), PUBLICATION);
  }

  /** Ranked by `field` (count = mentions, or articles), then id, descending; optionally one type. */
  entities(pubKey: string, field: "count" | "articles", type: string | undefined, limit: number, after?: { value: number; id: string }, scope: Scope = PUBLICATION_SCOPE): Promise<EntityRow[]> {
    let q = this.ents(pubKey, scope);
    if (type) q = q.where("type", "==", type);
    q = q.orderBy(field, "desc").orderBy(FieldPath.documentId(), "desc");
    if (after) q = q.startAfter(after.value, after.id);
    return this.query<EntityRow>(q.limit(limit), ENTITY);
  }

  /** Articles of a publication that mention any of the entity ids (an entity and the ids it absorbed), newest first. */
  articles(pubKey: string, entityIds: readonly string[], limit: number, after?: { atMs: number; id: string }): Promise<ArticleRow[]> {
    const ids = entityIds.slice(0, MAX_CONTAINS_ANY);
    let q = this.db
      .collection(COLLECTIONS.articles)
      .where("pubKey", "==", pubKey)
      .where("ents", ids.length === 1 ? "array-contains" : "array-contains-any", ids.length === 1 ? ids[0] : ids)
      .orderBy("at", "desc")
      .orderBy(FieldPath.documentId(), "desc");
    if (after) q = q.startAfter(new Date(after.atMs), after.id);
    return this.query<ArticleRow>(q.limit(limit), ARTICLE);
  }

  /** A publication's articles with `at` in [fromMs, toMs) (a day), newest first: their entity ids. */
  articlesBetween(pubKey: string | undefined, fromMs: number, toMs: number, limit: number): Promise<Array<Pick<ArticleDoc, "ents"> & { id: string }>> {
    const all = this.db.collection(COLLECTIONS.articles);
    // Without a publication, every publication's (the single-field index on `at` serves it).
    const q = (pubKey === undefined ? all : all.where("pubKey", "==", pubKey))
      .where("at", ">=", new Date(fromMs))
      .where("at", "<", new Date(toMs))
      .orderBy("at", "desc")
      .orderBy(FieldPath.documentId(), "desc");
    return this.query<Pick<ArticleDoc, "ents">>(q.limit(limit), ["ents"]);
  }

  /** The entity with this key and type in every publication (a collection-group query), most mentioned first. */
  async elsewhere(key: string, type: string, limit: number): Promise<Array<Row<EntityDoc, "count" | "articles"> & { pubKey: string }>> {
    const q = this.db.collectionGroup(COLLECTIONS.ents).where("key", "==", key).where("type", "==", type).orderBy("count", "desc").limit(limit);
    return (await this.snapshots(q, ["count", "articles"])).map((d) => ({ ...(d.data() as Pick<EntityDoc, "count" | "articles">), id: d.id, pubKey: d.ref.parent.parent!.id }));
  }

  /** Entities whose key (lower-cased name) starts with `prefix`, in key order. */
  search(pubKey: string, prefix: string, type: string | undefined, limit: number): Promise<EntityRow[]> {
    let q = this.ents(pubKey);
    if (type) q = q.where("type", "==", type);
    q = q.where("key", ">=", prefix).where("key", "<", `${prefix}\uf8ff`).orderBy("key");
    return this.query<EntityRow>(q.limit(limit), ENTITY);
  }

  /** The original app's keyset: count descending, then word. */
  byCountThenWord(pubKey: string, limit: number, after?: { count: number; word: string }): Promise<EntityRow[]> {
    let q = this.ents(pubKey).orderBy("count", "desc").orderBy("word", "asc");
    if (after) q = q.startAfter(after.count, after.word);
    return this.query<EntityRow>(q.limit(limit), ENTITY);
  }

  async rollupStatus(): Promise<StatusRow | undefined> {
    const [s] = await this.docs<StatusRow>([paths.rollupStatus()], STATUS);
    return s;
  }

  /** When the newest article was received (none: undefined). */
  async newestReceipt(): Promise<Timestamp | undefined> {
    const [a] = await this.query<Pick<ArticleDoc<Timestamp>, "receivedAt">>(this.db.collection(COLLECTIONS.articles).orderBy("receivedAt", "desc").limit(1), ["receivedAt"]);
    return a?.receivedAt;
  }
}
