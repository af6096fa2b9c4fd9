// Who may post to ingest, where, and how much. A request presents either the
// operator's key (INGEST_API_KEY: any publication, and a rate only if
// INGEST_OPERATOR_POSTS_PER_MINUTE sets one) or a client's key from
// `npm run keys` (looked up through the keyring), whose document may restrict
// its publications and posts per minute. The rates are token buckets per key
// in this instance (http/rate-limit.ts).
import type { Post } from "@newsroom/core/post";
import { RateLimiter } from "../http/rate-limit.js";
import { rateLimitHeaders, type Policy } from "../http/rate-limit-headers.js";
import type { Keyring } from "../keys/keyring.js";
import { isClientKeyShaped } from "@newsroom/core/client-key";
import { authenticate, presentedKey, type Headers } from "@newsroom/core/key-auth";
import { failure, type Outcome } from "./head-checks.js";
import type { Problem } from "./parse.js";
import { forbiddenPosts } from "./restrict.js";

/** Whoever a request's key belongs to. */
export type Client = {
  /** Shown in the log (never the key). */
  name: string;
  /** Whose bucket its posts are counted in. */
  bucket: string;
  /** Publication keys it may post to; undefined: any. */
  publications?: ReadonlySet<string>;
  /** Posts per minute; 0: no limit of its own. */
  ratePerMinute: number;
};

export type AccessOptions = {
  operatorKey: () => string;
  operatorPostsPerMinute: () => number;
  keyring: Keyring;
  /** Buckets tracked at once: keys are the operator's handful, so this only bounds memory. */
  maxTrackedKeys?: number;
  now?: () => number;
};

export type Identified = { ok: true; client: Client } | { ok: false; outcome: Outcome };

export const POSTS_POLICY: Policy = { name: "posts-per-key", windowSeconds: 60, unit: "posts" };
/** A client key lookup that failed (Firestore unreachable): retry soon. */
export const LOOKUP_RETRY_SECONDS = 1;

export class IngestAccess {
  private readonly buckets: RateLimiter;

  constructor(private readonly options: AccessOptions) {
    this.buckets = new RateLimiter({ maxTracked: options.maxTrackedKeys ?? 10_000, ...(options.now ? { now: options.now } : {}) });
  }

  /** The client whose key the request presents, or the refusal. `address` pays for lookups that find nothing. */
  async identify(headers: Headers, address: string): Promise<Identified> {
    const operator = authenticate(headers, this.options.operatorKey());
    if (operator.ok) return { ok: true, client: { name: "operator", bucket: "operator", ratePerMinute: this.options.operatorPostsPerMinute() } };
    const key = presentedKey(headers);
    // Not the operator's key, and nothing a lookup could find: no read for it.
    if (operator.status === 401 || key === undefined || !isClientKeyShaped(key)) return refuse(operator.status, operator.message);
    const found = await this.options.keyring.lookup(key, address);
    switch (found.kind) {
      case "found":
        if (found.grant.revoked) return refuse(403, "API key revoked");
        return {
          ok: true,
          client: {
            name: found.grant.client,
            bucket: `key:${found.id}`,
            ...(found.grant.publications ? { publications: found.grant.publications } : {}),
            ratePerMinute: found.grant.ratePerMinute ?? 0,
          },
        };
      case "unknown":
        return refuse(403, "API key not valid");
      case "throttled":
        return {
          ok: false,
          outcome: {
            ...failure(429, "rate_limited", `too many unknown keys from this address; retry in ${found.retryAfterSeconds} s`),
            headers: { "Retry-After": String(found.retryAfterSeconds) },
          },
        };
      case "failed":
        return {
          ok: false,
          outcome: { ...failure(503, "unavailable", "could not check the API key; retry shortly"), headers: { "Retry-After": String(LOOKUP_RETRY_SECONDS) }, error: found.error },
        };
    }
  }

  /** Before the body is read: a 429 when the client's bucket has not a post left. */
  beforeBody(client: Client): Outcome | undefined {
    if (client.ratePerMinute === 0) return undefined;
    const one = this.buckets.check(client.bucket, 1, client.ratePerMinute);
    if (one.ok) return undefined;
    const wait = one.retryAfterSeconds ?? 60;
    return {
      ...failure(429, "rate_limited", `this key may send ${client.ratePerMinute} posts per minute and has none left; retry in ${wait} s`),
      headers: rateLimitHeaders(POSTS_POLICY, one, wait),
    };
  }

  /**
   * Once the posts are known: 403 listing those for publications the key may
   * not post to, else their tokens all at once (429, or 413 for more posts
   * than the key may ever send in a minute), else the headers for the 202.
   */
  admit(client: Client, posts: readonly Post[]): { ok: true; headers: Record<string, string> } | { ok: false; outcome: Outcome } {
    const forbidden: Problem[] = forbiddenPosts(posts, client.publications);
    if (forbidden.length > 0) {
      const message = `${forbidden.length} of ${posts.length} posts are for publications this key may not post to; nothing was accepted`;
      return { ok: false, outcome: failure(403, "forbidden", message, forbidden) };
    }
    if (client.ratePerMinute === 0) return { ok: true, headers: {} };
    const spent = this.buckets.take(client.bucket, posts.length, client.ratePerMinute);
    if (spent.ok) return { ok: true, headers: rateLimitHeaders(POSTS_POLICY, spent) };
    if (spent.retryAfterSeconds === undefined) {
      const message = `this request has ${posts.length} posts; this key may send at most ${client.ratePerMinute} posts per minute: send them in smaller requests`;
      return { ok: false, outcome: { ...failure(413, "too_large", message), headers: rateLimitHeaders(POSTS_POLICY, spent) } };
    }
    const message = `this key may send ${client.ratePerMinute} posts per minute; ${spent.remaining} left now, ${posts.length} needed: retry in ${spent.retryAfterSeconds} s (nothing was accepted)`;
    return { ok: false, outcome: { ...failure(429, "rate_limited", message), headers: rateLimitHeaders(POSTS_POLICY, spent, spent.retryAfterSeconds) } };
  }
}

function refuse(status: 401 | 403, message: string): Identified {
  const headers: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="ingest"' } : {};
  return { ok: false, outcome: { ...failure(status, status === 401 ? "unauthenticated" : "forbidden", message), headers } };
}
