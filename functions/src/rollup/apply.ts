// Applying one part of a stored plan, exactly once, and isolating a write
// Firestore refuses for good.
//
// A part is one transaction that writes its items and creates its marker
// windows/{w}/parts/{n}: present means applied, so a crash mid-commit, a second
// rollup or a redelivered tick applies nothing twice. The layout keeps every
// document within Firestore's limits, so a refusal (INVALID_ARGUMENT and the
// like) should never come; if one does, it must not stop counting for everyone:
// the part is halved, and each half applied the same way under a marker of its
// own ("n.lo-hi", items lo..hi-1 of the part), until the item to blame stands
// alone. Its marker says "failed", it goes to quarantine with its reason, and
// every other item is applied. Markers also record "split", so a rollup that
// takes over after a crash goes straight to the halves: the halving is by
// position, the same in every run. Every one of these transactions also reads
// the batch's document and writes nothing once it is applied: a rollup that
// read the batch's deltas while another finished it and deleted them (so its
// items may be short) can never write them.
import { FieldValue, Timestamp, type DocumentData, type DocumentReference, type Transaction } from "firebase-admin/firestore";
import { entityKey } from "@newsroom/core/keys";
import { DAY_MS, paths, rollupQuarantineId, STORED_LIMITS, TTL, type GlobalPendingDoc, type RollupQuarantineDoc } from "@newsroom/core/firestore-schema";
import { isPermanentFirestoreError } from "@newsroom/core/retry";
import type { RollupItem } from "@newsroom/core/rollup-plan";
import { txn } from "@newsroom/store/transaction";
import type { RollupDeps } from "./context.js";

/** One item of a window Firestore refused for good. */
export interface ItemFailure {
  range: string;
  path: string;
  /** Documents whose counts were not applied (0: not known). */
  items: number;
  reason: string;
}

export interface PartOutcome {
  /** Items this call wrote (0 when another run had applied the part). */
  writes: number;
  failures: ItemFailure[];
}

type Marker = { state: "applied" } | { state: "split" } | { state: "failed"; reason: string; path: string };

/** The write of one item: increments, but for a pending piece of the counts over all publications (plain, written once). */
export function writeOf(item: RollupItem, updatedAt: FieldValue): DocumentData {
  const inc = FieldValue.increment;
  const pair = (v: { m: number; a: number }) => ({ m: inc(v.m), a: inc(v.a) });
  const increments = <V>(entries: Record<string, V>, f: (v: V) => unknown) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, f(v)]));
  switch (item.kind) {
    case "publicationYear":
      return { year: Number(item.year), days: increments(item.days, inc) };
    case "entityYear":
      return { year: Number(item.year), days: increments(item.days, pair) };
    case "globalPending":
      return { batch: item.batch, piece: item.piece, counts: item.counts, createdAt: updatedAt } satisfies GlobalPendingDoc<FieldValue>;
    case "publication":
    case "entity": {
      const days = item.kind === "publication" ? increments(item.days, inc) : increments(item.days, pair);
      const series = {
        ...(Object.keys(item.years).length > 0 ? { yearly: item.kind === "publication" ? increments(item.years, inc) : increments(item.years, pair) } : {}),
        // The days this write keeps in the document: compaction moves them out once their year is past.
        ...(Object.keys(days).length > 0 ? { days, inlineYears: FieldValue.arrayUnion(...new Set(Object.keys(item.days).map((d) => Number(d.slice(0, 4))))) } : {}),
      };
      if (item.chunk !== 0) return series;
      if (item.kind === "publication") return { name: item.name, articleCount: inc(item.articles), ...series, updatedAt };
      return {
        word: item.word,
        key: entityKey(item.word),
        type: item.type,
        count: inc(item.count),
        articles: inc(item.articles),
        ...series,
        updatedAt,
        ...(item.aliases.length > 0 ? { aliases: item.aliases } : {}),
        ...(item.absorbed.length > 0 ? { absorbed: FieldValue.arrayUnion(...item.absorbed) } : {}),
      };
    }
  }
}

function markerOf(data: DocumentData | undefined): Marker | undefined {
  if (!data) return undefined;
  if (data["split"] === true) return { state: "split" };
  if (typeof data["failed"] === "string") return { state: "failed", reason: data["failed"], path: String(data["path"] ?? "") };
  return { state: "applied" };
}

type BatchId = number | string;

/** The range's marker, or "applied" for every range once the batch itself is. */
async function markerIn(tx: Transaction, deps: RollupDeps, batchId: BatchId, marker: DocumentReference): Promise<Marker | undefined> {
  const [batch, found] = await tx.getAll(deps.db.doc(paths.batch(batchId)), marker);
  if (batch!.get("applied") === true) return { state: "applied" };
  return markerOf(found!.data());
}

