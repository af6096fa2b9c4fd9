// The rollup: merges the deltas of a batch and applies them to the shared
// documents, each exactly once, each shared document written once per batch
// (one batch per window of ROLLUP_WINDOW_SECONDS, or fewer when behind).
//
// A batch holds the deltas whose commit time (createdAt, set by Firestore on
// commit) falls in (from, to]. Batches tile time: rollup/state.through is where
// the last planned one ends, and the next starts there. For the window ending
// at w (epoch ms), once Firestore's clock is past w + grace (a commit in flight
// then lands after w, in the next batch):
//   1. claim   batches/{w}: a lease, so a second rollup does not do the same
//              work; renewed before each batch and part, so a rollup that works
//              long keeps it, and one that lost it stops;
//   2. read    the deltas committed in (through, w], at most BATCH_LIMITS (batch.ts):
//              a larger backlog ends this batch early, at `to` < w;
//   3. plan    decide the publication-level alias merges (alias-merges of
//              @newsroom/core, stored full names by alias-lookup.ts), then in
//              one transaction: rollup/state.through still where it was read,
//              then the plan {from, to, parts, merges} stored in batches/{to}
//              (batches/{w}, or a document of its own for a batch that ended
//              early), marked open, and through = to. A second rollup, a retry,
//              a newer deploy all use the stored plan. A plan whose document
//              would pass BATCH_LIMITS.planBytes halves the batch instead;
//   4. apply   each part in one transaction with its marker (apply.ts): a crash
//              mid-commit, a second rollup or a redelivered tick applies nothing
//              twice; a write Firestore refuses for good is isolated and
//              quarantined, and the rest of the batch is applied;
//   5. finish  the batch marked applied, rollup/status (status.ts), then the
//              deltas deleted; a batch that ended early goes on with the rest
//              of the window;
//   6. fold    every sweep folds the batches' pending counts over all
//              publications into global/ and entities/ once due (global-fold.ts).
// The code before plans v2 kept its batches in windows/ with other keys; it
// never reads batches/, and a batch of its that a deploy left is finished here
// (finishLegacy). processPosts reads none of these documents, so it is never
// held up or aborted by a rollup.
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { documentBytes, MAX_DOCUMENT_BYTES } from "@newsroom/core/doc-size";
import { COLLECTIONS, DAY_MS, paths, TTL, type BatchDoc, type RollupStateDoc, type WindowDoc } from "@newsroom/core/firestore-schema";
import { findMerges } from "@newsroom/core/alias-merges";
import { mergeDeltas } from "@newsroom/core/delta";
import { withRetry } from "@newsroom/core/retry";
import { batchItems, itemsOfPart, planParts, PLAN_VERSION, type RollupItem } from "@newsroom/core/rollup-plan";
import { storedFullNames } from "./alias-lookup.js";
import { applyPart, type ItemFailure } from "./apply.js";
import { BATCH_LIMITS, readBatch, type DeltaRow } from "./batch.js";
import { txn } from "@newsroom/store/transaction";
import { sleepOf, type RollupDeps } from "./context.js";
import { compactPastYears } from "./compact.js";
import { foldGlobal } from "./global-fold.js";
import { recordFinish } from "./status.js";

export type { RollupDeps } from "./context.js";

export type WindowOutcome =
  | { status: "applied"; windowEnd: number; from: number; to: number; deltas: number; posts: number; parts: number; writes: number; failed: number }
  | { status: "done"; windowEnd: number }
  | { status: "busy"; windowEnd: number };

/** A tick: roll up `windowEnd` once it is due (waiting for it), then sweep; without one, sweep only. */
export type RollupTick = { windowEnd?: number };

type StoredPlan = NonNullable<BatchDoc["plan"]>;
/** A batch document's id: its window's end, where it ended early, or "legacy-{w}". */
type BatchId = number | string;

/** Another rollup planned a batch between our read of rollup/state and our plan: read again. */
class Moved extends Error {}

type Claim = { state: "done" } | { state: "busy" } | { state: "mine"; plan: BatchDoc["plan"]; windowEnd: number };

const leaseOf = (deps: RollupDeps) => ({ leaseUntil: (deps.now ?? Date.now)() + deps.leaseMs, leaseOwner: deps.owner });
const heldByOther = (deps: RollupDeps, doc: { leaseUntil?: number; leaseOwner?: string } | undefined) =>
  doc?.leaseUntil !== undefined && doc.leaseUntil > (deps.now ?? Date.now)() && doc.leaseOwner !== deps.owner;

