// Committing a message's posts: one transaction that reads each post's article
// document (and, during an upgrade, the legacy ledger), skips the posts already
// counted, and creates the article documents of the others together with the
// delta holding their counts, in the rollup window that is still open.
//
// Exactly once rests on the article documents alone: a post is counted by the
// transaction that creates its article, and creating it twice is impossible.
// So how posts are grouped into commits does not matter for correctness: a
// redelivered message, a retry after a partial failure, or a deploy that
// changed the extractor in between all count each post at most once. The
// transaction writes no document another message writes, except the article
// of a post whose client id another message also carries.
//
// The window: a delta belongs to the rollup batch whose range holds its commit
// time (createdAt, the server's timestamp of this very commit), so a commit
// that lands late simply joins the next batch. The transaction reads nothing
// the rollup writes: processPosts never waits on, or is aborted by, it.
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import { COLLECTIONS, deltaId, paths, previousArticleId, TTL, DAY_MS, windowEndOf, type ArticleDoc, type DeltaDoc } from "@newsroom/core/firestore-schema";
import type { Post } from "@newsroom/core/post";
import { deltaOf, splitDelta } from "@newsroom/core/delta";
import { isAlreadyExists, isTransientFirestoreError, withRetry, type RetryOptions } from "@newsroom/core/retry";
import type { PostSummary } from "@newsroom/core/summarise";

export interface CommitContext {
  db: Firestore;
  messageId: string;
  receivedAt: Date;
  /** The message's posts, by index. */
  posts: readonly Post[];
  now: () => number;
  windowSeconds: number;
  /** Also honour the layout before the rollup (ledger/, clientIds/) while its entries live. */
  legacy: boolean;
  /** Also honour the article ids posts without a client id had before the kinds were kept apart (previousArticleId). */
  previousIds: boolean;
  /** Articles expire after this long; undefined keeps them. */
  articleTtlMs: number | undefined;
  retry?: Partial<RetryOptions>;
}

export interface CommitResult {
  /** Posts this commit counted. */
  counted: number;
  /** Posts whose article this message had already committed (a redelivery). */
  already: number;
  /** Posts whose client id another message (or the legacy layout) already counted. */
  duplicates: number;
  /** The window the delta went into (undefined when nothing was counted). */
  windowEnd: number | undefined;
  writes: number;
  reads: number;
}

function articleDoc(s: PostSummary, post: Post, ctx: CommitContext): ArticleDoc<Timestamp | FieldValue> {
  const doc: ArticleDoc<Timestamp | FieldValue> = {
    pubKey: s.pubKey,
    publication: s.publication,
    day: s.day,
    at: Timestamp.fromDate(s.at),
    receivedAt: Timestamp.fromDate(ctx.receivedAt),
    messageId: ctx.messageId,
    index: s.index,
    ents: s.entities.map((e) => e.id),
    mentions: s.entities.map((e) => e.mentions),
  };
  if (post.title !== undefined) doc.title = post.title;
  if (post.url !== undefined) doc.url = post.url;
  if (post.publishedAt !== undefined) doc.publishedAt = post.publishedAt;
  if (s.clientId !== undefined) doc.clientId = s.clientId;
  if (s.truncated) doc.truncated = true;
  if (ctx.articleTtlMs !== undefined) doc.expireAt = Timestamp.fromMillis(ctx.now() + ctx.articleTtlMs);
  return doc;
}

/** Counts `summaries` (posts of one message) exactly once; transient errors retried within the budget. */
export async function commitSummaries(ctx: CommitContext, summaries: readonly PostSummary[]): Promise<CommitResult> {
  const { db } = ctx;
  return withRetry(
    () =>
      db.runTransaction(
        async (tx): Promise<CommitResult> => {
          const articleRefs = summaries.map((s) => db.doc(paths.article(s.articleId)));
          const legacyRefs: Array<DocumentReference | undefined> = summaries.map((s) =>
            ctx.legacy && s.clientId !== undefined ? db.doc(paths.legacyClientId(s.articleId)) : undefined,
          );
          const previousRefs: Array<DocumentReference | undefined> = summaries.map((s) =>
            ctx.previousIds && s.clientId === undefined ? db.doc(paths.article(previousArticleId(ctx.messageId, s.index))) : undefined,
          );
          const extra = [...legacyRefs, ...previousRefs].filter((r): r is DocumentReference => r !== undefined);
          const snaps = await tx.getAll(...articleRefs, ...extra);
          let readCount = snaps.length;
          if (ctx.legacy) {
            // Counted by the code before the rollup (its ledger names the message): nothing to add.
            const old = await tx.get(db.collection(COLLECTIONS.legacyLedger).where("messageId", "==", ctx.messageId).limit(1));
            readCount += Math.max(1, old.size);
            if (!old.empty) return { counted: 0, already: summaries.length, duplicates: 0, windowEnd: undefined, writes: 0, reads: readCount };
          }
          let k = summaries.length;
          const legacySnaps = legacyRefs.map((r) => (r ? snaps[k++]!.exists : false));
          // A previous id counts only if its document is this very post's: a client id could have produced it.
          const previousSnaps = previousRefs.map((r, i) => {
            const snap = r ? snaps[k++]! : undefined;
            return snap?.exists === true && snap.get("messageId") === ctx.messageId && snap.get("index") === summaries[i]!.index;
          });
          const fresh: PostSummary[] = [];
          let already = 0;
          let duplicates = 0;
          summaries.forEach((s, i) => {
            const snap = snaps[i]!;
            if (snap.exists) {
              if (snap.get("messageId") === ctx.messageId) already++;
              else duplicates++;
            } else if (previousSnaps[i]) already++;
            else if (legacySnaps[i]) duplicates++;
            else fresh.push(s);
          });
          if (fresh.length === 0) return { counted: 0, already, duplicates, windowEnd: undefined, writes: 0, reads: readCount };

          // The window by this instance's clock: which rollup tick to send (the batch is by createdAt).
          const windowEnd = windowEndOf(ctx.now(), ctx.windowSeconds);
          const expireAt = Timestamp.fromMillis(ctx.now() + TTL.deltasDays * DAY_MS);
          for (const s of fresh) {
            const i = summaries.indexOf(s);
            tx.create(articleRefs[i]!, articleDoc(s, ctx.posts[s.index]!, ctx));
          }
          const pieces = splitDelta(deltaOf(fresh));
          pieces.forEach((pubs, part) => {
            const doc: DeltaDoc<Timestamp | FieldValue> = {
              windowEnd,
              messageId: ctx.messageId,
              part,
              parts: pieces.length,
              posts: part === 0 ? fresh.length : 0,
              pubs,
              createdAt: FieldValue.serverTimestamp(),
              expireAt,
            };
            tx.create(db.doc(paths.delta(deltaId(ctx.messageId, fresh[0]!.index, part))), doc);
          });
          return { counted: fresh.length, already, duplicates, windowEnd, writes: fresh.length + pieces.length, reads: readCount };
        },
        // One attempt per transaction: retries (and their time budget) are ours.
        { maxAttempts: 1 },
      ),
    // A post's article created since this transaction read it: run it again, and it is skipped.
    { ...ctx.retry, isRetryable: (e) => (ctx.retry?.isRetryable ?? isTransientFirestoreError)(e) || isAlreadyExists(e) },
  );
}
