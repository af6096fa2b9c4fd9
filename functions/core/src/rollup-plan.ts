// What a rollup batch writes: the merged counts of its deltas as increments to
// the shared documents, cut into commits ("parts") that stay inside Firestore's
// limits. Pure.
//
// The documents: publications/{pub} (articles, per year, and per day of the
// batch's own year) and its years/{yyyy} (per day of other years), and the same
// for each entity, publications/{pub}/ents/{id} and its years/{yyyy} (see the
// Firestore schema: live news costs one write per document, an archive one more
// per year it spans; a year document holds at most 366 days).
//
// Items are ordered by a key string; a part is a contiguous key range, so a
// plan is stored as [first, last] keys per part and means the same to every
// later run, whatever code runs it (PLAN_VERSION says which keys). Limits:
//   - 500 field transforms per document per commit: a document's entries are
//     spread over several items ("chunks") when a batch touches more than
//     ENTRIES_PER_WRITE of them, and two items of one document never share a
//     part. Keys start with the chunk, so a document's second chunk comes after
//     every first chunk: a chunk costs at most one more part, not one per document;
//   - request size: at most PART_LIMITS.bytes (estimated) and .writes per part.
//
// Counts over all publications (plans v3): a batch also stores its counts
// summed over publications, as a few globalPending documents (global-plan.ts),
// items of its parts like the rest, so each is written exactly once. The sweep
// folds the pending documents of several batches into global/totals and
// entities/{id} (foldItems: the same items, other paths), each fold one
// commit that also deletes what it folded. Why not one more item per entity
// and batch: an entity is mostly in one publication per batch, so that would
// cost what the per-publication counts cost. A fold writes an entity once for
// all the batches it folds (a fold period holds many), and a batch's pending
// documents are a write per PIECE_LIMITS (hundreds of entities).
import type { AliasMerge, Day, DayCounts, DeltaEntity, DeltaPublication, EntityType, Year } from "./firestore-schema.js";
import { GLOBAL_SCOPE, paths, PUBLICATION_SCOPE, yearOf, yearOfMs, type Scope } from "./firestore-schema.js";
import { entityEntryBytes, mergeDeltas, type DeltaPubs } from "./delta.js";
import { applyMerges, personAliases } from "./alias-merges.js";
import { globalCounts, globalPieces } from "./global-plan.js";

/**
 * 3: also the globalPending items (keys of their own, before every publication's).
 * 2: year documents and chunk-first keys. Plans without a version were made by the code before.
 * A plan's items are made by the version it was stored with: a v2 plan's ranges know no pending keys.
 */
export const PLAN_VERSION = 3;

export const PART_LIMITS = { bytes: 4 * 1024 * 1024, writes: 4_000 } as const;

/** Day or year entries per write: 2 transforms each (mentions, articles) plus a few fields stay under 500. */
export const ENTRIES_PER_WRITE = 240;

type Keyed = { key: string; path: string; chunk: number };
export type RollupItem = Keyed &
  (
    | { kind: "publication"; name: string; articles: number; years: Record<Year, number>; days: Record<Day, number> }
    | { kind: "publicationYear"; year: Year; days: Record<Day, number> }
    | {
        kind: "entity";
        word: string;
        type: EntityType;
        count: number;
        articles: number;
        years: Record<Year, DayCounts>;
        days: Record<Day, DayCounts>;
        /** Lone surnames this full name claims, and lone-surname ids counted into it (alias-merges.ts). */
        aliases: string[];
        absorbed: string[];
      }
    | { kind: "entityYear"; year: Year; days: Record<Day, DayCounts> }
    /** Piece `piece` of the batch's counts over all publications (plain values: written once, folded later). */
    | { kind: "globalPending"; batch: number; piece: number; counts: DeltaPublication }
  );



export type Plan = Array<{ first: string; last: string }>;

/** `entries` in key order, cut into maps of at most `size` (one empty map when there are none). */
function chunks<T>(entries: Record<string, T>, size: number): Array<Record<string, T>> {
  const keys = Object.keys(entries).sort();
  if (keys.length === 0) return [{}];
  const out: Array<Record<string, T>> = [];
  for (let i = 0; i < keys.length; i += size) out.push(Object.fromEntries(keys.slice(i, i + size).map((k) => [k, entries[k]!])));
  return out;
}

/** A day map split by year. */
function byYear<T>(days: Record<Day, T>): Map<Year, Record<Day, T>> {
  const out = new Map<Year, Record<Day, T>>();
  for (const [day, v] of Object.entries(days)) {
    const y = yearOf(day);
    let m = out.get(y);
    if (!m) out.set(y, (m = {}));
    m[day] = v;
  }
  return out;
}

