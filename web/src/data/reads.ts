// One-off Firestore reads (no listener): what the page asks now and then
// rather than follows live.
import { collection, doc, getDoc, getDocs, limit, orderBy, query, type Firestore } from "firebase/firestore";
import { decodeArticleReceivedAt, decodePublication } from "../logic/types.ts";
import { COLLECTIONS } from "./collections.ts";

/**
 * When the newest article was received (epoch ms), or null when there is none.
 * Polled rather than watched: under load a listener on it would cost a read
 * per new article per open page.
 */
export async function newestArticleReceivedAt(db: Firestore): Promise<number | null> {
  const snap = await getDocs(query(collection(db, COLLECTIONS.articles), orderBy("receivedAt", "desc"), limit(1)));
  const first = snap.docs[0];
  return first ? decodeArticleReceivedAt(first.data()) : null;
}

/** Display names of publications by id (one read each); an id without a document keeps itself as its name. */
export async function publicationNames(db: Firestore, ids: readonly string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    ids.map(async (id) => {
      const snap = await getDoc(doc(db, COLLECTIONS.publications, id));
      return [id, (snap.exists() ? decodePublication(id, snap.data())?.name : undefined) ?? id] as const;
    }),
  );
  return new Map(entries);
}
