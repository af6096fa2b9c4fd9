// Finishing a batch: its document marked applied and rollup/status brought up
// to date, honestly (the failures recorded in it are an operator's to clear:
// delete `failedFrom` and `failures` from rollup/status once the quarantined
// writes are dealt with, and completeThrough moves on at the next batch). completeThrough is where every planned batch up to it is
// fully applied: it never passes a batch that is planned and not yet applied
// (a rollup died in it, or is still at it), nor one with a write Firestore
// refused for good (failedFrom stays until an operator clears it). The
// batches after such a one are applied all the same (appliedThrough), so one
// bad batch delays no one's counts; it only keeps them from being called
// complete.
import { FieldValue } from "firebase-admin/firestore";
import { COLLECTIONS, paths, ROLLUP_STATUS_FAILURES, type BatchDoc, type RollupFailure, type RollupStatusDoc } from "@newsroom/core/firestore-schema";
import type { ItemFailure } from "./apply.js";
import { txn } from "@newsroom/store/transaction";
import type { RollupDeps } from "./context.js";

/** Open batches (planned, unapplied) looked at: more than this at once means rollups keep dying. */
const OPEN_SCAN = 50;

export interface StatusInput {
  current: RollupStatusDoc | undefined;
  /** The finished batch's range, when it had a plan. */
  plan: { from: number; to: number } | undefined;
  failures: readonly ItemFailure[];
  /** The starts of the other planned batches not yet applied. */
  openFroms: readonly number[];
  windowEnd: number;
  now: number;
}

/** The next rollup/status (without its server timestamp). Pure. */
export function nextStatus(i: StatusInput): Omit<RollupStatusDoc, "appliedAt" | "windowSeconds"> {
  const cur = i.current;
  const appliedThrough = Math.max(cur?.appliedThrough ?? cur?.completeThrough ?? 0, i.plan?.to ?? 0);
  let failedFrom = cur?.failedFrom;
  if (i.failures.length > 0) failedFrom = Math.min(failedFrom ?? Number.POSITIVE_INFINITY, i.plan?.from ?? i.windowEnd);
  const completeThrough = Math.min(appliedThrough, failedFrom ?? Number.POSITIVE_INFINITY, ...i.openFroms);
  const seen = new Set((cur?.failures ?? []).map((f) => `${f.windowEnd}/${f.range}`));
  const added: RollupFailure[] = i.failures
    .filter((f) => !seen.has(`${i.windowEnd}/${f.range}`))
    .map((f) => ({ windowEnd: i.windowEnd, range: f.range, items: f.items, reason: f.reason.slice(0, 500), at: i.now }));
  const failures = [...(cur?.failures ?? []), ...added].slice(-ROLLUP_STATUS_FAILURES);
  return { completeThrough, appliedThrough, ...(failures.length > 0 ? { failures } : {}), ...(failedFrom !== undefined ? { failedFrom } : {}) };
}

/**
 * Marks batches/{id} applied (with its failures) and updates rollup/status, in
 * one transaction. `plan` is the batch's, or undefined for a window that
 * turned out to have no batch of its own (later batches reach past it): then
 * a plan another rollup stored there meanwhile is that rollup's to finish,
 * and nothing is written. False when nothing was (that, or applied already).
 */
export async function recordFinish(deps: RollupDeps, id: number | string, plan: { from: number; to: number } | undefined, failures: readonly ItemFailure[]): Promise<boolean> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.batch(id));
  const status = deps.db.doc(paths.rollupStatus());
  // Read in the transaction: a batch planned meanwhile must not be passed unseen.
  const open = deps.db.collection(COLLECTIONS.batches).where("open", "==", true).orderBy("windowEnd").limit(OPEN_SCAN);
  return txn(deps, async (tx) => {
    const [doc, current, others] = await Promise.all([tx.get(ref), tx.get(status), tx.get(open)]);
    const batch = doc.data() as BatchDoc | undefined;
    if (batch?.applied || (plan === undefined && batch?.plan !== undefined)) return false;
    const openFroms = others.docs
      .filter((d) => d.id !== ref.id)
      .map((d) => (d.data() as BatchDoc).plan?.from)
      .filter((f): f is number => typeof f === "number");
    const windowEnd = plan?.to ?? batch?.windowEnd ?? (typeof id === "number" ? id : 0);
    const next = nextStatus({ current: current.data() as RollupStatusDoc | undefined, plan, failures, openFroms, windowEnd, now: now() });
    tx.set(ref, { applied: true, open: FieldValue.delete(), failed: failures.length, appliedAt: FieldValue.serverTimestamp(), leaseUntil: FieldValue.delete(), leaseOwner: FieldValue.delete() }, { merge: true });
    tx.set(status, { ...next, appliedAt: FieldValue.serverTimestamp(), windowSeconds: deps.windowSeconds, at: now() });
    return true;
  });
}
