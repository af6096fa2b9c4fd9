// The write path's Firestore operations for a stream of Pub/Sub messages,
// counted by running the real planning code without Firestore: each message's
// posts through summarisePost / deltaOf / splitDelta as processPosts commits
// them (process/commit.ts), each window's deltas through mergeDeltas /
// rollupItems / planParts as the rollup applies them (rollup/handler.ts), the
// ticks through the real windowTicker. The reads and bookkeeping writes
// around them follow those two files step by step (see the comments below).
//
// Assumptions, all of them the steady state of a healthy deployment:
//   - a message commits at the instant it was sealed (delivery and extraction
//     take well under the rollup's grace), so no commit finds its window
//     sealed and hops to the next one;
//   - every post is new (no redelivery, no retry, no legacy entry);
//   - message k goes to processPosts instance k mod `instances`;
//   - a window's first tick rolls it up; its other ticks find it applied;
//   - the counts over all publications: a window's pending pieces are written
//     as it is applied (its end + grace), and every sweep (the tick's, as a
//     window is applied, and the scheduled one) folds all pending pieces once
//     the oldest is `globalFoldMs` old, foldCount pieces per commit, as
//     functions/src/rollup/global-fold.ts does.
import type { Entity } from "@newsroom/core/extract";
import { applyMerges, findMerges, type FullName } from "@newsroom/core/alias-merges";
import { deltaOf, mergeDeltas, splitDelta, type DeltaPubs } from "@newsroom/core/delta";
import { POSTS_PER_COMMIT } from "@newsroom/core/pipeline-defaults";
import { batchItems, FOLD_MAX_PIECES, foldCount, foldItems, planParts } from "@newsroom/core/rollup-plan";
import type { DeltaPublication } from "@newsroom/core/firestore-schema";
import { summarisePost, type PostSummary } from "@newsroom/core/summarise";
import { windowTicker } from "@newsroom/core/window-ticker";
import { paths, windowEndOf, yearOfMs } from "@newsroom/core/firestore-schema";
import { decodeMessage } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";
import type { PackedMessage } from "./arrival.ts";

export interface SimOptions {
  windowSeconds: number;
  /** processPosts instances: each sends one tick per window it wrote into. */
  instances: number;
  /** READ_LEGACY_LEDGER: also read the legacy clientIds doc and ledger. */
  legacy: boolean;
  /** Period of the scheduled sweep (rollupSweep); 0 leaves it out. */
  sweepEveryMs: number;
  /** ROLLUP_GRACE_SECONDS in ms: the last window is rolled up this long after its end. */
  graceMs: number;
  /** GLOBAL_FOLD_SECONDS in ms: pending global counts are folded once the oldest is this old. */
  globalFoldMs: number;
  /** Told each window's merged counts (for layouts simulated beside this one). */
  observe?: (merged: DeltaPubs, windowEnd: number) => void;
}

export interface WriteCounts {
  /** Delta documents (one per message, more when a delta is split). */
  deltas: number;
  /** Shared totals: publications/{pub} and publications/{pub}/ents/{id}, one write per window each. */
  shared: number;
  /**
   * The daily series: a year document (publications/{pub}/years/{yyyy}, .../ents/{id}/years/{yyyy}) per
   * document and year a window touches, and the further writes of a document whose window spans more
   * days (or years) than one commit may carry.
   */
  series: number;
  /** One article per counted post. */
  articles: number;
  /** The rollup's bookkeeping: window doc (claim, plan, finish), part markers, rollup/status. */
  ledger: number;
  /** Counts over all publications: each batch's globalPending pieces, and the folds' writes to global/ and entities/. */
  global: number;
}

export interface ReadCounts {
  /** The article doc of every post (is it counted already?). */
  articles: number;
  /** Legacy mode: each client-id post's clientIds doc and one ledger query per commit. */
  legacy: number;
  /** The open window doc, once per commit. */
  windows: number;
  /** Claim, the deltas, the plan, each part's marker, rollup/status, the sweep after the tick. */
  rollup: number;
  /** Ticks of a window already applied: claim, an empty deltas query, the sweep. */
  extraTicks: number;
  /** The scheduled sweep's query. */
  sweeps: number;
  /** The rollup's alias lookups: one query per lone surname of a window, billed the full names it finds, or one. */
  aliases: number;
  /** The folds: the pending query (billed one when empty) and each fold's transaction reading its pieces again. */
  global: number;
}

export interface SimResult {
  posts: number;
  messages: number;
  commits: number;
  windows: number;
  parts: number;
  ticks: number;
  maxTicksPerWindow: number;
  writes: WriteCounts;
  reads: ReadCounts;
  /** Deltas deleted once their window is applied, and pending pieces once folded. */
  deletes: number;
  /** Of the writes: those of the per-publication counts (shared and series) and of the global ones, apart. */
  perPublicationWrites: number;
  folds: number;
  maxWritesPerSharedDocPerWindow: number;
  /** The window with the most posts: its posts and shared documents written (a steady stream's windows are all like it). */
  fullestWindow: { posts: number; shared: number };
  /** Bytes of the messages on the posts topic, and of the ticks on the rollup topic. */
  messageBytes: number;
  tickBytes: number;
}

