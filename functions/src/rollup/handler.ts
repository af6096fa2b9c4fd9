// The rollup: merges the deltas of a window and applies them to the shared
// documents, each exactly once, each shared document written once per window.
//
// For window w (its end, epoch ms):
//   1. seal    create windows/{w} (or renew its lease): processPosts commits
//              read that document, so from here on no delta can join w;
//   2. read    every delta of w (immutable once sealed);
//   3. plan    store the parts in windows/{w} unless a plan is stored already
//              (then use that one: a retry, a second rollup, a newer deploy
//              all apply the same parts);
//   4. apply   each part in one transaction with its marker windows/{w}/parts/{n}:
//              present = applied, so a crash mid-commit, a second rollup, or a
//              redelivered tick applies nothing twice;
//   5. finish  windows/{w}.appliedAt, rollup/status, then delete the deltas.
// A lease in windows/{w} keeps a second rollup from doing the same work at
// the same time (it is only an optimisation: the markers are what is exact).
import { FieldPath, FieldValue, Timestamp, type DocumentData, type Firestore, type Transaction } from "firebase-admin/firestore";
import { COLLECTIONS, DAY_MS, paths, TTL, type DeltaDoc, type WindowDoc } from "../shared/layout.js";
import { mergeDeltas, type DeltaPubs } from "../process/delta.js";
import type { ProcessLogger } from "../process/handler.js";
import { withRetry, type RetryOptions } from "../process/retry.js";
import { itemsOfPart, planParts, rollupItems, type Plan, type RollupItem } from "./plan.js";

export interface RollupDeps {
  db: Firestore;
  logger: ProcessLogger;
  windowSeconds: number;
  /** Wait this long after a window's end before sealing it (late commits then land in it). */
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
  | { status: "applied"; windowEnd: number; deltas: number; posts: number; parts: number; partsApplied: number; writes: number }
  | { status: "done"; windowEnd: number }
  | { status: "busy"; windowEnd: number };

/** A tick: roll up `windowEnd` once it is due (waiting for it), then sweep; without one, sweep only. */
export type RollupTick = { windowEnd?: number };

const txn = <T>(deps: RollupDeps, fn: (tx: Transaction) => Promise<T>) =>
  withRetry(() => deps.db.runTransaction(fn, { maxAttempts: 1 }), deps.retry);

type Claim = { state: "done" } | { state: "busy" } | { state: "mine"; plan: WindowDoc["plan"] };

async function claim(deps: RollupDeps, windowEnd: number): Promise<Claim> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.window(windowEnd));
  return txn(deps, async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as WindowDoc | undefined;
    if (doc?.appliedAt) return { state: "done" } as const;
    if (doc?.leaseUntil !== undefined && doc.leaseUntil > now() && doc.leaseOwner !== deps.owner) return { state: "busy" } as const;
    const lease = { leaseUntil: now() + deps.leaseMs, leaseOwner: deps.owner };
    if (snap.exists) tx.update(ref, lease);
    else tx.create(ref, { windowEnd, sealedAt: FieldValue.serverTimestamp(), expireAt: Timestamp.fromMillis(now() + TTL.windowsDays * DAY_MS), ...lease });
    return { state: "mine", plan: doc?.plan } as const;
  });
}

/** Every delta of a window, paged by document id. */
export async function readDeltas(db: Firestore, windowEnd: number): Promise<Array<{ id: string; doc: DeltaDoc }>> {
  const out: Array<{ id: string; doc: DeltaDoc }> = [];
  let after: string | undefined;
  for (;;) {
    let q = db.collection(COLLECTIONS.deltas).where("windowEnd", "==", windowEnd).orderBy(FieldPath.documentId()).limit(500);
    if (after !== undefined) q = q.startAfter(after);
    const page = await q.get();
    for (const d of page.docs) out.push({ id: d.id, doc: d.data() as DeltaDoc });
    if (page.size < 500) return out;
    after = page.docs.at(-1)!.id;
  }
}

