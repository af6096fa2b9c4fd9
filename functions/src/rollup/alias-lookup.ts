// The rollup's lookup of stored full names for the lone surnames of a batch
// (the merges themselves are decided in @newsroom/core/alias-merges).
import type { Firestore } from "firebase-admin/firestore";
import type { FullNameLookup } from "@newsroom/core/alias-merges";
import { paths } from "@newsroom/core/firestore-schema";

/** The Firestore lookup: one bounded query on the entity documents' `aliases`. */
export function storedFullNames(db: Firestore): FullNameLookup {
  return async (l) => {
    // Three at most: two persons already make the surname ambiguous.
    const snap = await db.collection(paths.ents(l.pub)).where("aliases", "array-contains", l.key).select("word", "type").limit(3).get();
    return snap.docs.filter((d) => d.get("type") === "person").map((d) => ({ id: d.id, word: String(d.get("word")) }));
  };
}
