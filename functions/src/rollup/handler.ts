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
//   2. read    every delta committed in (through, w];
//   3. plan    decide the publication-level alias merges (aliases.ts), then in
//              one transaction: rollup/state.through still where it was read,
//              then windows/{w}.plan = {from, to, parts, merges} and through = w
//              (a second rollup, a retry, a newer deploy all use the stored plan);
//   4. apply   each part in one transaction with its marker windows/{w}/parts/{n}:
//              present = applied, so a crash mid-commit, a second rollup, or a
//              redelivered tick applies nothing twice;
//   5. finish  windows/{w}.applied, rollup/status, then delete the deltas.
// processPosts reads none of these documents, so it is never held up or
// aborted by a rollup.
import { FieldPath, FieldValue, Timestamp, type DocumentData, type Firestore, type Transaction } from "firebase-admin/firestore";
import { entityKey } from "@newsroom/core/keys";
import { COLLECTIONS, DAY_MS, paths, TTL, type DeltaDoc, type RollupStateDoc, type WindowDoc } from "@newsroom/core/layout";
import { mergeDeltas } from "../process/delta.js";
import type { ProcessLogger } from "../process/handler.js";
import { withRetry, type RetryOptions } from "../process/retry.js";
import { findMerges, storedFullNames } from "./aliases.js";
import { batchItems, itemsOfPart, planParts, type Plan, type RollupItem } from "./plan.js";

export interface RollupDeps {
  db: Firestore;
  logger: ProcessLogger;
  windowSeconds: number;
  /** Wait this long after a window's end before reading it (commits in flight then land after it). */
  graceMs: number;
  /** How long a claimed window is left to its rollup before another may take over. */
  leaseMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryOptions>;
  /** Names this rollup in leases (instance + invocation). */
  owner: string;
  /** Size of one commit (default PART_LIMITS). */
  partLimits?: { bytes: number; writes: number };
}

export type WindowOutcome =
  | { status: "applied"; windowEnd: number; from: number; deltas: number; posts: number; parts: number; partsApplied: number; writes: number }
  | { status: "done"; windowEnd: number }
  | { status: "busy"; windowEnd: number };

/** A tick: roll up `windowEnd` once it is due (waiting for it), then sweep; without one, sweep only. */
export type RollupTick = { windowEnd?: number };

const txn = <T>(deps: RollupDeps, fn: (tx: Transaction) => Promise<T>) => withRetry(() => deps.db.runTransaction(fn, { maxAttempts: 1 }), deps.retry);
const sleepOf = (deps: RollupDeps) => deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

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
    else tx.create(ref, { windowEnd, claimedAt: FieldValue.serverTimestamp(), applied: false, expireAt: Timestamp.fromMillis(now() + TTL.windowsDays * DAY_MS), ...lease });
    return { state: "mine", plan: doc?.plan } as const;
  });
}

async function through(db: Firestore): Promise<number> {
  const snap = await db.doc(paths.rollupState()).get();
  return Number((snap.data() as RollupStateDoc | undefined)?.through ?? 0);
}

/**
 * Every delta committed in (from, to], paged. Waits until Firestore's own
 * clock (the query's read time) is past `to` plus a margin, so no commit at or
 * before `to` can still be in flight unseen.
 */
export async function readDeltas(deps: RollupDeps, from: number, to: number): Promise<Array<{ id: string; doc: DeltaDoc }>> {
  const { db } = deps;
  const base = db
    .collection(COLLECTIONS.deltas)
    .where("createdAt", ">", Timestamp.fromMillis(from))
    .where("createdAt", "<=", Timestamp.fromMillis(to))
    .orderBy("createdAt")
    .orderBy(FieldPath.documentId());
  for (let wait = 0; ; wait++) {
    const out: Array<{ id: string; doc: DeltaDoc }> = [];
    let page = await base.limit(500).get();
    const readAt = page.readTime.toMillis();
    if (readAt < to + deps.graceMs && wait < 20) {
      await sleepOf(deps)(to + deps.graceMs - readAt + 50); // this instance's clock runs ahead of Firestore's
      continue;
    }
    for (;;) {
      for (const d of page.docs) out.push({ id: d.id, doc: d.data() as DeltaDoc });
      if (page.size < 500) return out;
      const last = page.docs.at(-1)!;
      page = await base.startAfter(last.get("createdAt"), last.id).limit(500).get();
    }
  }
}

function writeOf(item: RollupItem, updatedAt: FieldValue): DocumentData {
  const inc = FieldValue.increment;
  if (item.kind === "publication") {
    const days = Object.fromEntries(Object.entries(item.days).map(([d, n]) => [d, inc(n)]));
    return item.chunk === 0 ? { name: item.name, articleCount: inc(item.articles), days, updatedAt } : { days };
  }
  const days = Object.fromEntries(Object.entries(item.days).map(([d, v]) => [d, { m: inc(v.m), a: inc(v.a) }]));
  if (item.chunk !== 0) return { days };
  return {
    word: item.word,
    key: entityKey(item.word),
    type: item.type,
    count: inc(item.count),
    articles: inc(item.articles),
    days,
    updatedAt,
    ...(item.aliases.length > 0 ? { aliases: item.aliases } : {}),
    ...(item.absorbed.length > 0 ? { absorbed: FieldValue.arrayUnion(...item.absorbed) } : {}),
  };
}

async function applyPart(deps: RollupDeps, windowEnd: number, n: number, items: readonly RollupItem[]): Promise<number> {
  const marker = deps.db.doc(paths.part(windowEnd, n));
  return txn(deps, async (tx) => {
    if ((await tx.get(marker)).exists) return 0;
    const updatedAt = FieldValue.serverTimestamp();
    for (const item of items) tx.set(deps.db.doc(item.path), writeOf(item, updatedAt), { merge: true });
    tx.create(marker, { items: items.length, appliedAt: updatedAt });
    return items.length;
  });
}

