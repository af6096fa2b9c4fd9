// Moving the days of past years out of one totals document. The rollup
// writes a batch's own year's days into publications/{pub} and
// .../ents/{id} themselves (`days`, listed in `inlineYears`), at no write beyond
// the totals'; once that year is over, the sweep moves them into the year
// documents, years/{yyyy}, so a totals document holds at most about two years
// of days however long the pipeline runs (functions/src/rollup/compact.ts picks
// the documents).
//
// Each document moves in one transaction that reads it and the year documents
// it adds to, and writes plain values (no increments, so no limit on field
// transforms): a rollup writing the same documents meanwhile waits or retries,
// and nothing is counted twice or lost. A document not yet marked with
// SERIES_VERSION (written by the code before year documents, whose `yearly`
// holds only what was counted since) also gets `yearly` recomputed from all its
// days; scripts/migrate.ts runs the same transaction over every such document.
import { FieldPath, FieldValue, type DocumentReference } from "firebase-admin/firestore";
import { addCounts, addDayCounts, COLLECTIONS, yearOf, yearOfMs, type DayCounts } from "@newsroom/core/firestore-schema";
import { txn, type TransactionTarget } from "./transaction.js";

/** `seriesV` of a totals document whose `yearly` is known to hold all its days. */
export const SERIES_VERSION = 2;

type Value = number | DayCounts;
const add = (a: Value, b: Value): Value => (typeof a === "number" ? addCounts(a, b as number) : addDayCounts(a, b as DayCounts));
const zero = (v: Value): Value => (typeof v === "number" ? 0 : { m: 0, a: 0 });

export interface CompactOptions {
  /** Also set `yearly` from every day the document has (the migration); documents before SERIES_VERSION always are. */
  recomputeYearly?: boolean;
}

/** Moves `ref`'s days of years before `year` into its year documents. Returns the days moved. */
export async function compactDocument(target: TransactionTarget, ref: DocumentReference, year: number, options: CompactOptions = {}): Promise<number> {
  return txn(target, async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return 0;
    const recomputeYearly = options.recomputeYearly === true || snap.get("seriesV") !== SERIES_VERSION;
    const days = (snap.get("days") ?? {}) as Record<string, Value>;
    const past = Object.keys(days).filter((d) => Number(yearOf(d)) < year);
    const movedYears = [...new Set(past.map(yearOf))];
    const left = [...new Set(Object.keys(days).filter((d) => Number(yearOf(d)) >= year).map((d) => Number(yearOf(d))))].sort((a, b) => a - b);
    if (movedYears.length === 0 && !recomputeYearly) {
      // Nothing to move: only a stale list (compacted by another run) is put right, so no query finds it again.
      const listed = (snap.get("inlineYears") ?? []) as number[];
      if (listed.join() !== left.join()) tx.update(ref, "inlineYears", left);
      return 0;
    }
    // The year documents to add to; to recompute `yearly`, every one there is (at most one per year the bounds allow).
    const stored = new Map<string, Record<string, Value>>();
    if (recomputeYearly) {
      for (const y of (await tx.get(ref.collection(COLLECTIONS.years))).docs) stored.set(y.id, (y.get("days") ?? {}) as Record<string, Value>);
    } else {
      const snaps = await tx.getAll(...movedYears.map((y) => ref.collection(COLLECTIONS.years).doc(y)));
      movedYears.forEach((y, i) => stored.set(y, (snaps[i]!.get("days") ?? {}) as Record<string, Value>));
    }
    for (const y of movedYears) {
      const into = { ...(stored.get(y) ?? {}) };
      for (const d of past.filter((d) => yearOf(d) === y)) into[d] = Object.hasOwn(into, d) ? add(into[d]!, days[d]!) : days[d]!;
      tx.set(ref.collection(COLLECTIONS.years).doc(y), { year: Number(y), days: into });
      stored.set(y, into);
    }
    const update: unknown[] = [];
    for (const d of past) update.push(new FieldPath("days", d), FieldValue.delete());
    if (recomputeYearly) {
      const sums: Record<string, Value> = {};
      for (const [y, ds] of stored) for (const v of Object.values(ds)) sums[y] = add(sums[y] ?? zero(v), v);
      const moved = new Set(past);
      for (const d of Object.keys(days).filter((d) => !moved.has(d))) sums[yearOf(d)] = add(sums[yearOf(d)] ?? zero(days[d]!), days[d]!);
      update.push("yearly", sums, "seriesV", SERIES_VERSION);
    }
    tx.update(ref, "inlineYears", left, ...update);
    return past.length;
  });
}
