// One Pub/Sub message of posts -> exactly-once Firestore increments.
// All I/O and environment comes in through `deps`, so tests call this directly
// against the Firestore emulator (and production wires the real ones).
import { FieldValue, Timestamp, type Firestore } from "firebase-admin/firestore";
import type { Entity } from "../nlp/extract.js";
import { decodeMessage } from "../shared/message.js";
import { DEFAULT_CHUNK_LIMITS, type ChunkLimits } from "./chunk.js";
import { commitChunk, DEFAULT_TTL_MS, type ChunkResult, type CommitFaults } from "./commit.js";
import { toDocumentId } from "./keys.js";
import { COLLECTIONS, planMessage } from "./plan.js";
import { withRetry, type RetryOptions } from "./retry.js";

export interface ProcessLogger {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

export interface HandlerDeps {
  db: Firestore;
  /** Entities of each text, in order; production runs it on the worker pool (extractOnPool). */
  extract: (texts: readonly string[]) => Promise<Entity[][]>;
  logger: ProcessLogger;
  /** Epoch ms; default Date.now. Used for expireAt. */
  now?: () => number;
  /** Ledger TTL; default 30 days. */
  ttlMs?: number;
  chunkLimits?: ChunkLimits;
  /** Retry policy for transient Firestore errors (budget, backoff, clock, sleep). */
  retry?: Partial<RetryOptions>;
  /** Test seam: failures injected around each chunk's commit. */
  faults?: CommitFaults;
}

export interface PostsMessageInput {
  /** Pub/Sub messageId: the idempotency key. */
  messageId: string;
  /** The message body: bytes, or the already-decoded UTF-8 text (not base64). */
  data: Buffer | string;
}

export interface ProcessedResult {
  status: "processed";
  messageId: string;
  posts: number;
  /** Posts dropped as repeats of a client id within this message. */
  repeated: number;
  /** Posts dropped because another message already counted their client id. */
  dropped: number;
  /** Posts counted by this invocation (0 on a full redelivery). */
  counted: number;
  /** Entity mentions extracted. */
  mentions: number;
  /** Distinct (publication, entity) counters incremented. */
  entities: number;
  writes: number;
  chunks: number;
  chunksAlreadyCounted: number;
  extractMs: number;
  commitMs: number;
}

export interface QuarantinedResult {
  status: "quarantined";
  messageId: string;
  reason: string;
}

export type HandleResult = ProcessedResult | QuarantinedResult;

/** Bytes of a poison payload kept in its quarantine document. */
export const QUARANTINE_EXCERPT_BYTES = 16 * 1024;
export const QUARANTINE_REASON_CHARS = 2_000;

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** A Pub/Sub message from firebase-functions' CloudEvent to handler input (data is base64 there). */
export function inputFromPubsub(message: { messageId: string; data?: string | null }): PostsMessageInput {
  return { messageId: message.messageId, data: Buffer.from(message.data ?? "", "base64") };
}

async function quarantine(input: PostsMessageInput, reason: string, deps: HandlerDeps): Promise<QuarantinedResult> {
  const bytes = typeof input.data === "string" ? Buffer.from(input.data, "utf8") : input.data;
  const now = deps.now ?? Date.now;
  const doc = {
    messageId: input.messageId,
    reason: reason.slice(0, QUARANTINE_REASON_CHARS),
    bytes: bytes.length,
    excerpt: bytes.subarray(0, QUARANTINE_EXCERPT_BYTES).toString("utf8"),
    truncated: bytes.length > QUARANTINE_EXCERPT_BYTES,
    quarantinedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(now() + (deps.ttlMs ?? DEFAULT_TTL_MS)),
  };
  // Idempotent (a redelivered poison message overwrites its own document).
  await withRetry(() => deps.db.collection(COLLECTIONS.quarantine).doc(toDocumentId(input.messageId)).set(doc), deps.retry);
  deps.logger.warn("processPosts: poison message quarantined", {
    messageId: input.messageId,
    reason: doc.reason,
    bytes: doc.bytes,
  });
  return { status: "quarantined", messageId: input.messageId, reason: doc.reason };
}

/**
 * Handles one message: decode (poison -> quarantine, no throw), extract
 * entities, plan chunks, commit each chunk exactly once (transient errors
 * retried within the budget, then rethrown so Pub/Sub redelivers), log one
 * structured line.
 */
export async function handlePostsMessage(input: PostsMessageInput, deps: HandlerDeps): Promise<HandleResult> {
  const decoded = decodeMessage(input.data);
  if (!decoded.ok) return quarantine(input, decoded.reason, deps);
  const { posts } = decoded.message;

  const t0 = process.hrtime.bigint();
  const entities = await deps.extract(posts.map((p) => p.content));
  const extractMs = elapsed(t0);
  if (entities.length !== posts.length) throw new Error(`extractor returned ${entities.length} results for ${posts.length} posts`);

  const plan = planMessage(input.messageId, posts, entities, deps.chunkLimits ?? DEFAULT_CHUNK_LIMITS);

  const t1 = process.hrtime.bigint();
  const results: ChunkResult[] = [];
  // In order: a later part of a split post relies on its first part's commit.
  for (const chunk of plan.chunks) {
    results.push(
      await commitChunk(deps.db, input.messageId, chunk, {
        now: deps.now ?? Date.now,
        ttlMs: deps.ttlMs ?? DEFAULT_TTL_MS,
        ...(deps.faults ? { faults: deps.faults } : {}),
        ...(deps.retry ? { retry: deps.retry } : {}),
      }),
    );
  }
  const commitMs = elapsed(t1);

  const sum = (f: (r: ChunkResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const result: ProcessedResult = {
    status: "processed",
    messageId: input.messageId,
    posts: posts.length,
    repeated: plan.repeated.length,
    dropped: sum((r) => r.dropped),
    counted: sum((r) => r.counted),
    mentions: entities.reduce((n, e) => n + e.length, 0),
    entities: sum((r) => r.entities),
    writes: sum((r) => r.writes),
    chunks: plan.chunks.length,
    chunksAlreadyCounted: results.filter((r) => r.status === "already-counted").length,
    extractMs: Math.round(extractMs * 10) / 10,
    commitMs: Math.round(commitMs * 10) / 10,
  };
  deps.logger.info("processPosts: message processed", { ...result });
  return result;
}
