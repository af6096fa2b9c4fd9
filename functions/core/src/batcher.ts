// Packs posts into Pub/Sub messages and coalesces concurrent requests.
//
// Posts from every request in this instance join one open batch; the batch is
// sealed and published when it reaches maxPosts, when the next post would push
// it over maxBytes, or windowMs after its first post arrived. A request's
// promise settles once every one of its posts is in a confirmed message; if any
// message holding one of its posts fails, it rejects (the handler answers 503),
// so no request is ever acknowledged for a post that was not published.
import { ENVELOPE_BYTES, encodeMessage } from "./message.js";
import type { Post } from "./post.js";

export type PublishFn = (data: Buffer) => Promise<string>;

export type BatcherOptions = {
  publish: PublishFn;
  maxPosts: number;
  maxBytes: number;
  windowMs: number;
  now?: () => Date;
};

export class PublishError extends Error {
  constructor(cause: unknown) {
    super(`publishing to Pub/Sub failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

type Ticket = {
  unpublished: number;
  messageIds: string[];
  failed: boolean;
  resolve: (ids: string[]) => void;
  reject: (err: PublishError) => void;
};

type Batch = { posts: Post[]; tickets: Ticket[]; bytes: number };

export class Batcher {
  private open: Batch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: BatcherOptions) {
    if (options.maxPosts < 1) throw new Error("maxPosts must be at least 1");
    if (options.maxBytes <= ENVELOPE_BYTES) throw new Error(`maxBytes must exceed the ${ENVELOPE_BYTES}-byte envelope`);
    this.now = options.now ?? (() => new Date());
  }

  /** Resolves with the ids of the messages that hold these posts, in publish order. */
  submit(posts: readonly Post[]): Promise<string[]> {
    if (posts.length === 0) return Promise.resolve([]);
    return new Promise<string[]>((resolve, reject) => {
      const ticket: Ticket = { unpublished: posts.length, messageIds: [], failed: false, resolve, reject };
      for (const post of posts) this.add(post, ticket);
      if (this.open && !this.timer) {
        this.timer = setTimeout(() => this.seal(), this.options.windowMs);
      }
    });
  }

  private add(post: Post, ticket: Ticket): void {
    const size = Buffer.byteLength(JSON.stringify(post), "utf8");
    if (ENVELOPE_BYTES + size > this.options.maxBytes) {
      // Too big to share a message: it goes alone (post limits keep it under the event limit).
      this.publish({ posts: [post], tickets: [ticket], bytes: ENVELOPE_BYTES + size });
      return;
    }
    if (this.open && this.open.bytes + 1 + size > this.options.maxBytes) this.seal();
    const batch = (this.open ??= { posts: [], tickets: [], bytes: ENVELOPE_BYTES - 1 });
    batch.posts.push(post);
    batch.tickets.push(ticket);
    batch.bytes += 1 + size; // the comma before every post but the first is the -1 above
    if (batch.posts.length >= this.options.maxPosts) this.seal();
  }

  private seal(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.open;
    this.open = undefined;
    if (batch) this.publish(batch);
  }

  private publish(batch: Batch): void {
    const data = encodeMessage(batch.posts, this.now());
    const perTicket = new Map<Ticket, { count: number; slot: number }>();
    for (const t of batch.tickets) {
      const seen = perTicket.get(t);
      if (seen) seen.count++;
      // The id's place is taken now: Pub/Sub may confirm messages in any order.
      else perTicket.set(t, { count: 1, slot: t.messageIds.push("") - 1 });
    }
    this.options.publish(data).then(
      (messageId) => {
        for (const [ticket, { count, slot }] of perTicket) {
          if (ticket.failed) continue;
          ticket.messageIds[slot] = messageId;
          ticket.unpublished -= count;
          if (ticket.unpublished === 0) ticket.resolve(ticket.messageIds);
        }
      },
      (err: unknown) => {
        const error = new PublishError(err);
        for (const ticket of perTicket.keys()) {
          if (ticket.failed) continue;
          ticket.failed = true;
          ticket.reject(error);
        }
      },
    );
  }
}
