// The read API's Firestore reads, through the layout module, each query
// bounded and counted as Firestore bills it (one read per document returned,
// one for a query that returns none).
import { FieldPath, type DocumentSnapshot, type Firestore, type Query, type Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, paths, type ArticleDoc, type EntityDoc, type PublicationDoc } from "@newsroom/core/layout";

export type PublicationRow = PublicationDoc<Timestamp> & { id: string };
export type EntityRow = EntityDoc<Timestamp> & { id: string };
export type ArticleRow = ArticleDoc<Timestamp> & { id: string };

/** Firestore's limit on the values of one array-contains-any filter. */
export const MAX_CONTAINS_ANY = 30;

export class ReadStore {
  reads = 0;
  private readonly db: Firestore;

  constructor(db: Firestore) {
    this.db = db;
  }

  private async query<T>(q: Query): Promise<Array<T & { id: string }>> {
    const snap = await q.get();
    this.reads += Math.max(1, snap.size);
    return snap.docs.map((d) => ({ ...(d.data() as T), id: d.id }));
  }

  private async doc<T>(path: string): Promise<(T & { id: string }) | undefined> {
    const snap: DocumentSnapshot = await this.db.doc(path).get();
    this.reads += 1;
    return snap.exists ? { ...(snap.data() as T), id: snap.id } : undefined;
  }

  publication(pubKey: string): Promise<PublicationRow | undefined> {
    return this.doc<PublicationDoc<Timestamp>>(paths.publication(pubKey));
  }

  entity(pubKey: string, id: string): Promise<EntityRow | undefined> {
    return this.doc<EntityDoc<Timestamp>>(paths.entity(pubKey, id));
  }

  /** By articleCount, then id (both descending, as the automatic index orders them). */
  publications(limit: number, after?: { articleCount: number; id: string }): Promise<PublicationRow[]> {
    let q = this.db.collection(COLLECTIONS.publications).orderBy("articleCount", "desc").orderBy(FieldPath.documentId(), "desc");
    if (after) q = q.startAfter(after.articleCount, after.id);
    return this.query<PublicationDoc<Timestamp>>(q.limit(limit));
  }

  /** Ranked by `field` (count = mentions, or articles), then id, descending; optionally one type. */
  entities(pubKey: string, field: "count" | "articles", type: string | undefined, limit: number, after?: { value: number; id: string }): Promise<EntityRow[]> {
    let q: Query = this.db.collection(`${paths.publication(pubKey)}/${COLLECTIONS.ents}`);
    if (type) q = q.where("type", "==", type);
    q = q.orderBy(field, "desc").orderBy(FieldPath.documentId(), "desc");
    if (after) q = q.startAfter(after.value, after.id);
    return this.query<EntityDoc<Timestamp>>(q.limit(limit));
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
    return this.query<ArticleDoc<Timestamp>>(q.limit(limit));
  }

  /** The entity with this key and type in every publication (a collection-group query), most mentioned first. */
  elsewhere(key: string, type: string, limit: number): Promise<Array<EntityRow & { pubKey: string }>> {
    const q = this.db.collectionGroup(COLLECTIONS.ents).where("key", "==", key).where("type", "==", type).orderBy("count", "desc").limit(limit);
    return q.get().then((snap) => {
      this.reads += Math.max(1, snap.size);
      return snap.docs.map((d) => ({ ...(d.data() as EntityDoc<Timestamp>), id: d.id, pubKey: d.ref.parent.parent!.id }));
    });
  }

  /** Entities whose key (lower-cased name) starts with `prefix`, in key order. */
  search(pubKey: string, prefix: string, type: string | undefined, limit: number): Promise<EntityRow[]> {
    let q: Query = this.db.collection(`${paths.publication(pubKey)}/${COLLECTIONS.ents}`);
    if (type) q = q.where("type", "==", type);
    q = q.where("key", ">=", prefix).where("key", "<", `${prefix}\uf8ff`).orderBy("key");
    return this.query<EntityDoc<Timestamp>>(q.limit(limit));
  }

  /** The original app's keyset: count descending, then word. */
  byCountThenWord(pubKey: string, limit: number, after?: { count: number; word: string }): Promise<EntityRow[]> {
    let q = this.db.collection(`${paths.publication(pubKey)}/${COLLECTIONS.ents}`).orderBy("count", "desc").orderBy("word", "asc");
    if (after) q = q.startAfter(after.count, after.word);
    return this.query<EntityDoc<Timestamp>>(q.limit(limit));
  }
}
