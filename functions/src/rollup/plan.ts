// What a rollup window writes: the merged counts of its deltas as increments
// to the shared documents (publications/{pub}, publications/{pub}/ents/{id}),
// cut into commits ("parts") that stay inside Firestore's limits. Pure.
//
// Items are ordered by a key string; a part is a contiguous key range, so a
// plan is stored as [first, last] keys per part and means the same to every
// later run, whatever code runs it. Limits that shape the parts:
//   - 500 field transforms per document per commit: a document's days are
//     spread over several items when a window touches more than DAYS_PER_WRITE
//     days of it (a backfill), and two items of one document never share a part;
//   - request size: at most PART_BYTES (estimated) and PART_WRITES per part.
import type { DayCounts, DeltaEntity, DeltaPublication, EntityType } from "@newsroom/core/layout";
import { paths } from "@newsroom/core/layout";
import type { AliasMerge } from "@newsroom/core/layout";
import type { DeltaPubs } from "../process/delta.js";
import { applyMerges, personAliases } from "./aliases.js";

export const PART_LIMITS = { bytes: 4 * 1024 * 1024, writes: 4_000, daysPerWrite: 240 } as const;

export type RollupItem =
  | { key: string; path: string; kind: "publication"; chunk: number; name: string; articles: number; days: Record<string, number> }
  | {
      key: string;
      path: string;
      kind: "entity";
      chunk: number;
      word: string;
      type: EntityType;
      count: number;
      articles: number;
      days: Record<string, DayCounts>;
      /** Lone surnames this full name claims, and lone-surname ids counted into it (aliases.ts). */
      aliases: string[];
      absorbed: string[];
    };

export type Plan = Array<{ first: string; last: string }>;

function chunks<T>(days: Record<string, T>, size: number): Array<Record<string, T>> {
  const keys = Object.keys(days).sort();
  if (keys.length === 0) return [{}];
  const out: Array<Record<string, T>> = [];
  for (let i = 0; i < keys.length; i += size) out.push(Object.fromEntries(keys.slice(i, i + size).map((k) => [k, days[k]!])));
  return out;
}

// Key: publication, then 0 for its own document or 1 + entity id, then the chunk (zero-padded).
const keyOf = (pubKey: string, entity: string | undefined, chunk: number) =>
  `${pubKey}\u0000${entity === undefined ? "0" : `1${entity}`}\u0000${String(chunk).padStart(4, "0")}`;

/** Every write of a window, in key order; `absorbed`: per publication and entity, the ids merged into it. */
export function rollupItems(
  merged: DeltaPubs,
  absorbed: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map(),
  daysPerWrite: number = PART_LIMITS.daysPerWrite,
): RollupItem[] {
  const items: RollupItem[] = [];
  for (const [pubKey, p] of Object.entries(merged) as Array<[string, DeltaPublication]>) {
    chunks(p.d, daysPerWrite).forEach((days, chunk) => {
      items.push({ key: keyOf(pubKey, undefined, chunk), path: paths.publication(pubKey), kind: "publication", chunk, name: p.n, articles: chunk === 0 ? p.a : 0, days });
    });
    for (const [id, e] of Object.entries(p.e) as Array<[string, DeltaEntity]>) {
      chunks(e.d, daysPerWrite).forEach((days, chunk) => {
        items.push({
          key: keyOf(pubKey, id, chunk),
          path: paths.entity(pubKey, id),
          kind: "entity",
          chunk,
          word: e.w,
          type: e.t,
          count: chunk === 0 ? e.c : 0,
          articles: chunk === 0 ? e.a : 0,
          days,
          aliases: chunk === 0 ? personAliases(e.t, e.w) : [],
          absorbed: chunk === 0 ? [...(absorbed.get(pubKey)?.get(id) ?? [])] : [],
        });
      });
    }
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A batch's writes: its merged deltas with the plan's alias merges applied (aliases.ts). */
export function batchItems(pubs: DeltaPubs, merges: readonly AliasMerge[]): RollupItem[] {
  const merged = applyMerges(pubs, merges);
  return rollupItems(merged.pubs, merged.absorbed);
}

/** Estimated bytes of one item's commit write. */
export function itemBytes(item: RollupItem): number {
  const days = Object.keys(item.days).length;
  return 180 + item.path.length + (item.kind === "entity" ? Buffer.byteLength(item.word, "utf8") + days * 60 : Buffer.byteLength(item.name, "utf8") + days * 40);
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