const sumCounts = (days: Record<Day, number>) => Object.values(days).reduce((n, v) => n + v, 0);
const sumDayCounts = (days: Record<Day, DayCounts>): DayCounts => {
  const t = { m: 0, a: 0 };
  for (const v of Object.values(days)) {
    t.m += v.m;
    t.a += v.a;
  }
  return t;
};

// Key: chunk (zero-padded), publication, then the document within it:
// "0" its own, "0y2026" a year of it, "1<id>" an entity, "1<id>y2026" a year of the entity.
const keyOf = (chunk: number, pubKey: string, doc: string) => `${String(chunk).padStart(4, "0")}\u0000${pubKey}\u0000${doc}`;

/**
 * A totals document's entries (its yearly totals and the days of `inlineYear`)
 * cut into chunks of at most `size`: [years, days] per chunk, one chunk at least.
 */
function totalsChunks<T, D>(years: Record<Year, T>, days: Record<Day, D>, size: number): Array<[Record<Year, T>, Record<Day, D>]> {
  const entries: Array<["y", string, T] | ["d", string, D]> = [
    ...Object.keys(years).sort().map((k) => ["y", k, years[k]!] as ["y", string, T]),
    ...Object.keys(days).sort().map((k) => ["d", k, days[k]!] as ["d", string, D]),
  ];
  const out: Array<[Record<Year, T>, Record<Day, D>]> = [];
  for (let i = 0; i === 0 || i < entries.length; i += size) {
    const ys: Record<Year, T> = {};
    const ds: Record<Day, D> = {};
    for (const e of entries.slice(i, i + size)) {
      if (e[0] === "y") ys[e[1]] = e[2];
      else ds[e[1]] = e[2];
    }
    out.push([ys, ds]);
  }
  return out;
}

/**
 * Every write of a batch, in key order. `inlineYear`: the batch's own year (of
 * its end), whose days go into the totals' documents; `absorbed`: per
 * publication and entity, the ids merged into it.
 */
