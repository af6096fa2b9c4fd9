// Which client a presented key belongs to, as ingest asks on every request.
// Keys are looked up by their hash (@newsroom/store/client-keys) and the
// answer is kept in the instance for `ttlMs`, so a revocation takes effect
// within that time; an unknown key is kept too, for `missTtlMs`. Concurrent lookups of one key share
// one read. Lookups are paid for in advance from a bucket per client address
// and refunded when they find a key, so an address trying random keys costs at
// most `failedLookupsPerMinute` Firestore reads a minute. Memory is bounded by
// `maxKeys` cached answers and `maxAddresses` buckets. I/O only through `load`.
import { LRUCache } from "lru-cache";
import { clientKeyId } from "@newsroom/core/firestore-schema";
import { RateLimiter } from "../http/rate-limit.js";
import type { ClientGrant } from "@newsroom/store/client-keys";

export type KeyringOptions = {
  /** The grant of the key with this id (its hash), or undefined for no such key. */
  load: (id: string) => Promise<ClientGrant | undefined>;
  ttlMs: number;
  missTtlMs: number;
  failedLookupsPerMinute: number;
  maxKeys?: number;
  maxAddresses?: number;
  /** A lookup still unanswered by then fails (the request gets 503), rather than holding the request. */
  lookupTimeoutMs?: number;
  now?: () => number;
};

export type KeyLookup =
  | { kind: "found"; id: string; grant: ClientGrant }
  | { kind: "unknown" }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "failed"; error: string };

/** What the cache keeps per key id: the grant, or null for no such key. */
type Known = { grant: ClientGrant | null };

export const KEYRING_BOUNDS = { maxKeys: 10_000, maxAddresses: 10_000, lookupTimeoutMs: 5_000 } as const;

export class Keyring {
  private readonly known: LRUCache<string, Known>;
  private readonly pending = new Map<string, Promise<ClientGrant | undefined>>();
  private readonly lookups: RateLimiter;

  constructor(private readonly options: KeyringOptions) {
    const now = options.now ?? Date.now;
    this.known = new LRUCache<string, Known>({ max: options.maxKeys ?? KEYRING_BOUNDS.maxKeys, ttl: options.ttlMs, ttlResolution: 0, perf: { now } });
    this.lookups = new RateLimiter({ maxTracked: options.maxAddresses ?? KEYRING_BOUNDS.maxAddresses, now });
  }

  async lookup(key: string, address: string): Promise<KeyLookup> {
    const id = clientKeyId(key);
    const cached = this.known.get(id);
    if (cached) return cached.grant ? { kind: "found", id, grant: cached.grant } : { kind: "unknown" };
    let loading = this.pending.get(id);
    if (!loading) {
      const perMinute = this.options.failedLookupsPerMinute;
      const paid = this.lookups.take(address, 1, perMinute);
      if (!paid.ok) return { kind: "throttled", retryAfterSeconds: paid.retryAfterSeconds ?? 60 };
      loading = this.load(id).then(
        (grant) => {
          // Only a miss stays paid for: a client presenting its own new key costs its address nothing.
          if (grant) this.lookups.give(address, 1, perMinute);
          this.known.set(id, { grant: grant ?? null }, grant ? {} : { ttl: this.options.missTtlMs });
          return grant;
        },
        (err: unknown) => {
          this.lookups.give(address, 1, perMinute); // Firestore's failure, not the client's
          throw err;
        },
      );
      loading.catch(() => undefined).finally(() => this.pending.delete(id));
      this.pending.set(id, loading);
    }
    try {
      const grant = await loading;
      return grant ? { kind: "found", id, grant } : { kind: "unknown" };
    } catch (err) {
      return { kind: "failed", error: String(err).slice(0, 200) };
    }
  }

  private load(id: string): Promise<ClientGrant | undefined> {
    const ms = this.options.lookupTimeoutMs ?? KEYRING_BOUNDS.lookupTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`key lookup took over ${ms} ms`)), ms);
    });
    return Promise.race([this.options.load(id), timeout]).finally(() => clearTimeout(timer));
  }
}