/** Takes batches/{id} (creating a window's on its first claim), unless applied or leased to another. */
async function claim(deps: RollupDeps, id: BatchId): Promise<Claim> {
  const ref = deps.db.doc(paths.batch(id));
  return txn(deps, async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as BatchDoc | undefined;
    if (doc?.applied) return { state: "done" } as const;
    if (heldByOther(deps, doc)) return { state: "busy" } as const;
    if (!doc && typeof id !== "number") return { state: "done" } as const;
    if (snap.exists) tx.update(ref, leaseOf(deps));
    else tx.create(ref, newBatch(deps, id as number));
    return { state: "mine", plan: doc?.plan, windowEnd: doc?.windowEnd ?? (id as number) } as const;
  });
}

/** Renews our lease on batches/{id}; false when the batch is applied or another rollup holds it: stop then. */
async function renew(deps: RollupDeps, id: BatchId): Promise<boolean> {
  const ref = deps.db.doc(paths.batch(id));
  return txn(deps, async (tx) => {
    const doc = (await tx.get(ref)).data() as BatchDoc | undefined;
    if (!doc || doc.applied || heldByOther(deps, doc)) return false;
    tx.update(ref, leaseOf(deps));
    return true;
  });
}

function newBatch(deps: RollupDeps, windowEnd: number, plan?: StoredPlan) {
  const now = deps.now ?? Date.now;
  return {
    windowEnd,
    claimedAt: FieldValue.serverTimestamp(),
    applied: false,
    expireAt: Timestamp.fromMillis(now() + TTL.batchesDays * DAY_MS),
    ...leaseOf(deps),
    ...(plan ? { plan, open: true } : {}),
  };
}

const throughOf = (state: RollupStateDoc | undefined) => Number(state?.through ?? 0);

async function through(deps: RollupDeps): Promise<number> {
  return throughOf((await deps.db.doc(paths.rollupState()).get()).data() as RollupStateDoc | undefined);
}

/** A stored plan's deltas, read again, and the writes they make under its merges, as its version `v` made them. */
async function planItems(deps: RollupDeps, plan: StoredPlan, v = plan.v ?? 1): Promise<{ deltas: DeltaRow[]; items: RollupItem[] }> {
  const { deltas } = await readBatch(deps, plan.from, plan.to);
  return { deltas, items: batchItems(mergeDeltas(deltas.map((d) => d.doc.pubs)), plan.merges ?? [], plan.to, v) };
}

/**
 * Stores the plan of (from, to] in batches/{to} and moves rollup/state, unless
 * someone else moved it since `from` was read. batches/{to} is the claimed
 * window's own document, or (a batch that ended early) one created here with
 * our lease. Returns the plan in force for the window when another rollup
 * planned it meanwhile.
 */
async function storePlan(deps: RollupDeps, windowEnd: number, plan: StoredPlan): Promise<StoredPlan> {
  const claimed = deps.db.doc(paths.batch(windowEnd));
  const state = deps.db.doc(paths.rollupState());
  return txn(deps, async (tx) => {
    const [w, s] = await tx.getAll(claimed, state);
    const stored = (w!.data() as BatchDoc | undefined)?.plan;
    if (stored) return stored;
    if (throughOf(s!.data() as RollupStateDoc | undefined) !== plan.from) throw new Moved();
    if (plan.to === windowEnd) tx.update(claimed, { plan, open: true });
    else tx.create(deps.db.doc(paths.batch(plan.to)), newBatch(deps, plan.to, plan));
    tx.set(state, { through: plan.to } satisfies RollupStateDoc);
    return plan;
  });
}

/** What a stored plan's document may take at most, with room for its other fields (Firestore allows 1 MiB). */
const MAX_PLAN_BYTES = MAX_DOCUMENT_BYTES - 64 * 1024;

