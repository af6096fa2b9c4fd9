// Planning: from a decoded message and its extracted entities to the exact
// list of writes each chunk's transaction commits. Pure, so the write
// benchmark counts the very writes the handler would commit.
import type { Entity } from "../nlp/extract.js";
import type { Post } from "../shared/post.js";
import { aggregate, summarisePost, type EntityAggregate, type Part, type PostUnit } from "./aggregate.js";
import { chunkUnits, DEFAULT_CHUNK_LIMITS, type Chunk, type ChunkLimits } from "./chunk.js";

export const COLLECTIONS = {
  publications: "publications",
  ents: "ents",
  ledger: "ledger",
  clientIds: "clientIds",
  quarantine: "quarantine",
} as const;

export interface MessagePlan {
  units: PostUnit[];
  /** Indices of posts dropped because an earlier post of the same message has the same publication + client id. */
  repeated: number[];
  chunks: Chunk[];
}

/**
 * Summarises every post, drops repeats of a (publication, client id) within
 * the message (the first occurrence wins) and chunks the rest.
 */
export function planMessage(
  messageId: string,
  posts: readonly Post[],
  entities: ReadonlyArray<readonly Entity[]>,
  limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
): MessagePlan {
  if (posts.length !== entities.length) throw new Error("planMessage: one entity list per post");
  const units: PostUnit[] = [];
  const repeated: number[] = [];
  const seen = new Set<string>();
  posts.forEach((post, i) => {
    const unit = summarisePost(i, post, entities[i]!);
    if (unit.clientKey !== undefined) {
      if (seen.has(unit.clientKey)) {
        repeated.push(i);
        return;
      }
      seen.add(unit.clientKey);
    }
    units.push(unit);
  });
  return { units, repeated, chunks: chunkUnits(messageId, units, limits) };
}

/** Client keys a chunk's transaction must read (heads and tails of posts with a client id). */
export function clientKeysOf(chunk: Chunk): string[] {
  const keys = new Set<string>();
  for (const p of chunk.parts) if (p.unit.clientKey !== undefined) keys.add(p.unit.clientKey);
  return [...keys];
}

export type PlannedWrite =
  | { kind: "publication"; path: string; name: string; articleCount: number }
  | { kind: "entity"; path: string; word: string; type: EntityAggregate["type"]; count: number; articles: number }
  | { kind: "clientId"; path: string; messageId: string; ledgerId: string }
  | { kind: "ledger"; path: string; messageId: string; chunk: number; chunks: number; posts: number; counted: number };

export interface ChunkPlan {
  writes: PlannedWrite[];
  /** Posts of this chunk counted now (heads only). */
  counted: number;
  /** Posts of this chunk dropped because their client id was already counted by another message. */
  dropped: number;
  /** Distinct (publication, entity) counters incremented. */
  entities: number;
}

/**
 * The writes of one chunk, given who already owns each client key:
 * `owners.get(key)` is the messageId stored in `clientIds/{key}`, or
 * undefined when that document does not exist.
 * A post's first part is counted only if its key is unowned; the remaining
 * parts of a split post follow that decision (owner absent or this message).
 */
export function planChunk(messageId: string, chunk: Chunk, owners: ReadonlyMap<string, string | undefined>): ChunkPlan {
  const counted: Part[] = [];
  let posts = 0;
  let dropped = 0;
  const newKeys: string[] = [];
  for (const part of chunk.parts) {
    if (part.head) posts++;
    const key = part.unit.clientKey;
    if (key !== undefined) {
      const owner = owners.get(key);
      const keep = part.head ? owner === undefined : owner === undefined || owner === messageId;
      if (!keep) {
        if (part.head) dropped++;
        continue;
      }
      if (part.head) newKeys.push(key);
    }
    counted.push(part);
  }
  const writes: PlannedWrite[] = [];
  let entities = 0;
  for (const pub of aggregate(counted).values()) {
    const pubPath = `${COLLECTIONS.publications}/${pub.pubKey}`;
    if (pub.articleCount > 0) writes.push({ kind: "publication", path: pubPath, name: pub.name, articleCount: pub.articleCount });
    for (const e of pub.ents.values()) {
      entities++;
      writes.push({
        kind: "entity",
        path: `${pubPath}/${COLLECTIONS.ents}/${e.id}`,
        word: e.word,
        type: e.type,
        count: e.count,
        articles: e.articles,
      });
    }
  }
  for (const key of newKeys) {
    writes.push({ kind: "clientId", path: `${COLLECTIONS.clientIds}/${key}`, messageId, ledgerId: chunk.ledgerId });
  }
  const countedPosts = posts - dropped;
  writes.push({
    kind: "ledger",
    path: `${COLLECTIONS.ledger}/${chunk.ledgerId}`,
    messageId,
    chunk: chunk.index + 1,
    chunks: chunk.total,
    posts,
    counted: countedPosts,
  });
  return { writes, counted: countedPosts, dropped, entities };
}
