// A message's counts as one delta (DeltaDoc.pubs), and merging deltas into
// the totals the rollup applies. Pure; merging is order-independent, so the
// same deltas give the same totals however they are read.
import type { DeltaEntity, DeltaPublication } from "./firestore-schema.js";
import { pickDisplayForm, type PostSummary } from "./summarise.js";

export type DeltaPubs = Record<string, DeltaPublication>;

/** Firestore's document limit is 1 MiB; a message's delta is split below it. */
export const MAX_DELTA_DOC_BYTES = 900 * 1024;

const better = (n: number, s: string, bestN: number, best: string) => n > bestN || (n === bestN && s < best);

/** The counts of these posts, per publication and entity, per day. */
export function deltaOf(summaries: readonly PostSummary[]): DeltaPubs {
  const out: DeltaPubs = {};
  const names = new Map<string, Map<string, number>>();
  const forms = new Map<DeltaEntity, Map<string, number>>();
  for (const s of summaries) {
    const pub = (out[s.pubKey] ??= { n: s.publication, a: 0, d: {}, e: {} });
    pub.a += 1;
    pub.d[s.day] = (pub.d[s.day] ?? 0) + 1;
    const pubNames = names.get(s.pubKey) ?? new Map<string, number>();
    pubNames.set(s.publication, (pubNames.get(s.publication) ?? 0) + 1);
    names.set(s.pubKey, pubNames);
    for (const e of s.entities) {
      const ent = (pub.e[e.id] ??= { w: e.word, t: e.type, c: 0, a: 0, d: {} });
      const f = forms.get(ent) ?? new Map<string, number>();
      f.set(e.word, (f.get(e.word) ?? 0) + e.mentions);
      forms.set(ent, f);
      ent.c += e.mentions;
      ent.a += 1;
      const day = (ent.d[s.day] ??= { m: 0, a: 0 });
      day.m += e.mentions;
      day.a += 1;
    }
  }
  for (const [pubKey, pubNames] of names) out[pubKey]!.n = pickDisplayForm(pubNames);
  for (const [ent, f] of forms) ent.w = pickDisplayForm(f);
  return out;
}

/** `into` plus `e` (a copy of `e` when `into` is undefined); `into`'s days are added to in place. */
export function mergeEntity(into: DeltaEntity | undefined, e: DeltaEntity): DeltaEntity {
  if (!into) return { w: e.w, t: e.t, c: e.c, a: e.a, d: Object.fromEntries(Object.entries(e.d).map(([k, v]) => [k, { ...v }])) };
  // The display form of the larger count wins (ties: the smaller string), whatever the order.
  const w = better(e.c, e.w, into.c, into.w) ? e.w : into.w;
  const merged: DeltaEntity = { w, t: into.t, c: into.c + e.c, a: into.a + e.a, d: into.d };
  for (const [day, v] of Object.entries(e.d)) {
    const cur = (merged.d[day] ??= { m: 0, a: 0 });
    cur.m += v.m;
    cur.a += v.a;
  }
  return merged;
}

/**
 * Sums deltas. Display names follow the larger article count (and forms the
 * larger mention count) with ties to the smaller string, so the result does
 * not depend on the order of `deltas`.
 */
export function mergeDeltas(deltas: Iterable<DeltaPubs>): DeltaPubs {
  const out: DeltaPubs = {};
  for (const delta of deltas) {
    for (const [pubKey, p] of Object.entries(delta)) {
      const cur = out[pubKey];
      if (!cur) {
        out[pubKey] = { n: p.n, a: p.a, d: { ...p.d }, e: {} };
      } else {
        if (p.a > 0 && better(p.a, p.n, cur.a, cur.n)) cur.n = p.n;
        cur.a += p.a;
        for (const [day, n] of Object.entries(p.d)) cur.d[day] = (cur.d[day] ?? 0) + n;
      }
      const target = out[pubKey]!;
      for (const [id, e] of Object.entries(p.e)) target.e[id] = mergeEntity(target.e[id], e);
    }
  }
  return out;
}

/** Approximate stored size of one entity entry (field names, values, its id). */
export function entityEntryBytes(id: string, e: DeltaEntity): number {
  return id.length + Buffer.byteLength(e.w, "utf8") + 48 + Object.keys(e.d).length * 40;
}

/**
 * Splits a delta into pieces of at most `maxBytes` (estimated), publications
 * and entities in key order; a publication's articles go with its first piece.
 */
export function splitDelta(pubs: DeltaPubs, maxBytes = MAX_DELTA_DOC_BYTES): DeltaPubs[] {
  const pieces: DeltaPubs[] = [];
  let cur: DeltaPubs = {};
  let bytes = 0;
  const flush = () => {
    if (Object.keys(cur).length > 0) pieces.push(cur);
    cur = {};
    bytes = 0;
  };
  for (const pubKey of Object.keys(pubs).sort()) {
    const p = pubs[pubKey]!;
    const head = pubKey.length + Buffer.byteLength(p.n, "utf8") + 40 + Object.keys(p.d).length * 24;
    if (bytes + head > maxBytes) flush();
    cur[pubKey] = { n: p.n, a: p.a, d: p.d, e: {} };
    bytes += head;
    for (const id of Object.keys(p.e).sort()) {
      const e = p.e[id]!;
      const b = entityEntryBytes(id, e);
      if (bytes + b > maxBytes) {
        flush();
        cur[pubKey] = { n: p.n, a: 0, d: {}, e: {} };
        bytes = head;
      }
      cur[pubKey]!.e[id] = e;
      bytes += b;
    }
  }
  flush();
  return pieces;
}
