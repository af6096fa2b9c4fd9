// The rollup: merges the deltas of a batch and applies them to the shared
// documents, each exactly once, each shared document written once per batch
// (one batch per window of ROLLUP_WINDOW_SECONDS, or fewer when behind).
//
// A batch holds the deltas whose commit time (createdAt, set by Firestore on
// commit) falls in (from, to]. Batches tile time: rollup/state.through is where
// the last planned one ends, and the next starts there. For the window ending
// at w (epoch ms), once Firestore's clock is past w + grace (a commit in flight
// then lands after w, in the next batch):
//   1. claim   windows/{w}: a lease, so a second rollup does not do the same work;
//   2. read    the deltas committed in (through, w], at most BATCH_LIMITS (batch.ts):
//              a larger backlog ends this batch early, at `to` < w;
//   3. plan    decide the publication-level alias merges (aliases.ts), then in
//              one transaction: rollup/state.through still where it was read,
//              then the plan {from, to, parts, merges} stored in windows/{to}
//              (windows/{w}, or a document of its own for a batch that ended
//              early) and through = to. A second rollup, a retry, a newer
//              deploy all use the stored plan. A plan whose document would
//              pass BATCH_LIMITS.planBytes halves the batch instead;
//   4. apply   each part in one transaction with its marker (apply.ts): a crash
//              mid-commit, a second rollup or a redelivered tick applies nothing
//              twice; a write Firestore refuses for good is isolated and
//              quarantined, and the rest of the batch is applied;
//   5. finish  the batch's document marked applied, rollup/status (status.ts),
//              then the deltas deleted; a batch that ended early goes on with
//              the rest of the window.
// processPosts reads none of these documents, so it is never held up or
// aborted by a rollup.
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { documentBytes } from "@newsroom/core/doc-size";
import { COLLECTIONS, DAY_MS, paths, TTL, type RollupStateDoc, type WindowDoc } from "@newsroom/core/layout";
import { mergeDeltas } from "../process/delta.js";
import { withRetry } from "../process/retry.js";
import { findMerges, storedFullNames } from "./aliases.js";
import { applyPart, type ItemFailure } from "./apply.js";
import { BATCH_LIMITS, readBatch, type DeltaRow } from "./batch.js";
import { sleepOf, txn, type RollupDeps } from "./context.js";
import { compactPastYears } from "./compact.js";
import { batchItems, itemsOfPart, planParts, PLAN_VERSION, type RollupItem } from "./plan.js";
import { recordFinish } from "./status.js";

export type { RollupDeps } from "./context.js";

export type WindowOutcome =
  | { status: "applied"; windowEnd: number; from: number; to: number; deltas: number; posts: number; parts: number; writes: number; failed: number }
  | { status: "done"; windowEnd: number }
  | { status: "busy"; windowEnd: number };

/** A tick: roll up `windowEnd` once it is due (waiting for it), then sweep; without one, sweep only. */
export type RollupTick = { windowEnd?: number };

type StoredPlan = NonNullable<WindowDoc["plan"]>;

/** Another rollup planned a batch between our read of rollup/state and our plan: read again. */
class Moved extends Error {}

type Claim = { state: "done" } | { state: "busy" } | { state: "mine"; plan: WindowDoc["plan"] };

async function claim(deps: RollupDeps, windowEnd: number): Promise<Claim> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.window(windowEnd));
  return txn(deps, async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as WindowDoc | undefined;
    if (doc?.applied) return { state: "done" } as const;
    if (doc?.leaseUntil !== undefined && doc.leaseUntil > now() && doc.leaseOwner !== deps.owner) return { state: "busy" } as const;
    const lease = { leaseUntil: now() + deps.leaseMs, leaseOwner: deps.owner };
    if (snap.exists) tx.update(ref, lease);
    else tx.create(ref, newWindow(deps, windowEnd, lease));
    return { state: "mine", plan: doc?.plan } as const;
  });
}

function newWindow(deps: RollupDeps, windowEnd: number, lease: { leaseUntil: number; leaseOwner: string }) {
  const now = deps.now ?? Date.now;
  return { windowEnd, claimedAt: FieldValue.serverTimestamp(), applied: false, expireAt: Timestamp.fromMillis(now() + TTL.windowsDays * DAY_MS), ...lease };
}

async function through(deps: RollupDeps): Promise<number> {
  const snap = await deps.db.doc(paths.rollupState()).get();
  return Number((snap.data() as RollupStateDoc | undefined)?.through ?? 0);
}

/**
 * Stores the plan of (from, to] in windows/{to} and moves rollup/state, unless
 * someone else moved it since `from` was read. windows/{to} is the claimed
 * window itself, or (a batch that ended early) a document created here with
 * our lease. Returns the plan in force for windows/{windowEnd} when it was
 * planned meanwhile.
 */
