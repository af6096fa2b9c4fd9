// Splitting a message into commit-sized chunks. Pure and deterministic: the
// same posts with the same extracted entities always give the same chunks
// (same boundaries, same ledger ids), so a redelivered message maps onto the
// ledger documents of its earlier attempts and only missing chunks are done.
//
// Each chunk is one Firestore transaction. Its writes are bounded by an
// upper-bound estimate (every post counted, none dropped as a duplicate):
// 1 ledger doc + 1 per client id + 1 per publication + 1 per distinct
// (publication, entity), at most `maxWrites` writes and `maxBytes` estimated
// request bytes (Firestore's limit is 10 MiB per request). A single post too
// big for one chunk is split by its (sorted) entities into parts; only the
// first part counts the article.
import type { Part, PostUnit } from "./aggregate.js";
import { ledgerId } from "./keys.js";

export interface ChunkLimits {
  maxWrites: number;
  maxBytes: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { maxWrites: 10_000, maxBytes: 8 * 1024 * 1024 };

export interface Chunk {
  /** 0-based position. */
  index: number;
  total: number;
  ledgerId: string;
  parts: Part[];
  estimatedWrites: number;
  estimatedBytes: number;
}

// Conservative per-write size estimates (bytes of the commit request): the
// full document name (~90 bytes of "projects/.../documents/" plus the path),
// field names and values, transforms and the update mask.
const NAME_OVERHEAD = 100;
export const WRITE_BYTES = {
  ledger: (ledger: string) => NAME_OVERHEAD + 300 + 2 * ledger.length,
  clientId: (messageId: string) => NAME_OVERHEAD + 250 + 2 * messageId.length,
  publication: (pubKey: string, name: string) =>
    NAME_OVERHEAD + 250 + Buffer.byteLength(pubKey, "utf8") + Buffer.byteLength(name, "utf8"),
  entity: (pubKey: string, word: string) =>
    NAME_OVERHEAD + 350 + Buffer.byteLength(pubKey, "utf8") + Buffer.byteLength(word, "utf8"),
} as const;

function longestFormBytes(forms: ReadonlyMap<string, number>): number {
  let max = 0;
  for (const f of forms.keys()) max = Math.max(max, Buffer.byteLength(f, "utf8"));
  return max;
}

interface Open {
  parts: Part[];
  writes: number;
  bytes: number;
  pubs: Set<string>;
  ents: Set<string>;
}

/**
 * Splits `units` (in message order) into chunks within `limits`.
 * The ledger id of chunk i of n is `${messageId}.${i + 1}of${n}` (see keys.ts).
 */
export function chunkUnits(messageId: string, units: readonly PostUnit[], limits: ChunkLimits = DEFAULT_CHUNK_LIMITS): Chunk[] {
  // Ledger ids depend on the total, so size the ledger write for the longest id.
  const ledgerBytes = WRITE_BYTES.ledger(ledgerId(messageId, 999_999, 999_999));
  const minEntity = WRITE_BYTES.entity("", "");
  if (limits.maxWrites < 4 || limits.maxBytes < ledgerBytes + WRITE_BYTES.clientId(messageId) + 2 * minEntity + 4096) {
    throw new Error(`chunk limits too small: ${JSON.stringify(limits)}`);
  }
  const closed: Open[] = [];
  const fresh = (): Open => ({ parts: [], writes: 1, bytes: ledgerBytes, pubs: new Set(), ents: new Set() });
  let cur = fresh();

  for (const unit of units) {
    let from = 0;
    let head = true;
    while (from < unit.entities.length || head) {
      // Fixed cost of this (part of the) post in the current chunk.
      let writes = 0;
      let bytes = 0;
      if (head && unit.clientKey !== undefined) {
        writes += 1;
        bytes += WRITE_BYTES.clientId(messageId);
      }
      if (head && !cur.pubs.has(unit.pubKey)) {
        writes += 1;
        bytes += WRITE_BYTES.publication(unit.pubKey, unit.publication);
      }
      let to = from;
      const added: string[] = []; // entity ids within one unit are distinct
      const fits = () => cur.writes + writes <= limits.maxWrites && cur.bytes + bytes <= limits.maxBytes;
      if (fits()) {
        while (to < unit.entities.length) {
          const e = unit.entities[to]!;
          const key = unit.pubKey + "\u0000" + e.id;
          if (cur.ents.has(key)) {
            to++;
            continue;
          }
          const w = WRITE_BYTES.entity(unit.pubKey, "") + longestFormBytes(e.forms);
          if (cur.writes + writes + 1 > limits.maxWrites || cur.bytes + bytes + w > limits.maxBytes) break;
          writes += 1;
          bytes += w;
          added.push(key);
          to++;
        }
      }
      const whole = head && from === 0 && to === unit.entities.length;
      if (!fits() || (!whole && cur.parts.length > 0 && from === 0)) {
        // Does not fit whole: start a fresh chunk (unless this one is empty) and retry.
        if (cur.parts.length === 0) throw new Error("chunkUnits: a post's fixed writes exceed the chunk limits");
        closed.push(cur);
        cur = fresh();
        continue;
      }
      if (!head && to === from) throw new Error("chunkUnits: one entity exceeds the chunk limits");
      cur.parts.push({ unit, from, to, head });
      cur.writes += writes;
      cur.bytes += bytes;
      if (head) cur.pubs.add(unit.pubKey);
      for (const k of added) cur.ents.add(k);
      head = false;
      from = to;
      if (from < unit.entities.length) {
        closed.push(cur);
        cur = fresh();
      }
    }
  }
  if (cur.parts.length > 0 || closed.length === 0) closed.push(cur);

  const total = closed.length;
  return closed.map((c, index) => ({
    index,
    total,
    ledgerId: ledgerId(messageId, index, total),
    parts: c.parts,
    estimatedWrites: c.writes,
    estimatedBytes: c.bytes,
  }));
}
