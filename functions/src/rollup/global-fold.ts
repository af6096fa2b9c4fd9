// Folding the counts over all publications: the globalPending pieces that
// rollup batches wrote (each exactly once, in their parts) into global/totals
// and entities/{id} (@newsroom/core/rollup-plan foldItems), once the oldest is
// GLOBAL_FOLD_SECONDS old, so one fold writes an entity once for the many
// batches it folds.
//
// A fold is one transaction that reads the pieces it folds, writes their sum
// as increments and deletes them: a piece is folded exactly once, whoever
// folds, however many at once, whatever crashes (a fold that does not commit
// changes nothing). Pieces never change once written, so what to fold is
// decided from a plain query and the transaction only checks they are all
// still there. A fold Firestore refuses for good is tried one piece at a time,
// and the piece to blame goes to quarantine (the rest go on).
import { FieldPath, FieldValue, type QueryDocumentSnapshot, type Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, paths, rollupQuarantineId, STORED_LIMITS, yearOfMs, type GlobalPendingDoc } from "@newsroom/core/firestore-schema";
import { ROLLUP_DEFAULTS } from "@newsroom/core/pipeline-defaults";
import { isPermanentFirestoreError } from "@newsroom/core/retry";
import { FOLD_MAX_PIECES, foldCount, foldItems } from "@newsroom/core/rollup-plan";
import { txn } from "@newsroom/store/transaction";
import { rollupQuarantineDoc, writeOf } from "./apply.js";
import type { RollupDeps } from "./context.js";

/** Folds one sweep makes at most (each up to a commit's worth of pieces). */
export const FOLDS_PER_SWEEP = 20;

type Piece = QueryDocumentSnapshot;

/** Folds `pieces` in one transaction; false when another fold took one of them first. */
async function foldOnce(deps: RollupDeps, pieces: readonly Piece[], year: string): Promise<boolean> {
  const items = foldItems(
    pieces.map((p) => (p.data() as GlobalPendingDoc).counts),
    year,
  );
  return txn(deps, async (tx) => {
    const now = await tx.getAll(...pieces.map((p) => p.ref));
    if (now.some((s) => !s.exists)) return false;
    const updatedAt = FieldValue.serverTimestamp();
    for (const item of items) tx.set(deps.db.doc(item.path), writeOf(item, updatedAt), { merge: true });
    for (const p of pieces) tx.delete(p.ref);
    return true;
  });
}

/** The piece Firestore refuses to fold: out of the pending ones, into quarantine, in one transaction. */
async function quarantinePiece(deps: RollupDeps, piece: Piece, reason: string): Promise<void> {
  const doc = rollupQuarantineDoc(deps, { batch: `global-${String(piece.get("batch"))}`, range: String(piece.get("piece")), path: piece.ref.path }, piece.get("counts"), reason);
  await txn(deps, async (tx) => {
    if (!(await tx.get(piece.ref)).exists) return;
    tx.set(deps.db.doc(paths.quarantine(rollupQuarantineId(doc.batch, doc.range))), doc);
    tx.delete(piece.ref);
  });
  deps.logger.warn("rollup: a piece of the counts over all publications refused for good, quarantined", { path: piece.ref.path, reason: reason.slice(0, 300) });
}

/**
 * Folds pending pieces while the oldest is due (at most FOLDS_PER_SWEEP folds).
 * Returns the pieces folded.
 */
export async function foldGlobal(deps: RollupDeps): Promise<number> {
  const now = deps.now ?? Date.now;
  const dueMs = deps.globalFoldMs ?? ROLLUP_DEFAULTS.globalFoldSeconds * 1000;
  const pending = deps.db.collection(COLLECTIONS.globalPending).orderBy("createdAt").orderBy(FieldPath.documentId());
  let folded = 0;
  let one = false; // after a refusal, one piece at a time for the rest of the sweep: the one to blame stands alone
  for (let n = 0; n < FOLDS_PER_SWEEP; n++) {
    // Most sweeps find nothing due: one read (of one field) says so.
    const oldest = (await pending.select("createdAt").limit(1).get()).docs[0]?.get("createdAt") as Timestamp | undefined;
    if (!oldest || oldest.toMillis() > now() - dueMs) break;
    const docs = (await pending.limit(FOLD_MAX_PIECES).get()).docs;
    if (docs.length === 0) break;
    const year = yearOfMs(now());
    const take = one ? 1 : foldCount(docs.map((d) => (d.data() as GlobalPendingDoc).counts), year, FOLD_MAX_PIECES, deps.partLimits);
    const pieces = docs.slice(0, take);
    try {
      if (await foldOnce(deps, pieces, year)) folded += pieces.length;
    } catch (err) {
      if (!isPermanentFirestoreError(err)) throw err;
      const reason = String((err as Error).message ?? err).slice(0, STORED_LIMITS.quarantineReasonChars);
      if (pieces.length === 1) await quarantinePiece(deps, pieces[0]!, reason);
      one = true;
    }
  }
  if (folded > 0) deps.logger.info("rollup: counts over all publications folded", { pieces: folded });
  return folded;
}
