// Per-instance rate limits: a token bucket per key (a client key, a client
// address) that holds at most `perMinute` tokens and refills continuously at
// `perMinute` a minute, so a client may spend a minute's allowance at once and
// then keeps to its rate. Pure: time comes from the injected clock.
//
// Memory is bounded: at most `maxTracked` buckets, the least recently used
// dropped first. A dropped bucket starts again full, so what eviction can cost
// is one window's allowance of a client that was idle while many others came.
import { LRUCache } from "lru-cache";

/** What a bucket holds for a client: its quota, what is left of it, and seconds until it is full again. */
export type BucketState = { limit: number; remaining: number; fullInSeconds: number };

/**
 * The outcome of spending: `retryAfterSeconds` is when the same spend would
 * succeed, or undefined when it never can (more than the bucket holds).
 */
export type Spend = BucketState & ({ ok: true } | { ok: false; retryAfterSeconds: number | undefined });

type Bucket = { tokens: number; at: number };

const MINUTE_MS = 60_000;

export class RateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly now: () => number;

  constructor(options: { maxTracked: number; now?: () => number }) {
    this.buckets = new LRUCache({ max: options.maxTracked });
    this.now = options.now ?? Date.now;
  }

  /** The bucket as it stands, spending nothing. */
  peek(key: string, perMinute: number): BucketState {
    return state(this.refilled(key, perMinute, { track: false }), perMinute);
  }

  /** Whether `n` tokens could be taken now, taking none. */
  check(key: string, n: number, perMinute: number): Spend {
    return verdict(this.refilled(key, perMinute, { track: false }), n, perMinute);
  }

  /** Takes `n` tokens, all or none. */
  take(key: string, n: number, perMinute: number): Spend {
    const bucket = this.refilled(key, perMinute, { track: true });
    const spend = verdict(bucket, n, perMinute);
    if (!spend.ok) return spend;
    bucket.tokens -= n;
    return { ...state(bucket, perMinute), ok: true };
  }

  /** Gives back `n` tokens taken earlier (never past a full bucket). */
  give(key: string, n: number, perMinute: number): void {
    const bucket = this.refilled(key, perMinute, { track: false });
    bucket.tokens = Math.min(perMinute, bucket.tokens + n);
  }

  /** Buckets tracked now (for tests of the bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, perMinute: number, { track }: { track: boolean }): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) {
      const fresh = { tokens: perMinute, at: now };
      // A look at an untracked bucket finds it full; only spending starts tracking it.
      if (track) this.buckets.set(key, fresh);
      return fresh;
    }
    // A key's rate may change (its document was edited): never more than the new quota.
    bucket.tokens = Math.min(perMinute, bucket.tokens + (Math.max(0, now - bucket.at) * perMinute) / MINUTE_MS);
    bucket.at = now;
    return bucket;
  }
}

function verdict(bucket: Bucket, n: number, perMinute: number): Spend {
  if (n > perMinute) return { ...state(bucket, perMinute), ok: false, retryAfterSeconds: undefined };
  if (bucket.tokens >= n) return { ...state(bucket, perMinute), ok: true };
  return { ...state(bucket, perMinute), ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((n - bucket.tokens) * MINUTE_MS) / perMinute / 1000)) };
}

function state(bucket: Bucket, perMinute: number): BucketState {
  const missing = perMinute - bucket.tokens;
  return {
    limit: perMinute,
    remaining: Math.floor(bucket.tokens),
    fullInSeconds: missing <= 0 ? 0 : Math.ceil((missing * MINUTE_MS) / perMinute / 1000),
  };
}