/** readDeltas pages by 500; a query that returns nothing is still billed one read. */
const DELTA_PAGE = 500;
const deltaQueryReads = (n: number) => n + (n % DELTA_PAGE === 0 ? 1 : 0);

const sum = (o: object) => Object.values(o).reduce((n: number, v: number) => n + v, 0);

export async function simulate(messages: readonly PackedMessage[], entitiesOf: (post: Post) => readonly Entity[], o: SimOptions): Promise<SimResult> {
  const writes: WriteCounts = { deltas: 0, shared: 0, series: 0, articles: 0, ledger: 0, global: 0 };
  const reads: ReadCounts = { articles: 0, legacy: 0, windows: 0, rollup: 0, extraTicks: 0, sweeps: 0, aliases: 0, global: 0 };
  // The stored full names by publication and the surname they claim (the entity docs' `aliases`).
  const stored = new Map<string, FullName[]>();
  const r = { posts: 0, commits: 0, parts: 0, deletes: 0, maxPerDoc: 0, messageBytes: 0, tickBytes: 0, fullest: { posts: 0, shared: 0 }, folds: 0 };
  // The pending pieces and when each was written. A sweep at `t` reads the oldest
  // (one read, also when there is none) and, while it is due, the oldest
  // FOLD_MAX_PIECES, folds foldCount of them in a transaction that reads them
  // again, then looks again.
  let pending: Array<{ at: number; counts: DeltaPublication }> = [];
  const sweepAt = (t: number) => {
    for (;;) {
      reads.global += 1;
      if (pending.length === 0 || pending[0]!.at > t - o.globalFoldMs) return;
      const seen = pending.slice(0, FOLD_MAX_PIECES).map((p) => p.counts);
      reads.global += seen.length;
      const n = foldCount(seen, yearOfMs(t), FOLD_MAX_PIECES);
      writes.global += foldItems(seen.slice(0, n), yearOfMs(t)).length;
      reads.global += n;
      r.deletes += n;
      r.folds++;
      pending = pending.slice(n);
    }
  };
  let nextSweep = messages[0]?.sealedAt ?? 0;
  const sweepsUntil = (t: number) => {
    for (; o.sweepEveryMs > 0 && nextSweep <= t; nextSweep += o.sweepEveryMs) sweepAt(nextSweep);
  };
  const counted = new Set<string>();
  const deltasOf = new Map<number, DeltaPubs[]>();
  const ticksOf = new Map<number, number>();
  let now = 0;
  const tickers = Array.from({ length: o.instances }, () =>
    windowTicker(
      (data) => {
        const { windowEnd } = JSON.parse(data.toString("utf8")) as { windowEnd: number };
        ticksOf.set(windowEnd, (ticksOf.get(windowEnd) ?? 0) + 1);
        r.tickBytes += data.length;
        return Promise.resolve("tick");
      },
      () => now,
    ),
  );

  for (const [k, m] of messages.entries()) {
    now = m.sealedAt;
    r.messageBytes += m.data.length;
    const decoded = decodeMessage(m.data);
    if (!decoded.ok) throw new Error(`message ${m.id}: ${decoded.reason}`);
    const { posts, receivedAt } = decoded.message;
    r.posts += posts.length;
    // As handlePostsMessage: a client id repeated within the message counts once.
    const seen = new Set<string>();
    const summaries: PostSummary[] = [];
    posts.forEach((post, i) => {
      const s = summarisePost(m.id, i, post, [...entitiesOf(post)], new Date(receivedAt));
      const key = paths.article(s.articleId);
      if (!seen.has(key)) summaries.push(s);
      seen.add(key);
    });
    const touched = new Set<number>();
    for (let from = 0; from < summaries.length; from += POSTS_PER_COMMIT) {
      const group = summaries.filter((s) => s.index >= from && s.index < from + POSTS_PER_COMMIT);
      if (group.length === 0) continue;
      // commitSummaries: one transaction reading each article, the open window
      // and, in legacy mode, each client id's clientIds doc and the ledger.
      r.commits++;
      reads.articles += group.length;
      reads.windows += 1;
      if (o.legacy) reads.legacy += group.filter((s) => s.clientId !== undefined).length + 1;
      const fresh = group.filter((s) => !counted.has(paths.article(s.articleId)));
      if (fresh.length === 0) continue;
      for (const s of fresh) counted.add(paths.article(s.articleId));
      const pieces = splitDelta(deltaOf(fresh));
      writes.articles += fresh.length;
      writes.deltas += pieces.length;
      const windowEnd = windowEndOf(m.sealedAt, o.windowSeconds);
      deltasOf.set(windowEnd, [...(deltasOf.get(windowEnd) ?? []), ...pieces]);
      touched.add(windowEnd);
    }
    for (const w of touched) await tickers[k % o.instances]!(w);
  }

  const windows = [...deltasOf.keys()].sort((a, b) => a - b);
  for (const windowEnd of windows) {
    const deltas = deltasOf.get(windowEnd)!;
    // The rollup's findMerges, looking the lone surnames up in the simulated store; each
    // query is billed the full names it returns (three at most), or one when it finds none.
    const pubs = mergeDeltas(deltas);
    const merges = await findMerges(pubs, async (l) => {
      const found = stored.get(`${l.pub}\u0000${l.key}`) ?? [];
      reads.aliases += Math.max(1, Math.min(3, found.length));
      return found;
    });
    // batchItems merges again; the merged counts are kept for the layouts observed beside this one.
    const { pubs: merged } = applyMerges(pubs, merges);
    const items = batchItems(pubs, merges, windowEnd);
    for (const item of items) {
      if (item.kind !== "entity") continue;
      const [, pub, , id] = item.path.split("/"); // publications/{pub}/ents/{id}
      for (const key of item.aliases) {
        const names = stored.get(`${pub}\u0000${key}`) ?? [];
        if (!names.some((f) => f.id === id)) stored.set(`${pub}\u0000${key}`, [...names, { id: id!, word: item.word }]);
      }
    }
    const parts = planParts(items);
    r.parts += parts.length;
    // rollupWindow: claim (read + create the window doc), read the deltas,
    // store the plan (read + update), each part (read its marker, write its
    // items and create the marker), finish (read rollup/status, update the
    // window doc, set the status; one query for the batches still open, billed one when it finds none);
    // then handleRollupTick's sweep (one query).
    reads.rollup += 1 + deltaQueryReads(deltas.length) + 1 + parts.length + 1 + 1 + 1;
    writes.ledger += 1 + 1 + parts.length + 2;
    const perDoc = new Map<string, number>();
    const appliedAt = windowEnd + o.graceMs;
    sweepsUntil(appliedAt);
    for (const item of items) {
      if (item.kind === "globalPending") {
        writes.global++;
        pending.push({ at: appliedAt, counts: item.counts });
        continue; // a document of its own, written once: not a shared one
      }
      if (item.chunk === 0 && (item.kind === "publication" || item.kind === "entity")) writes.shared++;
      else writes.series++;
      perDoc.set(item.path, (perDoc.get(item.path) ?? 0) + 1);
    }
    r.maxPerDoc = Math.max(r.maxPerDoc, ...perDoc.values());
    const posts = Object.values(merged).reduce((n, p) => n + p.a, 0);
    if (posts > r.fullest.posts) r.fullest = { posts, shared: perDoc.size };
    r.deletes += deltas.length;
    const ticks = ticksOf.get(windowEnd) ?? 0;
    if (ticks < 1) throw new Error(`window ${windowEnd} has deltas but no tick`);
    reads.extraTicks += (ticks - 1) * 3;
    o.observe?.(merged, windowEnd);
    sweepAt(appliedAt); // the tick's sweep
  }
  // The scheduled sweeps go on until every pending piece is folded (without them, the next tick's sweep).
  while (pending.length > 0) {
    if (o.sweepEveryMs <= 0) sweepAt(pending[0]!.at + o.globalFoldMs);
    else sweepsUntil(nextSweep);
  }

  const last = windows.at(-1);
  if (o.sweepEveryMs > 0 && last !== undefined && messages.length > 0) {
    // One scheduled sweep per period while the posts arrive and their last window is due.
    reads.sweeps = Math.floor((last + o.graceMs - messages[0]!.sealedAt) / o.sweepEveryMs) + 1;
  }
  const ticks = [...ticksOf.values()];
  return {
    posts: r.posts,
    messages: messages.length,
    commits: r.commits,
    windows: windows.length,
    parts: r.parts,
    ticks: sum(ticks),
    maxTicksPerWindow: Math.max(0, ...ticks),
    writes,
    reads,
    deletes: r.deletes,
    perPublicationWrites: writes.shared + writes.series,
    folds: r.folds,
    maxWritesPerSharedDocPerWindow: r.maxPerDoc,
    fullestWindow: r.fullest,
    messageBytes: r.messageBytes,
    tickBytes: r.tickBytes,
  };
}

/** Totals of a result, and the same per post (rounded to 3 decimals). */
export function perPost(s: SimResult) {
  const per = (n: number) => Math.round((n / s.posts) * 1000) / 1000;
  const perKind = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, per(v as number)])) as { [K in keyof T]: number };
  return {
    writes: sum(s.writes),
    reads: sum(s.reads),
    writesPerPost: per(sum(s.writes)),
    readsPerPost: per(sum(s.reads)),
    deletesPerPost: per(s.deletes),
    writesPerPostByKind: perKind(s.writes),
    /** The counts per publication (shared + series) against the counts over all publications. */
    perPublicationWritesPerPost: per(s.perPublicationWrites),
    globalWritesPerPost: per(s.writes.global),
    readsPerPostByKind: perKind(s.reads),
    fullestWindowSharedPerPost: s.fullestWindow.posts > 0 ? Math.round((s.fullestWindow.shared / s.fullestWindow.posts) * 1000) / 1000 : 0,
    postsPerMessage: Math.round((s.posts / s.messages) * 100) / 100,
    ticksPerWindow: Math.round((s.ticks / s.windows) * 100) / 100,
  };
}