export function rollupItems(
  merged: DeltaPubs,
  inlineYear: Year,
  absorbed: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(),
  entriesPerWrite: number = ENTRIES_PER_WRITE,
  scope: Scope = PUBLICATION_SCOPE,
): RollupItem[] {
  const items: RollupItem[] = [];
  for (const [pubKey, p] of Object.entries(merged) as Array<[string, DeltaPublication]>) {
    const years = byYear(p.d);
    const yearly = Object.fromEntries([...years].map(([y, days]) => [y, sumCounts(days)]));
    totalsChunks(yearly, years.get(inlineYear) ?? {}, entriesPerWrite).forEach(([ys, ds], chunk) => {
      items.push({ key: keyOf(chunk, pubKey, "0"), path: scope.publication(pubKey), chunk, kind: "publication", name: p.n, articles: chunk === 0 ? p.a : 0, years: ys, days: ds });
    });
    for (const [year, days] of years) {
      if (year === inlineYear) continue;
      chunks(days, entriesPerWrite).forEach((ds, chunk) => {
        items.push({ key: keyOf(chunk, pubKey, `0y${year}`), path: scope.publicationYear(pubKey, year), chunk, kind: "publicationYear", year, days: ds });
      });
    }
    for (const [id, e] of Object.entries(p.e) as Array<[string, DeltaEntity]>) {
      const eYears = byYear(e.d);
      const eYearly = Object.fromEntries([...eYears].map(([y, days]) => [y, sumDayCounts(days)]));
      totalsChunks(eYearly, eYears.get(inlineYear) ?? {}, entriesPerWrite).forEach(([ys, ds], chunk) => {
        items.push({
          key: keyOf(chunk, pubKey, `1${id}`),
          path: scope.entity(pubKey, id),
          chunk,
          kind: "entity",
          word: e.w,
          type: e.t,
          count: chunk === 0 ? e.c : 0,
          articles: chunk === 0 ? e.a : 0,
          years: ys,
          days: ds,
          // Alias lookups are per publication (alias-merges.ts).
          aliases: chunk === 0 && scope === PUBLICATION_SCOPE ? personAliases(e.t, e.w) : [],
          absorbed: chunk === 0 ? [...(absorbed.get(pubKey)?.get(id) ?? [])] : [],
        });
      });
      for (const [year, days] of eYears) {
        if (year === inlineYear) continue;
        chunks(days, entriesPerWrite).forEach((ds, chunk) => {
          items.push({ key: keyOf(chunk, pubKey, `1${id}y${year}`), path: scope.entityYear(pubKey, id, year), chunk, kind: "entityYear", year, days: ds });
        });
      }
    }
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A batch's writes: its merged deltas with the plan's alias merges applied
 * (alias-merges.ts), and from v3 its pending global counts; `to` is where it
 * ends, `v` the version of its stored plan.
 */
export function batchItems(pubs: DeltaPubs, merges: readonly AliasMerge[], to: number, v: number = PLAN_VERSION): RollupItem[] {
  const merged = applyMerges(pubs, merges);
  const items = rollupItems(merged.pubs, yearOfMs(to), merged.absorbed);
  if (v < 3 || Object.keys(merged.pubs).length === 0) return items;
  // The empty publication key is no publication's (keys.ts), so these keys come first among their chunk's.
  const pending = globalPieces(globalCounts(merged.pubs)).map(
    (counts, piece): RollupItem => ({ key: keyOf(0, "", String(piece).padStart(6, "0")), path: paths.globalPending(to, piece), chunk: 0, kind: "globalPending", batch: to, piece, counts }),
  );
  return [...pending, ...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Pending pieces one fold reads at most (functions/src/rollup/global-fold.ts). */
export const FOLD_MAX_PIECES = 50;

/** What folding `pieces` (pending documents' counts) writes: their sum, as a batch in `inlineYear` writes a publication. */
export function foldItems(pieces: readonly DeltaPublication[], inlineYear: Year): RollupItem[] {
  return rollupItems(mergeDeltas(pieces.map((p) => ({ all: p }))), inlineYear, new Map(), ENTRIES_PER_WRITE, GLOBAL_SCOPE);
}

/**
 * How many of `pieces` (oldest first) one fold takes: as many as make one
 * commit (no document written twice, within `limits` with a delete for each
 * piece), at most `max`, and always the first (global-plan.ts makes each piece
 * one commit alone). More pieces never write less, so a binary search: a few
 * sums built, not one per piece.
 */
export function foldCount(pieces: readonly DeltaPublication[], inlineYear: Year, max: number, limits: { bytes: number; writes: number } = PART_LIMITS): number {
  const fits = (n: number) => {
    const items = foldItems(pieces.slice(0, n), inlineYear);
    return !items.some((i) => i.chunk > 0) && planParts(items, { bytes: limits.bytes, writes: limits.writes - n }).length <= 1;
  };
  let lo = Math.min(1, pieces.length);
  let hi = Math.min(max, pieces.length);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Estimated bytes of one item's commit write. */
export function itemBytes(item: RollupItem): number {
  const base = 180 + Buffer.byteLength(item.path, "utf8");
  switch (item.kind) {
    case "publication":
      return base + Buffer.byteLength(item.name, "utf8") + (Object.keys(item.years).length + Object.keys(item.days).length) * 40;
    case "publicationYear":
      return base + Object.keys(item.days).length * 40;
    case "entity":
      return base + Buffer.byteLength(item.word, "utf8") + (Object.keys(item.years).length + Object.keys(item.days).length) * 60 + (item.aliases.length + item.absorbed.length) * 64;
    case "entityYear":
      return base + Object.keys(item.days).length * 60;
    case "globalPending":
      return base + Object.entries(item.counts.e).reduce((n, [id, e]) => n + entityEntryBytes(id, e), Object.keys(item.counts.d).length * 24);
  }
}

/** Cuts the items into parts within the limits. */
export function planParts(items: readonly RollupItem[], limits: { bytes: number; writes: number } = PART_LIMITS): Plan {
  const plan: Plan = [];
  let first: RollupItem | undefined;
  let last: RollupItem | undefined;
  let bytes = 0;
  let writes = 0;
  const docs = new Set<string>();
  for (const item of items) {
    const b = itemBytes(item);
    if (first && (writes + 1 > limits.writes || bytes + b > limits.bytes || docs.has(item.path))) {
      plan.push({ first: first.key, last: last!.key });
      first = undefined;
      bytes = 0;
      writes = 0;
      docs.clear();
    }
    first ??= item;
    last = item;
    bytes += b;
    writes += 1;
    docs.add(item.path);
  }
  if (first) plan.push({ first: first.key, last: last!.key });
  return plan;
}

/** The items of one part of a stored plan. */
export function itemsOfPart(items: readonly RollupItem[], part: { first: string; last: string }): RollupItem[] {
  return items.filter((i) => i.key >= part.first && i.key <= part.last);
}
