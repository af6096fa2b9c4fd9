// One-off Firestore reads (no listener): what the page asks now and then
// rather than follows live.
import { doc, getDoc, type Firestore } from "firebase/firestore";
import { decodePublication } from "../logic/types.ts";
import { COLLECTIONS } from "./collections.ts";

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
