// One Pub/Sub message of posts -> its articles and its delta, exactly once.
// All I/O and environment comes in through `deps`, so tests call this directly
// against the Firestore emulator (and production wires the real ones).
//
// One bad post costs only itself: a post the extractor fails on, or whose
// commit Firestore refuses for good (INVALID_ARGUMENT: a value too large, too
// many index entries), goes to quarantine with its reason, and every other post
// of the message is counted. Transient Firestore errors are retried within the
// budget, then rethrown so Pub/Sub redelivers; the article documents make every
// redelivery count each post at most once.
import { FieldValue, Timestamp, type Firestore } from "firebase-admin/firestore";
import { DAY_MS, paths, quarantineId, STORED_LIMITS, TTL, type QuarantineDoc } from "@newsroom/core/firestore-schema";
import { DEFAULT_DATE_BOUNDS, publishedAtProblem, type DateBounds } from "@newsroom/core/dates";
import { decodeMessage } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";
import type { Extracted } from "@newsroom/core/extract-pool";
import { POSTS_PER_COMMIT } from "@newsroom/core/pipeline-defaults";
import { isPermanentFirestoreError, withRetry, type RetryOptions } from "@newsroom/core/retry";
import { summarisePost, type PostSummary } from "@newsroom/core/summarise";
import type { Logger } from "../log.js";
import { commitSummaries, type CommitContext, type CommitResult } from "./commit.js";

export interface HandlerDeps {
  db: Firestore;
  /** Each text's entities, or why not; production runs it on the extraction pool (extractEach). */
  extract: (texts: readonly string[]) => Promise<Extracted[]>;
  logger: Logger;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Rollup window length (ROLLUP_WINDOW_SECONDS). */
  windowSeconds: number;
  /** Honour the legacy ledger/ and clientIds/ (READ_LEGACY_LEDGER). */
  legacy?: boolean;
  /** Honour the article ids posts without a client id had before (READ_PREVIOUS_ARTICLE_IDS). */
  previousIds?: boolean;
  /** The days a post may count on; a post outside them (published on the topic by other means) is quarantined. */
  dates?: DateBounds;
  /** Articles expire after this long; undefined keeps them (ARTICLE_RETENTION_DAYS = 0). */
  articleTtlMs?: number;
  /** Told of each window a delta went into (production: a rollup tick, once per window and instance). */
  onWindow?: (windowEnd: number) => Promise<void>;
  /** Retry policy for transient Firestore errors. */
  retry?: Partial<RetryOptions>;
}

export interface PostsMessageInput {
  /** Pub/Sub messageId: the idempotency key of posts without a client id. */
  messageId: string;
  /** The message body: bytes, or the already-decoded UTF-8 text (not base64). */
  data: Buffer | string;
}

export interface ProcessedResult {
  status: "processed";
  messageId: string;
  posts: number;
  /** Posts counted by this delivery. */
  counted: number;
  /** Posts this message had counted already (redelivery). */
  already: number;
  /** Posts whose client id was counted by another message, or earlier in this one. */
  duplicates: number;
  /** Posts sent to quarantine (extraction failed, or Firestore refused them for good). */
  quarantined: number;
  mentions: number;
  commits: number;
  writes: number;
  reads: number;
  windows: number[];
  extractMs: number;
  commitMs: number;
}

export interface QuarantinedResult {
  status: "quarantined";
  messageId: string;
  reason: string;
}

export type HandleResult = ProcessedResult | QuarantinedResult;

const elapsed = (start: bigint) => Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;

/** A Pub/Sub message from firebase-functions' CloudEvent to handler input (data is base64 there). */
export function inputFromPubsub(message: { messageId: string; data?: string | null }): PostsMessageInput {
  return { messageId: message.messageId, data: Buffer.from(message.data ?? "", "base64") };
}

async function quarantine(
  deps: HandlerDeps,
  id: string,
  fields: { messageId: string; index?: number; publication?: string; reason: string; payload: Buffer },
): Promise<void> {
  const now = deps.now ?? Date.now;
  const doc: QuarantineDoc<Timestamp | FieldValue> = {
    messageId: fields.messageId,
    reason: fields.reason.slice(0, STORED_LIMITS.quarantineReasonChars),
    bytes: fields.payload.length,
    excerpt: fields.payload.subarray(0, STORED_LIMITS.quarantineExcerptBytes).toString("utf8"),
    truncated: fields.payload.length > STORED_LIMITS.quarantineExcerptBytes,
    quarantinedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(now() + TTL.quarantineDays * DAY_MS),
  };
  if (fields.index !== undefined) doc.index = fields.index;
  if (fields.publication !== undefined) doc.publication = fields.publication.slice(0, STORED_LIMITS.publicationNameChars);
  // Idempotent: a redelivery overwrites its own document.
  await withRetry(() => deps.db.doc(paths.quarantine(id)).set(doc), deps.retry);
  deps.logger.warn(fields.index === undefined ? "processPosts: poison message quarantined" : "processPosts: post quarantined", {
    messageId: fields.messageId,
    ...(fields.index !== undefined ? { index: fields.index } : {}),
    reason: doc.reason,
    bytes: doc.bytes,
  });
}

const postPayload = (post: Post) => Buffer.from(JSON.stringify(post), "utf8");