/** Reads and plans the next batch of (from, windowEnd]: capped, and halved until its plan fits its document. */
async function planBatch(deps: RollupDeps, from: number, windowEnd: number): Promise<{ plan: StoredPlan; deltas: DeltaRow[]; items: RollupItem[] }> {
  const limits = deps.batchLimits ?? BATCH_LIMITS;
  let cap = { bytes: limits.bytes, posts: limits.posts };
  let smallestSoFar = Number.POSITIVE_INFINITY;
  for (;;) {
    const batch = await readBatch(deps, from, windowEnd, cap);
    const pubs = mergeDeltas(batch.deltas.map((d) => d.doc.pubs));
    const merges = await findMerges(pubs, storedFullNames(deps.db), String(batch.to));
    const items = batchItems(pubs, merges, batch.to);
    const posts = batch.deltas.reduce((n, d) => n + d.doc.posts, 0);
    const plan: StoredPlan = { v: PLAN_VERSION, from, to: batch.to, parts: planParts(items, deps.partLimits), deltas: batch.deltas.length, posts, merges };
    const bytes = documentBytes(paths.batch(batch.to), { plan });
    // The smallest batch there is (deltas of one millisecond cannot be cut apart) is stored if Firestore takes it.
    const smallest = batch.deltas.length <= 1 || batch.deltas.length >= smallestSoFar;
    if (bytes <= limits.planBytes || (smallest && bytes <= MAX_PLAN_BYTES)) return { plan, deltas: batch.deltas, items };
    if (smallest) throw new Error(`the plan of the deltas of (${from}, ${batch.to}] takes ${bytes} bytes and cannot be cut smaller`);
    deps.logger.warn("rollup: a plan too large for its document, halving the batch", { from, to: batch.to, bytes, deltas: batch.deltas.length });
    smallestSoFar = batch.deltas.length;
    cap = { bytes: Math.floor(batch.bytes / 2), posts: cap.posts };
  }
}

/**
 * Finishes windows/{w}, a batch of the code before plans v2 that a deploy left
 * unapplied (other keys, no year documents). Planned and untouched, it is
 * planned again over the same range as batches/legacy-{w}, and windows/{w}
 * marked applied in the same transaction, so the code before never takes it
 * up again; with parts applied, the rest cannot be read in today's keys: it is
 * recorded as failed (rollup/status, the quarantine) for an operator.
 */
export async function finishLegacy(deps: RollupDeps, windowEnd: number): Promise<WindowOutcome> {
  const ref = deps.db.doc(paths.window(windowEnd));
  const taken = await txn(deps, async (tx) => {
    const doc = (await tx.get(ref)).data() as WindowDoc | undefined;
    if (!doc || doc.applied) return "done" as const;
    if (heldByOther(deps, doc)) return "busy" as const;
    tx.update(ref, leaseOf(deps));
    return doc.plan ?? null;
  });
  if (taken === "done" || taken === "busy") return { status: taken, windowEnd };
  const id = `legacy-${windowEnd}`;
  const parts = ref.collection(COLLECTIONS.parts).limit(1);
  let plan: StoredPlan | undefined;
  let half = false;
  // Planned again only when untouched (checked again below, in the transaction that closes it).
  if (taken && (await parts.get()).empty) plan = { ...taken, v: PLAN_VERSION, parts: planParts((await planItems(deps, taken, PLAN_VERSION)).items, deps.partLimits) };
  await txn(deps, async (tx) => {
    half = taken !== null && (plan === undefined || !(await tx.get(parts)).empty);
    tx.update(ref, { applied: true, appliedAt: FieldValue.serverTimestamp(), leaseUntil: FieldValue.delete(), leaseOwner: FieldValue.delete() });
    if (taken) tx.set(deps.db.doc(paths.batch(id)), newBatch(deps, windowEnd, half ? taken : plan!));
  });
  if (!taken) return { status: "done", windowEnd }; // claimed and never planned: nothing of its own
  if (half) {
    const reason = "planned by the code before plans v2 and half applied: its other parts cannot be applied by this version";
    await recordFinish(deps, id, taken, [{ range: "all", path: paths.window(windowEnd), items: 0, reason }]);
    deps.logger.warn("rollup: a half-applied batch of the code before, recorded as failed", { windowEnd });
    return { status: "applied", windowEnd, from: taken.from, to: taken.to, deltas: taken.deltas, posts: taken.posts, parts: taken.parts.length, writes: 0, failed: 1 };
  }
  return applyPlan(deps, id, plan!);
}

