// A publication's or an entity's daily series as one map: the days its own
// document holds plus those of its year documents (see @newsroom/core/firestore-schema).
import type { DocumentReference } from "firebase-admin/firestore";
import { addCounts, addDayCounts, COLLECTIONS, mergeSeries, type DayCounts } from "@newsroom/core/firestore-schema";

/** Every day of `ref`'s series, summed where a day is in both; undefined when it has none. */
export async function seriesOf<V extends number | { m: number; a: number }>(ref: DocumentReference): Promise<Record<string, V> | undefined> {
  const [doc, years] = await Promise.all([ref.get(), ref.collection(COLLECTIONS.years).get()]);
  const inline = doc.get("days") as Record<string, V> | undefined;
  if (inline === undefined && years.empty) return undefined;
  const add = (a: V, b: V): V => (typeof a === "number" ? addCounts(a, b as number) : addDayCounts(a, b as DayCounts)) as V;
  return mergeSeries<V>(inline, years.docs.map((y) => y.get("days") as Record<string, V> | undefined), add);
}
