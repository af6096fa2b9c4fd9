// Reading a batch: the deltas committed in (from, to], in commit order, once
// Firestore's own clock is past `to` (so no commit at or before it is still in
// flight unseen). A batch is capped: past BATCH_LIMITS (bytes of delta
// documents, posts) it ends early, at a millisecond before the first delta it
// leaves out, and the rest waits for the next batch. So no backlog, however
// large, makes one batch too big to hold in memory or to plan.
import { FieldPath, Timestamp } from "firebase-admin/firestore";
import { documentBytes } from "@newsroom/core/doc-size";
import { COLLECTIONS, paths, type DeltaDoc } from "@newsroom/core/firestore-schema";
import { sleepOf, type RollupDeps } from "./context.js";

export const BATCH_LIMITS = {
  /** Bytes of delta documents one batch reads (Firestore's storage size). */
  bytes: 32 * 1024 * 1024,
  posts: 50_000,
  /** A stored plan's document may take at most this (Firestore allows 1 MiB); beyond, the batch is halved. */
  planBytes: 512 * 1024,
} as const;

export type DeltaRow = { id: string; doc: DeltaDoc };

const PAGE = 500;

/** Whether Firestore timestamp `t` is at or before the instant `ms` (timestamps keep microseconds). */
export function atOrBefore(t: Timestamp, ms: number): boolean {
  const whole = t.seconds * 1000 + Math.floor(t.nanoseconds / 1e6);
  return whole < ms || (whole === ms && t.nanoseconds % 1e6 === 0);
}

/**
 * Where a capped batch ends: a millisecond before the first delta left out,
 * never a window's end (batch documents ending early are named by it, and must
 * not take a window's name).
 */
export function cutBefore(first: Timestamp, windowMs: number): number {
  let cut = first.seconds * 1000 + Math.floor(first.nanoseconds / 1e6) - 1;
  if (cut % windowMs === 0) cut -= 1;
  return cut;
}

/** The deltas of (from, to], at most `cap` of them; `to` is where the batch really ends, `bytes` what it read. */
export async function readBatch(
  deps: RollupDeps,
  from: number,
  to: number,
  cap?: { bytes: number; posts: number },
): Promise<{ deltas: DeltaRow[]; to: number; bytes: number }> {
  const base = deps.db
    .collection(COLLECTIONS.deltas)
    .where("createdAt", ">", Timestamp.fromMillis(from))
    .where("createdAt", "<=", Timestamp.fromMillis(to))
    .orderBy("createdAt")
    .orderBy(FieldPath.documentId());
  for (let wait = 0; ; wait++) {
    let page = await base.limit(PAGE).get();
    const readAt = page.readTime.toMillis();
    if (readAt < to + deps.graceMs && wait < 20) {
      await sleepOf(deps)(to + deps.graceMs - readAt + 50); // this instance's clock runs ahead of Firestore's
      continue;
    }
    const out: DeltaRow[] = [];
    let bytes = 0;
    let posts = 0;
    for (;;) {
      for (const d of page.docs) {
        const doc = d.data() as DeltaDoc;
        bytes += documentBytes(paths.delta(d.id), doc as unknown as Record<string, unknown>);
        posts += doc.posts;
        if (cap && out.length > 0 && (bytes > cap.bytes || posts > cap.posts)) {
          const cut = cutBefore(doc.createdAt as Timestamp, deps.windowSeconds * 1000);
          const kept = out.filter((r) => atOrBefore(r.doc.createdAt as Timestamp, cut));
          // Every delta read so far shares one millisecond: nothing to cut between, keep reading.
          if (kept.length > 0 && cut > from) return { deltas: kept, to: cut, bytes };
        }
        out.push({ id: d.id, doc });
      }
      if (page.size < PAGE) return { deltas: out, to, bytes };
      const last = page.docs.at(-1)!;
      page = await base.startAfter(last.get("createdAt"), last.id).limit(PAGE).get();
    }
  }
}
