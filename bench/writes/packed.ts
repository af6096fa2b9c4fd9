// A layout simulated, not built: each publication keeps a document per head
// entity (its own document, as today), and packs every other entity (the long
// tail, mentioned in few articles) into one of `buckets` shared documents,
// publications/{pub}/tail/{n}, n from a hash of the entity id. A window writes
// each touched publication, head entity and bucket once. A bucket write carries
// 2 + 2 × days increments per entity in it (count, articles, and m and a per
// day), and Firestore allows 500 field transforms per document in one commit,
// so a bucket with more than that in one window takes further writes (in
// further parts: @newsroom/core/rollup-plan never puts two items of a document in one part).
import { entityEntryBytes, mergeDeltas, type DeltaPubs } from "@newsroom/core/delta";
import { sha1Hex } from "@newsroom/core/keys";

/** Field transforms Firestore allows per document per commit. */
export const TRANSFORMS_PER_WRITE = 500;

export interface PackedResult {
  publications: number;
  head: number;
  tail: number;
  /** Bucket writes beyond the first in a window (the transform limit). */
  splits: number;
  maxTransformsPerBucketPerWindow: number;
  maxWritesPerDocPerWindow: number;
  /** Entities seen in a head document / in a bucket. */
  headEntities: number;
  tailEntities: number;
  /** The largest bucket at the end (delta.ts's size estimate): Firestore's document limit is 1 MiB. */
  maxBucketBytes: number;
}

export function bucketOf(entityId: string, buckets: number): number {
  return Number.parseInt(sha1Hex(entityId).slice(0, 8), 16) % buckets;
}

/** Tallies the packed layout's writes, window by window (pass `observe` to simulate). */
export function packedTail(isHead: (pubKey: string, entityId: string) => boolean, buckets: number) {
  const t = { publications: 0, head: 0, tail: 0, splits: 0, maxTransforms: 0, maxPerDoc: 0 };
  const heads = new Set<string>();
  // Each bucket's whole contents so far, to size it.
  const stored = new Map<string, DeltaPubs>();
  const observe = (merged: DeltaPubs) => {
    for (const [pubKey, p] of Object.entries(merged)) {
      t.publications++;
      t.maxPerDoc = Math.max(t.maxPerDoc, 1); // the publication's own document
      const touched = new Map<number, DeltaPubs>();
      for (const [id, e] of Object.entries(p.e)) {
        if (isHead(pubKey, id)) {
          t.head++;
          heads.add(`${pubKey}/${id}`);
          continue;
        }
        const b = bucketOf(id, buckets);
        const piece = touched.get(b) ?? { [pubKey]: { n: p.n, a: 0, d: {}, e: {} } };
        piece[pubKey]!.e[id] = e;
        touched.set(b, piece);
      }
      for (const [b, piece] of touched) {
        const transforms = Object.values(piece[pubKey]!.e).reduce((n, e) => n + 2 + 2 * Object.keys(e.d).length, 0);
        const bucketWrites = Math.ceil(transforms / TRANSFORMS_PER_WRITE);
        t.tail += bucketWrites;
        t.splits += bucketWrites - 1;
        t.maxTransforms = Math.max(t.maxTransforms, transforms);
        t.maxPerDoc = Math.max(t.maxPerDoc, bucketWrites);
        const key = `${pubKey}/${b}`;
        stored.set(key, mergeDeltas([stored.get(key) ?? {}, piece]));
      }
    }
  };
  const result = (): PackedResult => {
    let tailEntities = 0;
    let maxBucketBytes = 0;
    for (const bucket of stored.values()) {
      for (const p of Object.values(bucket)) {
        const entries = Object.entries(p.e);
        tailEntities += entries.length;
        maxBucketBytes = Math.max(maxBucketBytes, entries.reduce((n, [id, e]) => n + entityEntryBytes(id, e), 0));
      }
    }
    return {
      publications: t.publications,
      head: t.head,
      tail: t.tail,
      splits: t.splits,
      maxTransformsPerBucketPerWindow: t.maxTransforms,
      maxWritesPerDocPerWindow: t.maxPerDoc,
      headEntities: heads.size,
      tailEntities,
      maxBucketBytes,
    };
  };
  return { observe, result };
}