/** Applies a stored plan's parts, finishes its document, deletes its deltas. Stops, busy, when it loses its lease. */
async function applyPlan(deps: RollupDeps, id: BatchId, plan: StoredPlan, known?: { deltas: DeltaRow[]; items: RollupItem[] }): Promise<WindowOutcome> {
  // A plan of newer code (during a rolling deploy, or after a rollback) has items this code cannot rebuild
  // (v3 added the pieces over all publications): left to the code that planned it, never applied in part.
  if ((plan.v ?? 1) > PLAN_VERSION) {
    deps.logger.warn("rollup: a batch planned by newer code, left to it", { batch: id, v: plan.v, known: PLAN_VERSION });
    return { status: "busy", windowEnd: plan.to };
  }
  const { deltas, items } = known ?? (await planItems(deps, plan));
  let writes = 0;
  const failures: ItemFailure[] = [];
  for (let n = 0; n < plan.parts.length; n++) {
    if (!(await renew(deps, id))) return { status: "busy", windowEnd: plan.to };
    const r = await applyPart(deps, id, n, itemsOfPart(items, plan.parts[n]!));
    writes += r.writes;
    failures.push(...r.failures);
  }
  if (!(await recordFinish(deps, id, plan, failures))) return { status: "done", windowEnd: plan.to };
  await deleteDeltas(deps, deltas.map((d) => d.id));
  const outcome: WindowOutcome = { status: "applied", windowEnd: plan.to, from: plan.from, to: plan.to, deltas: deltas.length, posts: plan.posts, parts: plan.parts.length, writes, failed: failures.length };
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
  if (c.plan) return applyPlan(deps, windowEnd, c.plan);
  let last: WindowOutcome | undefined;
  for (let attempt = 0; ; ) {
    if (last && !(await renew(deps, windowEnd))) return last;
    const from = await through(deps);
    if (from >= windowEnd) {
      // Batches already reach past this window (later ones, or this one's, ended early): nothing of its own left.
      // Unless another rollup planned it meanwhile: then the batch is that one's to finish.
      const finished = await recordFinish(deps, windowEnd, undefined, []);
      return last ?? { status: finished ? "done" : "busy", windowEnd };
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
    if (stored.to === windowEnd || last.status !== "applied") return last;
  }
}

/** Finishes batches/{id}, planned and left open (a rollup died in it). */
async function finishOpen(deps: RollupDeps, id: BatchId): Promise<WindowOutcome> {
  const c = await claim(deps, id);
  if (c.state !== "mine") return { status: c.state, windowEnd: typeof id === "number" ? id : 0 };
  return c.plan ? applyPlan(deps, id, c.plan) : rollupWindow(deps, c.windowEnd);
}

export interface SweepOptions {
  /** Also move the days of past years into their year documents (the scheduled sweep only: compact.ts). */
  compact?: boolean;
}

/** Finishes batches a rollup left half done, then rolls up everything due. One window's error does not hold up the others. */
export async function sweep(deps: RollupDeps, options: SweepOptions = {}): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const out: WindowOutcome[] = [];
  const errors: unknown[] = [];
  const attempt = async (what: string, fn: () => Promise<WindowOutcome>) => {
    try {
      out.push(await fn());
    } catch (err) {
      errors.push(err);
      deps.logger.warn("rollup: a batch failed, the sweep goes on", { batch: what, error: String(err).slice(0, 300) });
    }
  };
  const open = await deps.db.collection(COLLECTIONS.batches).where("open", "==", true).orderBy("windowEnd").limit(20).get();
  for (const d of open.docs) await attempt(d.id, () => finishOpen(deps, /^\d+$/.test(d.id) ? Number(d.id) : d.id));
  const legacy = await deps.db.collection(COLLECTIONS.windows).where("applied", "==", false).orderBy("windowEnd").limit(20).get();
  for (const d of legacy.docs) await attempt(`windows/${d.id}`, () => finishLegacy(deps, Number(d.get("windowEnd"))));
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
    if (!pending.empty) await attempt(String(due), () => rollupWindow(deps, due));
  }
  // The counts over all publications, once their oldest pending piece is due (global-fold.ts).
  try {
    await foldGlobal(deps);
  } catch (err) {
    errors.push(err);
    deps.logger.warn("rollup: folding the counts over all publications failed, the next sweep tries again", { error: String(err).slice(0, 300) });
  }
  // Then housekeeping, which can wait: the days of past years into their year documents.
  if (options.compact) await compactPastYears(deps);
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
  // A tick without a window is a sweep's stand-in (the emulator harness sends them for the schedule).
  out.push(...(await sweep(deps, { compact: tick.windowEnd === undefined })));
  const skipped = out.filter((o) => o.status !== "applied");
  if (skipped.length > 0) {
    deps.logger.info("rollup: windows left to others", { busy: skipped.filter((o) => o.status === "busy").map((o) => o.windowEnd), done: skipped.filter((o) => o.status === "done").map((o) => o.windowEnd) });
  }
  return out;
}
