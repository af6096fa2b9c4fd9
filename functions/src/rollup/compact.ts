// The sweep's share of compaction: which totals documents still hold days of
// past years. Moving one document's days is @newsroom/store/series-compaction,
// which scripts/migrate.ts runs too.
import type { Firestore } from "firebase-admin/firestore";
import { COLLECTIONS, yearOfMs } from "@newsroom/core/firestore-schema";
import { compactDocument } from "@newsroom/store/series-compaction";
import type { RollupDeps } from "./context.js";

/** Documents one sweep moves at most, per kind (publications, entities, and both over all publications). */
export const COMPACT_PER_SWEEP = 100;

/** The totals' documents that still hold days of `year` (publications, every publication's entities, and the same over all publications). */
function holding(db: Firestore, year: number, limit: number) {
  return [COLLECTIONS.publications, COLLECTIONS.global, COLLECTIONS.entities]
    .map((c) => db.collection(c).where("inlineYears", "array-contains", year).limit(limit))
    .concat(db.collectionGroup(COLLECTIONS.ents).where("inlineYears", "array-contains", year).limit(limit));
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
