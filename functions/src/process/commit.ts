// Committing one chunk: a single Firestore transaction that reads the ledger,
// drops posts whose client id another message already counted, and writes
// every increment plus the ledger documents atomically. Transient failures are
// retried (retry.ts) with a fresh transaction; the ledger makes each retry
// safe even when an earlier commit did land.
import { FieldValue, Timestamp, type DocumentData, type Firestore } from "firebase-admin/firestore";
import type { Chunk } from "./chunk.js";
import { readLedger } from "./ledger.js";
import { planChunk, type PlannedWrite } from "./plan.js";
import { withRetry, type RetryOptions } from "./retry.js";

export const DEFAULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface FaultInfo {
  messageId: string;
  ledgerId: string;
  /** 0-based chunk index. */
  chunk: number;
  /** 1-based attempt within this invocation. */
  attempt: number;
}

/**
 * Test seam. `beforeCommit` runs inside the transaction after every write is
 * staged (throwing aborts the commit); `afterCommit` runs after the commit
 * landed (throwing simulates a lost acknowledgement).
 */
export interface CommitFaults {
  beforeCommit?: (info: FaultInfo) => void | Promise<void>;
  afterCommit?: (info: FaultInfo) => void | Promise<void>;
}

export interface CommitOptions {
  now: () => number;
  ttlMs: number;
  faults?: CommitFaults;
  retry?: Partial<RetryOptions>;
}

export interface ChunkResult {
  ledgerId: string;
  status: "committed" | "already-counted";
  writes: number;
  counted: number;
  dropped: number;
  entities: number;
  attempts: number;
}

function toDocument(w: PlannedWrite, updatedAt: FieldValue, expireAt: Timestamp): DocumentData {
  switch (w.kind) {
    case "publication":
      return { name: w.name, articleCount: FieldValue.increment(w.articleCount), updatedAt };
    case "entity":
      return {
        word: w.word,
        type: w.type,
        count: FieldValue.increment(w.count),
        articles: FieldValue.increment(w.articles),
        updatedAt,
      };
    case "clientId":
      return { messageId: w.messageId, ledgerId: w.ledgerId, expireAt };
    case "ledger":
      return {
        messageId: w.messageId,
        chunk: w.chunk,
        chunks: w.chunks,
        posts: w.posts,
        counted: w.counted,
        committedAt: updatedAt,
        expireAt,
      };
  }
}

/** Commits one chunk exactly once (retrying transient errors). */
export async function commitChunk(db: Firestore, messageId: string, chunk: Chunk, opts: CommitOptions): Promise<ChunkResult> {
  let attempts = 0;
  return withRetry(async (attempt) => {
    attempts = attempt;
    const info: FaultInfo = { messageId, ledgerId: chunk.ledgerId, chunk: chunk.index, attempt };
    const result = await db.runTransaction(
      async (tx): Promise<ChunkResult> => {
        const state = await readLedger(db, tx, chunk);
        if (state.done) {
          return { ledgerId: chunk.ledgerId, status: "already-counted", writes: 0, counted: 0, dropped: 0, entities: 0, attempts };
        }
        const plan = planChunk(messageId, chunk, state.owners);
        const updatedAt = FieldValue.serverTimestamp();
        const expireAt = Timestamp.fromMillis(opts.now() + opts.ttlMs);
        for (const w of plan.writes) {
          const data = toDocument(w, updatedAt, expireAt);
          // Counters and display fields merge into existing documents; ledger
          // documents are new by construction (read as absent above).
          if (w.kind === "ledger" || w.kind === "clientId") tx.create(db.doc(w.path), data);
          else tx.set(db.doc(w.path), data, { merge: true });
        }
        await opts.faults?.beforeCommit?.(info);
        return {
          ledgerId: chunk.ledgerId,
          status: "committed",
          writes: plan.writes.length,
          counted: plan.counted,
          dropped: plan.dropped,
          entities: plan.entities,
          attempts,
        };
      },
      // One attempt per transaction: retries (and their time budget) are ours.
      { maxAttempts: 1 },
    );
    if (result.status === "committed") await opts.faults?.afterCommit?.(info);
    return result;
  }, opts.retry);
}