async function storePlan(deps: RollupDeps, windowEnd: number, plan: StoredPlan): Promise<StoredPlan> {
  const claimed = deps.db.doc(paths.window(windowEnd));
  const target = deps.db.doc(paths.window(plan.to));
  const state = deps.db.doc(paths.rollupState());
  return txn(deps, async (tx) => {
    const [w, s] = await tx.getAll(claimed, state);
    const stored = (w!.data() as WindowDoc | undefined)?.plan;
    if (stored) return stored;
    if (Number((s!.data() as RollupStateDoc | undefined)?.through ?? 0) !== plan.from) throw new Moved();
    if (plan.to === windowEnd) tx.update(claimed, { plan });
    else tx.create(target, { ...newWindow(deps, plan.to, { leaseUntil: (deps.now ?? Date.now)() + deps.leaseMs, leaseOwner: deps.owner }), plan });
    tx.set(state, { through: plan.to } satisfies RollupStateDoc);
    return plan;
  });
}

/** Reads and plans the next batch of (from, windowEnd]: capped, and halved until its plan fits its document. */
async function planBatch(deps: RollupDeps, from: number, windowEnd: number): Promise<{ plan: StoredPlan; deltas: DeltaRow[]; items: RollupItem[] }> {
  const limits = deps.batchLimits ?? BATCH_LIMITS;
  let cap = { bytes: limits.bytes, posts: limits.posts };
  for (;;) {
    const batch = await readBatch(deps, from, windowEnd, cap);
    const pubs = mergeDeltas(batch.deltas.map((d) => d.doc.pubs));
    const merges = await findMerges(pubs, storedFullNames(deps.db), String(batch.to));
    const items = batchItems(pubs, merges, batch.to);
    const posts = batch.deltas.reduce((n, d) => n + d.doc.posts, 0);
    const plan: StoredPlan = { v: PLAN_VERSION, from, to: batch.to, parts: planParts(items, deps.partLimits), deltas: batch.deltas.length, posts, merges };
    const bytes = documentBytes(paths.window(batch.to), { plan });
    if (bytes <= limits.planBytes || batch.deltas.length <= 1) return { plan, deltas: batch.deltas, items };
    deps.logger.warn("rollup: a plan too large for its document, halving the batch", { from, to: batch.to, bytes, deltas: batch.deltas.length });
    cap = { bytes: Math.floor(batch.bytes / 2), posts: cap.posts };
  }
}

/**
 * The plan stored in a window by the code before PLAN_VERSION 2 (other keys,
 * no year documents). Unapplied, it is simply planned again over the same
 * range; with parts applied, the rest cannot be read in today's keys: the
 * window is recorded as failed (rollup/status, the quarantine) for an operator.
 */
async function replanOld(deps: RollupDeps, windowEnd: number, old: StoredPlan): Promise<{ plan: StoredPlan } | { failed: ItemFailure }> {
  const applied = await deps.db.collection(`${paths.window(windowEnd)}/${COLLECTIONS.parts}`).limit(1).get();
  if (!applied.empty) {
    return { failed: { range: "all", path: paths.window(windowEnd), items: 0, reason: "planned by the code before year documents and half applied: its other parts cannot be applied by this version" } };
  }
  const batch = await readBatch(deps, old.from, old.to);
  const items = batchItems(mergeDeltas(batch.deltas.map((d) => d.doc.pubs)), old.merges ?? [], old.to);
  const plan: StoredPlan = { ...old, v: PLAN_VERSION, parts: planParts(items, deps.partLimits) };
  await txn(deps, async (tx) => {
    const ref = deps.db.doc(paths.window(windowEnd));
    const current = ((await tx.get(ref)).data() as WindowDoc | undefined)?.plan;
    if (current && current.v === undefined) tx.update(ref, { plan });
  });
  return { plan };
}

/** Applies a stored plan's parts, finishes its document, deletes its deltas. */
async function applyPlan(deps: RollupDeps, docEnd: number, plan: StoredPlan, known?: { deltas: DeltaRow[]; items: RollupItem[] }): Promise<WindowOutcome> {
  let deltas = known?.deltas;
  let items = known?.items;
  if (!deltas || !items) {
    deltas = (await readBatch(deps, plan.from, plan.to)).deltas;
    items = batchItems(mergeDeltas(deltas.map((d) => d.doc.pubs)), plan.merges ?? [], plan.to);
  }
  let writes = 0;
  const failures: ItemFailure[] = [];
  for (let n = 0; n < plan.parts.length; n++) {
    const r = await applyPart(deps, docEnd, n, itemsOfPart(items, plan.parts[n]!));
    writes += r.writes;
    failures.push(...r.failures);
  }
  await recordFinish(deps, docEnd, plan, failures);
  await deleteDeltas(deps, deltas.map((d) => d.id));
  const outcome: WindowOutcome = { status: "applied", windowEnd: docEnd, from: plan.from, to: plan.to, deltas: deltas.length, posts: plan.posts, parts: plan.parts.length, writes, failed: failures.length };
  deps.logger.info("rollup: batch applied", { ...outcome, at: (deps.now ?? Date.now)() });
  return outcome;
}

