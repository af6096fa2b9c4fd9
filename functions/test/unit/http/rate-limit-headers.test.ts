// RateLimit-Policy, RateLimit and Retry-After as draft-ietf-httpapi-ratelimit-headers-11 writes them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rateLimitHeaders } from "../../../src/http/rate-limit-headers.js";

describe("rateLimitHeaders", () => {
  it("writes the policy (q, w) and the bucket (r, t until full) as Structured Field lists", () => {
    assert.deepEqual(rateLimitHeaders({ name: "requests-per-address", windowSeconds: 60 }, { limit: 600, remaining: 598, fullInSeconds: 1 }), {
      "RateLimit-Policy": '"requests-per-address";q=600;w=60',
      RateLimit: '"requests-per-address";r=598;t=1',
    });
  });

  it("names a unit the draft's registry lacks in a vendor parameter", () => {
    const h = rateLimitHeaders({ name: "posts-per-key", windowSeconds: 60, unit: "posts" }, { limit: 5, remaining: 2, fullInSeconds: 36 });
    assert.equal(h["RateLimit-Policy"], '"posts-per-key";q=5;w=60;newsroom-unit="posts"');
  });

  it("on a refusal adds Retry-After and ends the effective window with it", () => {
    const h = rateLimitHeaders({ name: "posts-per-key", windowSeconds: 60 }, { limit: 5, remaining: 2, fullInSeconds: 36 }, 12);
    assert.equal(h["Retry-After"], "12");
    assert.equal(h.RateLimit, '"posts-per-key";r=2;t=12');
  });

  it("quotes and escapes the policy name, and refuses one no header can carry", () => {
    assert.equal(rateLimitHeaders({ name: 'a"b\\c', windowSeconds: 1 }, { limit: 1, remaining: 1, fullInSeconds: 0 }).RateLimit, '"a\\"b\\\\c";r=1;t=0');
    assert.throws(() => rateLimitHeaders({ name: "é", windowSeconds: 1 }, { limit: 1, remaining: 1, fullInSeconds: 0 }));
  });
});