/**
 * Commits `group`; when Firestore refuses it for good, halves it until the
 * post to blame stands alone, and quarantines that one. Nothing of a refused
 * commit was written, so committing its halves is safe.
 */
async function commitIsolating(
  ctx: CommitContext,
  deps: HandlerDeps,
  group: readonly PostSummary[],
  into: { results: CommitResult[]; quarantined: number },
): Promise<void> {
  try {
    into.results.push(await commitSummaries(ctx, group));
  } catch (err) {
    if (!isPermanentFirestoreError(err)) throw err;
    if (group.length === 1) {
      const s = group[0]!;
      const post = ctx.posts[s.index]!;
      await quarantine(deps, quarantineId(ctx.messageId, s.index), {
        messageId: ctx.messageId,
        index: s.index,
        publication: post.publication,
        reason: `Firestore refused the post: ${(err as Error).message}`,
        payload: postPayload(post),
      });
      into.quarantined++;
      return;
    }
    const mid = Math.ceil(group.length / 2);
    await commitIsolating(ctx, deps, group.slice(0, mid), into);
    await commitIsolating(ctx, deps, group.slice(mid), into);
  }
}

/**
 * Handles one message: decode (poison -> quarantine, no throw), extract each
 * post (failures -> that post to quarantine), commit its articles and delta
 * exactly once, log one structured line.
 */
export async function handlePostsMessage(input: PostsMessageInput, deps: HandlerDeps): Promise<HandleResult> {
  const decoded = decodeMessage(input.data);
  if (!decoded.ok) {
    const payload = typeof input.data === "string" ? Buffer.from(input.data, "utf8") : input.data;
    await quarantine(deps, quarantineId(input.messageId), { messageId: input.messageId, reason: decoded.reason, payload });
    return { status: "quarantined", messageId: input.messageId, reason: decoded.reason.slice(0, STORED_LIMITS.quarantineReasonChars) };
  }
  const { posts, receivedAt } = decoded.message;
  const received = new Date(receivedAt);

  const t0 = process.hrtime.bigint();
  const extracted = await deps.extract(posts.map((p) => p.content));
  const extractMs = elapsed(t0);
  if (extracted.length !== posts.length) throw new Error(`extractor returned ${extracted.length} results for ${posts.length} posts`);

  let quarantined = 0;
  let mentions = 0;
  let repeats = 0;
  const summaries: PostSummary[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < posts.length; i++) {
    const x = extracted[i]!;
    if (!x.ok) {
      await quarantine(deps, quarantineId(input.messageId, i), {
        messageId: input.messageId,
        index: i,
        publication: posts[i]!.publication,
        reason: x.reason,
        payload: postPayload(posts[i]!),
      });
      quarantined++;
      continue;
    }
    const dated = publishedAtProblem(posts[i]!.publishedAt, received, deps.dates ?? DEFAULT_DATE_BOUNDS);
    if (dated) {
      await quarantine(deps, quarantineId(input.messageId, i), { messageId: input.messageId, index: i, publication: posts[i]!.publication, reason: dated, payload: postPayload(posts[i]!) });
      quarantined++;
      continue;
    }
    mentions += x.entities.length;
    const s = summarisePost(input.messageId, i, posts[i]!, x.entities, received);
    // The same client id twice in one message: the first occurrence counts.
    if (seen.has(s.articleId)) {
      repeats++;
      continue;
    }
    seen.add(s.articleId);
    summaries.push(s);
  }

  const ctx: CommitContext = {
    db: deps.db,
    messageId: input.messageId,
    receivedAt: received,
    posts,
    now: deps.now ?? Date.now,
    windowSeconds: deps.windowSeconds,
    legacy: deps.legacy ?? false,
    previousIds: deps.previousIds ?? false,
    articleTtlMs: deps.articleTtlMs,
    ...(deps.retry ? { retry: deps.retry } : {}),
  };
  const t1 = process.hrtime.bigint();
  const done = { results: [] as CommitResult[], quarantined: 0 };
  for (let from = 0; from < summaries.length; from += POSTS_PER_COMMIT) {
    // Groups by position in the message, never by what extraction found.
    const group = summaries.filter((s) => s.index >= from && s.index < from + POSTS_PER_COMMIT);
    if (group.length > 0) await commitIsolating(ctx, deps, group, done);
  }
  const commitMs = elapsed(t1);

  const sum = (f: (r: CommitResult) => number) => done.results.reduce((n, r) => n + f(r), 0);
  const windows = [...new Set(done.results.map((r) => r.windowEnd).filter((w): w is number => w !== undefined))];
  for (const w of windows) {
    // A lost tick only delays its window until the next sweep.
    await deps.onWindow?.(w).catch((err: unknown) => deps.logger.warn("processPosts: rollup tick not sent", { windowEnd: w, error: String(err) }));
  }
  const result: ProcessedResult = {
    status: "processed",
    messageId: input.messageId,
    posts: posts.length,
    counted: sum((r) => r.counted),
    already: sum((r) => r.already),
    duplicates: sum((r) => r.duplicates) + repeats,
    quarantined: quarantined + done.quarantined,
    mentions,
    commits: done.results.length,
    writes: sum((r) => r.writes),
    reads: sum((r) => r.reads),
    windows,
    extractMs,
    commitMs,
  };
  deps.logger.info("processPosts: message processed", { ...result });
  return result;
}