async function deleteDeltas(deps: RollupDeps, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const batch = deps.db.batch();
    for (const id of ids.slice(i, i + 400)) batch.delete(deps.db.doc(paths.delta(id)));
    await withRetry(() => batch.commit(), deps.retry);
  }
}

/**
 * Claims, plans and applies the window ending at `windowEnd` (see the top of
 * this file): one batch, or several when a backlog ends batches early.
 */
export async function rollupWindow(deps: RollupDeps, windowEnd: number): Promise<WindowOutcome> {
  const c = await claim(deps, windowEnd);
  if (c.state === "busy") return { status: "busy", windowEnd };
  if (c.state === "done") return { status: "done", windowEnd };
  deps.logger.info("rollup: window claimed", { windowEnd, owner: deps.owner, planned: c.plan !== undefined, at: (deps.now ?? Date.now)() });
  let plan = c.plan;
  if (plan && plan.v === undefined) {
    const r = await replanOld(deps, windowEnd, plan);
    if ("failed" in r) {
      await recordFinish(deps, windowEnd, plan, [r.failed]);
      return { status: "applied", windowEnd, from: plan.from, to: plan.to, deltas: plan.deltas, posts: plan.posts, parts: plan.parts.length, writes: 0, failed: 1 };
    }
    plan = r.plan;
  }
  if (plan) return applyPlan(deps, windowEnd, plan);
  let last: WindowOutcome | undefined;
  for (let attempt = 0; ; ) {
    const from = await through(deps);
    if (from >= windowEnd) {
      // Batches already reach past this window (later ones, or this one's, ended early): nothing of its own left.
      await recordFinish(deps, windowEnd, undefined, []);
      return last ?? { status: "done", windowEnd };
    }
    const next = await planBatch(deps, from, windowEnd);
    let stored: StoredPlan;
    try {
      stored = await storePlan(deps, windowEnd, next.plan);
    } catch (err) {
      if (!(err instanceof Moved) || ++attempt > 10) throw err;
      continue;
    }
    if (stored !== next.plan) return applyPlan(deps, windowEnd, stored); // someone else planned this window
    last = await applyPlan(deps, stored.to, stored, next);
    if (stored.to === windowEnd) return last;
  }
}

/** Finishes batches a rollup left half done, then rolls up everything due. One window's error does not hold up the others. */
export async function sweep(deps: RollupDeps): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const out: WindowOutcome[] = [];
  const errors: unknown[] = [];
  const attempt = async (w: number) => {
    try {
      out.push(await rollupWindow(deps, w));
    } catch (err) {
      errors.push(err);
      deps.logger.warn("rollup: window failed, the sweep goes on", { windowEnd: w, error: String(err).slice(0, 300) });
    }
  };
  const unfinished = await deps.db.collection(COLLECTIONS.windows).where("applied", "==", false).orderBy("windowEnd").limit(20).get();
  for (const d of unfinished.docs) await attempt(Number(d.get("windowEnd")));
  // The latest window end that is due covers every delta committed before it.
  const w = deps.windowSeconds * 1000;
  const due = Math.floor((now() - deps.graceMs) / w) * w;
  const planned = await through(deps);
  if (due > planned) {
    const pending = await deps.db
      .collection(COLLECTIONS.deltas)
      .where("createdAt", ">", Timestamp.fromMillis(planned))
      .where("createdAt", "<=", Timestamp.fromMillis(due))
      .limit(1)
      .get();
    if (!pending.empty) await attempt(due);
  }
  // Then housekeeping, which can wait: the days of past years into their year documents.
  await compactPastYears(deps).catch((err: unknown) => {
    errors.push(err);
    deps.logger.warn("rollup: compaction failed, the next sweep tries again", { error: String(err).slice(0, 300) });
  });
  if (errors.length > 0) throw errors[0]; // Pub/Sub redelivers the tick; the schedule sweeps again
  return out;
}

/** Handles a tick: waits until its window is due (bounded), rolls it up, then sweeps. */
export async function handleRollupTick(tick: RollupTick, deps: RollupDeps): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const out: WindowOutcome[] = [];
  if (tick.windowEnd !== undefined && Number.isSafeInteger(tick.windowEnd)) {
    // A tick comes as its window opens; a clock far ahead is not waited for.
    const wait = Math.min(tick.windowEnd + deps.graceMs - now(), 2 * deps.windowSeconds * 1000 + deps.graceMs);
    if (wait > 0) await sleepOf(deps)(wait);
    out.push(await rollupWindow(deps, tick.windowEnd));
  }
  out.push(...(await sweep(deps)));
  const skipped = out.filter((o) => o.status !== "applied");
  if (skipped.length > 0) {
    deps.logger.info("rollup: windows left to others", { busy: skipped.filter((o) => o.status === "busy").map((o) => o.windowEnd), done: skipped.filter((o) => o.status === "done").map((o) => o.windowEnd) });
  }
  return out;
}