/** Stores the plan and moves rollup/state, unless someone else moved it since `from` was read. */
async function storePlan(deps: RollupDeps, windowEnd: number, plan: NonNullable<WindowDoc["plan"]>): Promise<NonNullable<WindowDoc["plan"]>> {
  const ref = deps.db.doc(paths.window(windowEnd));
  const state = deps.db.doc(paths.rollupState());
  return txn(deps, async (tx) => {
    const [w, s] = await tx.getAll(ref, state);
    const stored = (w!.data() as WindowDoc | undefined)?.plan;
    if (stored) return stored;
    if (Number((s!.data() as RollupStateDoc | undefined)?.through ?? 0) !== plan.from) throw new Moved();
    tx.update(ref, { plan });
    tx.set(state, { through: plan.to } satisfies RollupStateDoc);
    return plan;
  });
}

async function finish(deps: RollupDeps, windowEnd: number): Promise<void> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.window(windowEnd));
  const status = deps.db.doc(paths.rollupStatus());
  await txn(deps, async (tx) => {
    const current = await tx.get(status);
    tx.update(ref, { applied: true, appliedAt: FieldValue.serverTimestamp(), leaseUntil: FieldValue.delete(), leaseOwner: FieldValue.delete() });
    if (windowEnd > Number(current.get("completeThrough") ?? 0)) {
      tx.set(status, { completeThrough: windowEnd, appliedAt: FieldValue.serverTimestamp(), windowSeconds: deps.windowSeconds, at: now() });
    }
  });
}

async function deleteDeltas(deps: RollupDeps, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const batch = deps.db.batch();
    for (const id of ids.slice(i, i + 400)) batch.delete(deps.db.doc(paths.delta(id)));
    await withRetry(() => batch.commit(), deps.retry);
  }
}

/** Claims, plans and applies the batch ending at `windowEnd` (see the top of this file). */
export async function rollupWindow(deps: RollupDeps, windowEnd: number): Promise<WindowOutcome> {
  const c = await claim(deps, windowEnd);
  if (c.state === "busy") return { status: "busy", windowEnd };
  if (c.state === "done") return { status: "done", windowEnd };
  deps.logger.info("rollup: window claimed", { windowEnd, owner: deps.owner, planned: c.plan !== undefined, at: (deps.now ?? Date.now)() });
  let plan = c.plan;
  let deltas: Array<{ id: string; doc: DeltaDoc }> = [];
  let items: RollupItem[] = [];
  for (let attempt = 0; !plan; attempt++) {
    const from = await through(deps.db);
    if (from >= windowEnd) {
      // An earlier rollup's batch already reaches past this window: nothing of its own.
      await finish(deps, windowEnd);
      return { status: "done", windowEnd };
    }
    deltas = await readDeltas(deps, from, windowEnd);
    const pubs = mergeDeltas(deltas.map((d) => d.doc.pubs));
    const merges = await findMerges(pubs, storedFullNames(deps.db));
    items = batchItems(pubs, merges);
    const posts = deltas.reduce((n, d) => n + d.doc.posts, 0);
    const fresh = { from, to: windowEnd, parts: planParts(items, deps.partLimits) as Plan, deltas: deltas.length, posts, merges };
    try {
      plan = await storePlan(deps, windowEnd, fresh);
    } catch (err) {
      if (!(err instanceof Moved) || attempt >= 10) throw err;
    }
    if (plan && plan !== fresh) deltas = []; // someone else's plan: read its deltas below
  }
  if (deltas.length === 0 && plan.deltas > 0) {
    deltas = await readDeltas(deps, plan.from, plan.to);
    items = batchItems(mergeDeltas(deltas.map((d) => d.doc.pubs)), plan.merges ?? []);
  }
  let partsApplied = 0;
  let writes = 0;
  for (let n = 0; n < plan.parts.length; n++) {
    const w = await applyPart(deps, windowEnd, n, itemsOfPart(items, plan.parts[n]!));
    if (w > 0) partsApplied++;
    writes += w;
  }
  await finish(deps, windowEnd);
  await deleteDeltas(deps, deltas.map((d) => d.id));
  const outcome: WindowOutcome = { status: "applied", windowEnd, from: plan.from, deltas: deltas.length, posts: plan.posts, parts: plan.parts.length, partsApplied, writes };
  deps.logger.info("rollup: window applied", { ...outcome, at: (deps.now ?? Date.now)() });
  return outcome;
}

/** Finishes batches a rollup left half done, then rolls up everything due. */
export async function sweep(deps: RollupDeps): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const out: WindowOutcome[] = [];
  const unfinished = await deps.db.collection(COLLECTIONS.windows).where("applied", "==", false).orderBy("windowEnd").limit(20).get();
  for (const d of unfinished.docs) out.push(await rollupWindow(deps, Number(d.get("windowEnd"))));
  // The latest window end that is due covers every delta committed before it.
  const w = deps.windowSeconds * 1000;
  const due = Math.floor((now() - deps.graceMs) / w) * w;
  const planned = await through(deps.db);
  if (due > planned) {
    const pending = await deps.db
      .collection(COLLECTIONS.deltas)
      .where("createdAt", ">", Timestamp.fromMillis(planned))
      .where("createdAt", "<=", Timestamp.fromMillis(due))
      .limit(1)
      .get();
    if (!pending.empty) out.push(await rollupWindow(deps, due));
  }
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
