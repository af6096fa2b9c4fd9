// The rate-limit fields of an answer: RateLimit-Policy and RateLimit as the
// IETF draft defines them (draft-ietf-httpapi-ratelimit-headers-11: Structured
// Field lists of a quoted policy name with parameters; q quota, w window in
// seconds; r remaining quota, t seconds of the effective window), and
// Retry-After (delay-seconds). Pure.
import type { BucketState } from "./rate-limit.js";

export type Policy = {
  /** The policy's name (a Structured Field string: printable ASCII). */
  name: string;
  windowSeconds: number;
  /**
   * What the quota counts when it is not requests. The draft's registry of
   * quota units (its qu parameter) has requests, content-bytes and
   * concurrent-requests only, so another unit goes in a vendor parameter.
   */
  unit?: string;
};

/** The fields for a client's bucket; with `retryAfterSeconds`, those of a refusal. */
export function rateLimitHeaders(policy: Policy, bucket: BucketState, retryAfterSeconds?: number): Record<string, string> {
  const name = sfString(policy.name);
  const unit = policy.unit === undefined ? "" : `;newsroom-unit=${sfString(policy.unit)}`;
  // A refusal's effective window ends with its Retry-After (the draft: Retry-After
  // should not point before the window's end).
  const t = retryAfterSeconds ?? bucket.fullInSeconds;
  return {
    "RateLimit-Policy": `${name};q=${bucket.limit};w=${policy.windowSeconds}${unit}`,
    RateLimit: `${name};r=${bucket.remaining};t=${t}`,
    ...(retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) }),
  };
}

/** A Structured Field string (RFC 9651 §3.3.3): quoted, with backslash and quote escaped. */
function sfString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`not a Structured Field string: ${JSON.stringify(text)}`);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Every response header the rate-limit fields use, for CORS's Access-Control-Expose-Headers. */
export const RATE_LIMIT_HEADER_NAMES = ["RateLimit-Policy", "RateLimit", "Retry-After"] as const;