function writeOf(item: RollupItem, updatedAt: FieldValue): DocumentData {
  const inc = FieldValue.increment;
  if (item.kind === "publication") {
    const days = Object.fromEntries(Object.entries(item.days).map(([d, n]) => [d, inc(n)]));
    return item.chunk === 0 ? { name: item.name, articleCount: inc(item.articles), days, updatedAt } : { days };
  }
  const days = Object.fromEntries(Object.entries(item.days).map(([d, v]) => [d, { m: inc(v.m), a: inc(v.a) }]));
  return item.chunk === 0
    ? { word: item.word, type: item.type, count: inc(item.count), articles: inc(item.articles), days, updatedAt }
    : { days };
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

async function storePlan(deps: RollupDeps, windowEnd: number, plan: Plan, deltas: number, posts: number): Promise<Plan> {
  const ref = deps.db.doc(paths.window(windowEnd));
  return txn(deps, async (tx) => {
    const current = (await tx.get(ref)).data() as WindowDoc | undefined;
    if (current?.plan) return current.plan.parts;
    tx.update(ref, { plan: { parts: plan, deltas, posts } });
    return plan;
  });
}

async function finish(deps: RollupDeps, windowEnd: number): Promise<void> {
  const now = deps.now ?? Date.now;
  const ref = deps.db.doc(paths.window(windowEnd));
  const status = deps.db.doc(paths.rollupStatus());
  await txn(deps, async (tx) => {
    const current = await tx.get(status);
    tx.update(ref, { appliedAt: FieldValue.serverTimestamp(), leaseUntil: FieldValue.delete(), leaseOwner: FieldValue.delete() });
    const through = Number(current.get("completeThrough") ?? 0);
    if (windowEnd > through) tx.set(status, { completeThrough: windowEnd, appliedAt: FieldValue.serverTimestamp(), windowSeconds: deps.windowSeconds, at: now() });
  });
}

async function deleteDeltas(deps: RollupDeps, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 400) {
    const batch = deps.db.batch();
    for (const id of ids.slice(i, i + 400)) batch.delete(deps.db.doc(paths.delta(id)));
    await withRetry(() => batch.commit(), deps.retry);
  }
}

/** Seals, plans and applies one window (see the top of this file). */
export async function rollupWindow(deps: RollupDeps, windowEnd: number): Promise<WindowOutcome> {
  const c = await claim(deps, windowEnd);
  if (c.state === "busy") return { status: "busy", windowEnd };
  if (c.state === "mine") deps.logger.info("rollup: window claimed", { windowEnd, owner: deps.owner, planned: c.plan !== undefined });
  const deltas = await readDeltas(deps.db, windowEnd);
  if (c.state === "done") {
    await deleteDeltas(deps, deltas.map((d) => d.id)); // left by a rollup that ended after finishing
    return { status: "done", windowEnd };
  }
  const merged: DeltaPubs = mergeDeltas(deltas.map((d) => d.doc.pubs));
  const posts = deltas.reduce((n, d) => n + d.doc.posts, 0);
  const items = rollupItems(merged);
  const parts = c.plan?.parts ?? (await storePlan(deps, windowEnd, planParts(items, deps.partLimits), deltas.length, posts));
  let partsApplied = 0;
  let writes = 0;
  for (let n = 0; n < parts.length; n++) {
    const w = await applyPart(deps, windowEnd, n, itemsOfPart(items, parts[n]!));
    if (w > 0) partsApplied++;
    writes += w;
  }
  await finish(deps, windowEnd);
  await deleteDeltas(deps, deltas.map((d) => d.id));
  const outcome: WindowOutcome = { status: "applied", windowEnd, deltas: deltas.length, posts, parts: parts.length, partsApplied, writes };
  deps.logger.info("rollup: window applied", { ...outcome });
  return outcome;
}

/** Rolls up every window that has deltas and is due, oldest first (at most `maxWindows`). */
export async function sweep(deps: RollupDeps, maxWindows = 50): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const out: WindowOutcome[] = [];
  let after = 0;
  while (out.length < maxWindows) {
    const next = await deps.db.collection(COLLECTIONS.deltas).where("windowEnd", ">", after).orderBy("windowEnd").limit(1).get();
    const windowEnd = next.empty ? undefined : Number(next.docs[0]!.get("windowEnd"));
    if (windowEnd === undefined || windowEnd + deps.graceMs > now()) break;
    out.push(await rollupWindow(deps, windowEnd));
    after = windowEnd;
  }
  return out;
}

/** Handles a tick: waits until its window is due (bounded), rolls it up, then sweeps older windows. */
export async function handleRollupTick(tick: RollupTick, deps: RollupDeps): Promise<WindowOutcome[]> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const out: WindowOutcome[] = [];
  if (tick.windowEnd !== undefined && Number.isSafeInteger(tick.windowEnd)) {
    // A tick comes as its window opens; a clock far ahead is not waited for.
    const wait = Math.min(tick.windowEnd + deps.graceMs - now(), 2 * deps.windowSeconds * 1000 + deps.graceMs);
    if (wait > 0) await sleep(wait);
    out.push(await rollupWindow(deps, tick.windowEnd));
  }
  out.push(...(await sweep(deps)));
  const skipped = out.filter((o) => o.status !== "applied");
  if (skipped.length > 0) deps.logger.info("rollup: windows left to others", { busy: skipped.filter((o) => o.status === "busy").map((o) => o.windowEnd), done: skipped.filter((o) => o.status === "done").map((o) => o.windowEnd) });
  return out;
}