/** Applies items of part `n` (all of them, or lo..hi-1 when `range` is a half) under the range's marker. */
async function applyRange(deps: RollupDeps, batchId: BatchId, range: string, items: readonly RollupItem[]): Promise<PartOutcome | Marker> {
  const marker = deps.db.doc(paths.part(batchId, range));
  try {
    return await txn(deps, async (tx) => {
      const found = await markerIn(tx, deps, batchId, marker);
      if (found) return found;
      const updatedAt = FieldValue.serverTimestamp();
      for (const item of items) {
        // A pending piece is a document of its own, written whole: a merge would send a mask naming every one
        // of its leaves (a hostile backfill's part grew from 4 to 17 MB on the wire, past gRPC's 4 MiB).
        if (item.kind === "globalPending") tx.set(deps.db.doc(item.path), writeOf(item, updatedAt));
        else tx.set(deps.db.doc(item.path), writeOf(item, updatedAt), { merge: true });
      }
      tx.create(marker, { items: items.length, appliedAt: updatedAt });
      return { writes: items.length, failures: [] } satisfies PartOutcome;
    });
  } catch (err) {
    if (!isPermanentFirestoreError(err)) throw err;
    const reason = String((err as Error).message ?? err).slice(0, STORED_LIMITS.quarantineReasonChars);
    if (items.length === 1) return recordFailure(deps, batchId, range, items[0]!, reason);
    // Tell later runs to go to the halves (unless someone applied the range meanwhile).
    return txn(deps, async (tx) => {
      const found = await markerIn(tx, deps, batchId, marker);
      if (found) return found;
      tx.create(marker, { split: true, reason, items: items.length });
      return { state: "split" } as const;
    });
  }
}

/** The quarantine document of what the rollup could not write: `what` as a bounded excerpt, with why. */
export function rollupQuarantineDoc(deps: RollupDeps, at: { batch: string; range: string; path: string }, what: unknown, reason: string): RollupQuarantineDoc<Timestamp | FieldValue> {
  const now = deps.now ?? Date.now;
  const json = JSON.stringify(what);
  const excerpt = Buffer.from(json, "utf8").subarray(0, STORED_LIMITS.quarantineExcerptBytes).toString("utf8");
  return {
    kind: "rollup",
    ...at,
    reason,
    excerpt,
    truncated: excerpt.length < json.length,
    quarantinedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(now() + TTL.quarantineDays * DAY_MS),
  };
}

/** The one item to blame: its marker says failed, and the write goes to quarantine for an operator. */
async function recordFailure(deps: RollupDeps, batchId: BatchId, range: string, item: RollupItem, reason: string): Promise<Marker> {
  const doc = rollupQuarantineDoc(deps, { batch: String(batchId), range, path: item.path }, item, reason);
  const marker = deps.db.doc(paths.part(batchId, range));
  const q = deps.db.doc(paths.quarantine(rollupQuarantineId(batchId, range)));
  const outcome = await txn(deps, async (tx) => {
    const found = await markerIn(tx, deps, batchId, marker);
    if (found) return found;
    tx.create(marker, { failed: reason, path: item.path, items: 1 });
    tx.set(q, doc);
    return { state: "failed", reason, path: item.path } as const;
  });
  deps.logger.warn("rollup: a write refused for good, quarantined; the rest of the batch goes on", { batch: batchId, range, path: item.path.slice(0, 200), reason: reason.slice(0, 300) });
  return outcome;
}

/**
 * Applies items lo..hi-1 of part `part` under `range`, splitting on a
 * permanent refusal as described at the top. Returns what this call wrote and
 * every failed item of the range (also those an earlier run recorded).
 */
export async function applyPart(deps: RollupDeps, batchId: BatchId, part: number, items: readonly RollupItem[], lo = 0, hi = items.length): Promise<PartOutcome> {
  const range = lo === 0 && hi === items.length ? String(part) : `${part}.${lo}-${hi}`;
  const r = await applyRange(deps, batchId, range, items.slice(lo, hi));
  if ("writes" in r) return r;
  if (r.state === "applied") return { writes: 0, failures: [] };
  if (r.state === "failed") return { writes: 0, failures: [{ range, path: r.path, items: 1, reason: r.reason }] };
  const mid = lo + Math.ceil((hi - lo) / 2);
  const a = await applyPart(deps, batchId, part, items, lo, mid);
  const b = await applyPart(deps, batchId, part, items, mid, hi);
  return { writes: a.writes + b.writes, failures: [...a.failures, ...b.failures] };
}
