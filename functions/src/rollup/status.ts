// Finishing a batch: its document marked applied and rollup/status brought up
// to date, honestly. completeThrough is where every planned batch up to it is
// fully applied: it never passes a batch that is planned and not yet applied
// (a rollup died in it, or is still at it), nor one with a write Firestore
// refused for good (failedFrom stays until an operator clears it). The
// batches after such a one are applied all the same (appliedThrough), so one
// bad batch delays no one's counts; it only keeps them from being called
// complete.
import { FieldValue } from "firebase-admin/firestore";
import { COLLECTIONS, paths, ROLLUP_STATUS_FAILURES, type RollupFailure, type RollupStatusDoc, type WindowDoc } from "@newsroom/core/layout";
import type { ItemFailure } from "./apply.js";
import { txn, type RollupDeps } from "./context.js";

/** Open batches looked at: more than this planned and unapplied at once means rollups keep dying. */
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

/** Marks windows/{windowEnd} applied (with its failures) and updates rollup/status, in one transaction. */
export async function recordFinish(deps: RollupDeps, windowEnd: number, plan: { from: number; to: number } | undefined, failures: readonly ItemFailure[]): Promise<void> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.window(windowEnd));
  const status = deps.db.doc(paths.rollupStatus());
  // Read in the transaction: a batch planned meanwhile must not be passed unseen.
  const open = deps.db.collection(COLLECTIONS.windows).where("applied", "==", false).orderBy("windowEnd").limit(OPEN_SCAN);
  await txn(deps, async (tx) => {
    const [current, others] = await Promise.all([tx.get(status), tx.get(open)]);
    const openFroms = others.docs
      .filter((d) => d.id !== ref.id)
      .map((d) => (d.data() as WindowDoc).plan?.from)
      .filter((f): f is number => typeof f === "number");
    const next = nextStatus({ current: current.data() as RollupStatusDoc | undefined, plan, failures, openFroms, windowEnd, now: now() });
    tx.update(ref, { applied: true, failed: failures.length, appliedAt: FieldValue.serverTimestamp(), leaseUntil: FieldValue.delete(), leaseOwner: FieldValue.delete() });
    tx.set(status, { ...next, appliedAt: FieldValue.serverTimestamp(), windowSeconds: deps.windowSeconds, at: now() });
  });
}
