// A rollup batch's counts over all publications, cut into the pieces it stores
// as globalPending documents (firestore-schema.ts). Pure.
//
// A piece is made so that folding it alone is one commit (rollup-plan.ts
// foldItems): every entity (and the articles) in it spans at most PIECE_LIMITS.days
// days, so its totals' document takes at most 2 × days entries (days of the
// fold's year, and yearly totals) and each year document at most `days`: within
// ENTRIES_PER_WRITE, one write each. An entity with more days in one batch (a
// backfill) is cut by day over several pieces: its k-th cut goes into a piece
// of round k, so no piece holds two cuts of one entity. Pieces also stay within
// PIECE_LIMITS.bytes (the pending document's size) and .writes (what its fold
// writes at most: one per entity and year).
import { GLOBAL_NAME, yearOf, type DeltaEntity, type DeltaPublication } from "./firestore-schema.js";
import { entityEntryBytes, mergeDeltas, type DeltaPubs } from "./delta.js";

export const PIECE_LIMITS = { days: 120, bytes: 256 * 1024, writes: 1_000 } as const;

/** A batch's counts (alias merges applied) summed over its publications. */
export function globalCounts(merged: DeltaPubs): DeltaPublication {
  const all = mergeDeltas(Object.values(merged).map((p) => ({ all: p })))["all"];
  return { ...(all ?? { a: 0, d: {}, e: {} }), n: GLOBAL_NAME };
}

/** `days` in key order, cut into maps of at most `size` days (one empty map when there are none). */
function cutDays<T>(days: Record<string, T>, size: number): Array<Record<string, T>> {
  const keys = Object.keys(days).sort();
  const out: Array<Record<string, T>> = [];
  for (let i = 0; i === 0 || i < keys.length; i += size) out.push(Object.fromEntries(keys.slice(i, i + size).map((k) => [k, days[k]!])));
  return out;
}

/** What a fragment costs its fold at most: a write for its totals and one per year document. */
const foldWrites = (days: Record<string, unknown>) => 1 + new Set(Object.keys(days).map(yearOf)).size;

/** `counts` cut into pieces within `limits` (see the top); the articles and the first cut of each entity come first. */
export function globalPieces(counts: DeltaPublication, limits: { days: number; bytes: number; writes: number } = PIECE_LIMITS): DeltaPublication[] {
  // Round k: the k-th day cut of the articles and of every entity.
  const rounds: Array<{ days: Record<string, number>; ents: Array<[string, DeltaEntity]> }> = [];
  const round = (k: number) => (rounds[k] ??= { days: {}, ents: [] });
  cutDays(counts.d, limits.days).forEach((days, k) => (round(k).days = days));
  for (const id of Object.keys(counts.e).sort()) {
    const e = counts.e[id]!;
    cutDays(e.d, limits.days).forEach((d, k) => round(k).ents.push([id, { w: e.w, t: e.t, c: k === 0 ? e.c : 0, a: k === 0 ? e.a : 0, d }]));
  }
  const pieces: DeltaPublication[] = [];
  rounds.forEach((r, k) => {
    let piece: DeltaPublication = { n: counts.n, a: k === 0 ? counts.a : 0, d: r.days, e: {} };
    let bytes = 0;
    let writes = foldWrites(r.days);
    pieces.push(piece);
    for (const [id, e] of r.ents) {
      const b = entityEntryBytes(id, e);
      const w = foldWrites(e.d);
      if (Object.keys(piece.e).length > 0 && (bytes + b > limits.bytes || writes + w > limits.writes)) {
        piece = { n: counts.n, a: 0, d: {}, e: {} };
        pieces.push(piece);
        bytes = 0;
        writes = 1;
      }
      piece.e[id] = e;
      bytes += b;
      writes += w;
    }
  });
  return pieces;
}
