// Moving the days of past years out of the totals' documents. The rollup
// writes a batch's own year's days into publications/{pub} and
// .../ents/{id} themselves (`days`, listed in `inlineYears`), at no write beyond
// the totals'; once that year is over, the sweep moves them into the year
// documents, years/{yyyy}, so a totals document holds at most about two years
// of days however long the pipeline runs.
//
// Each document moves in one transaction that reads it and the year documents
// it adds to, and writes plain values (no increments, so no limit on field
// transforms): a rollup writing the same documents meanwhile waits or retries,
// and nothing is counted twice or lost. A document not yet marked with
// SERIES_VERSION (written by the code before year documents, whose `yearly`
// holds only what was counted since) also gets `yearly` recomputed from all its
// days; scripts/migrate.ts runs the same transaction over every such document.
import { FieldPath, FieldValue, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import { addCounts, addDayCounts, COLLECTIONS, yearOf, yearOfMs, type DayCounts } from "@newsroom/core/layout";
import { txn, type RollupDeps } from "./context.js";

/** Documents one sweep moves at most, per kind (publications, entities). */
export const COMPACT_PER_SWEEP = 100;

/** `seriesV` of a totals document whose `yearly` is known to hold all its days. */
export const SERIES_VERSION = 2;

type Value = number | DayCounts;
const add = (a: Value, b: Value): Value => (typeof a === "number" ? addCounts(a, b as number) : addDayCounts(a, b as DayCounts));
const zero = (v: Value): Value => (typeof v === "number" ? 0 : { m: 0, a: 0 });

/**
 * Moves `ref`'s days of years before `year` into its year documents; with
 * `recomputeYearly`, also sets `yearly` from every day it has (the migration).
 * Returns the days moved.
 */
export async function compactDocument(deps: Pick<RollupDeps, "db" | "retry">, ref: DocumentReference, year: number, recompute = false): Promise<number> {
  return txn(deps as RollupDeps, async (tx) => {
    const snap = await tx.get(ref);
    if (!snap.exists) return 0;
    const recomputeYearly = recompute || snap.get("seriesV") !== SERIES_VERSION;
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

/** The totals' documents that still hold days of `year` (publications, and every publication's entities). */
function holding(db: Firestore, year: number, limit: number) {
  return [
    db.collection(COLLECTIONS.publications).where("inlineYears", "array-contains", year).limit(limit),
    db.collectionGroup(COLLECTIONS.ents).where("inlineYears", "array-contains", year).limit(limit),
  ];
}

/**
 * One scheduled sweep's share: up to COMPACT_PER_SWEEP documents of each kind
 * holding days of the last two years. A document that fails is logged and
 * left for the next sweep; the others go on.
 */
export async function compactPastYears(deps: RollupDeps, limit = COMPACT_PER_SWEEP): Promise<number> {
  const now = deps.now ?? Date.now;
  const year = Number(yearOfMs(now()));
  let moved = 0;
  for (const y of [year - 1, year - 2]) {
    for (const q of holding(deps.db, y, limit)) {
      for (const d of (await q.get()).docs) {
        moved += await compactDocument(deps, d.ref, year).catch((err: unknown) => {
          deps.logger.warn("rollup: a document's past days not moved, the next sweep tries again", { path: d.ref.path.slice(0, 200), error: String(err).slice(0, 300) });
          return 0;
        });
      }
    }
  }
  if (moved > 0) deps.logger.info("rollup: days of past years moved into year documents", { days: moved, year });
  return moved;
}
