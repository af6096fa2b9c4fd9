// Who may post, where and how much: the operator's key, client keys through
// the keyring, publication restrictions and posts per minute per key.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicationKey } from "@newsroom/core/keys";
import type { Post } from "@newsroom/core/post";
import type { Client } from "../../../src/ingest/access.js";
import { newClientKey } from "@newsroom/core/client-key";
import { testAccess } from "./access-helpers.js";

const OPERATOR = "operator-key-0123456789";
const posts = (n: number, publication = "The Times") => Array.from({ length: n }, () => ({ publication, content: "text" }) as Post);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function client(t: ReturnType<typeof testAccess>, key: string): Promise<Client> {
  const who = await t.access.identify(bearer(key), "127.0.0.1");
  assert.ok(who.ok, JSON.stringify(!who.ok && who.outcome));
  return who.client;
}

describe("IngestAccess.identify", () => {
  it("admits the operator's key without a lookup, unlimited unless a param says otherwise", async () => {
    const t = testAccess(OPERATOR);
    assert.deepEqual(await client(t, OPERATOR), { name: "operator", bucket: "operator", ratePerMinute: 0 });
    assert.equal((await client(testAccess(OPERATOR, { operatorPostsPerMinute: 600 }), OPERATOR)).ratePerMinute, 600);
    assert.deepEqual(t.lookups, []);
  });

  it("admits a client key with its restrictions, in every header form", async () => {
    const t = testAccess(OPERATOR);
    const key = t.issue({ client: "Acme", publications: new Set(["the times"]), ratePerMinute: 60 });
    for (const headers of [bearer(key), { "x-api-key": key }, { access_token: key }]) {
      const who = await t.access.identify(headers, "127.0.0.1");
      assert.ok(who.ok);
      assert.equal(who.client.name, "Acme");
      assert.equal(who.client.ratePerMinute, 60);
      assert.deepEqual([...(who.client.publications ?? [])], ["the times"]);
      assert.match(who.client.bucket, /^key:[0-9a-f]{64}$/);
    }
    assert.equal(t.lookups.length, 1, "one lookup, then the cache");
  });

  it("answers 401 without a key, 403 for a wrong, unknown or revoked one, and looks up only what could be a key", async () => {
    const t = testAccess(OPERATOR);
    const status = async (headers: Record<string, string>) => {
      const who = await t.access.identify(headers, "127.0.0.1");
      return who.ok ? 200 : [who.outcome.status, (who.outcome.body as { message: string }).message];
    };
    assert.deepEqual(await status({}), [401, "API key required: send Authorization: Bearer <key> or X-API-Key: <key>"]);
    assert.deepEqual(await status(bearer("wrong")), [403, "API key not valid"]);
    assert.deepEqual(await status(bearer(`${OPERATOR}x`)), [403, "API key not valid"]);
    assert.deepEqual(t.lookups, [], "nothing shaped like a client key: no lookup");
    assert.deepEqual(await status(bearer(newClientKey())), [403, "API key not valid"]);
    assert.deepEqual(await status(bearer(t.issue({ revoked: true }))), [403, "API key revoked"]);
    assert.equal(t.lookups.length, 2);
  });

  it("answers 429 once an address has spent its lookups on unknown keys, and 503 when a lookup fails", async () => {
    const t = testAccess(OPERATOR);
    for (let i = 0; i < 3; i++) assert.equal((await t.access.identify(bearer(newClientKey()), "10.0.0.9")).ok, false);
    const throttled = await t.access.identify(bearer(newClientKey()), "10.0.0.9");
    assert.ok(!throttled.ok);
    assert.equal(throttled.outcome.status, 429);
    assert.equal(throttled.outcome.headers?.["Retry-After"], "20");
    assert.equal(t.lookups.length, 3);
    // A real key not yet in the cache waits for the bucket too; the operator's key needs no lookup.
    assert.equal((await t.access.identify(bearer(OPERATOR), "10.0.0.9")).ok, true);

    const failing = testAccess(OPERATOR);
    failing.grants.get = () => {
      throw new Error("UNAVAILABLE");
    };
    const failed = await failing.access.identify(bearer(newClientKey()), "127.0.0.1");
    assert.ok(!failed.ok);
    assert.equal(failed.outcome.status, 503);
    assert.equal(failed.outcome.headers?.["Retry-After"], "1");
  });
});

describe("IngestAccess.admit and beforeBody", () => {
  it("refuses with 403 and the problems when any post is for a publication the key may not post to, and spends nothing", async () => {
    const t = testAccess(OPERATOR);
    const c = await client(t, t.issue({ publications: new Set([publicationKey("The Times")]), ratePerMinute: 10 }));
    const r = t.access.admit(c, [...posts(2), ...posts(1, "Elsewhere")]);
    assert.ok(!r.ok);
    assert.equal(r.outcome.status, 403);
    assert.deepEqual((r.outcome.body as { problems: unknown[] }).problems, [{ index: 2, path: "publication", message: 'this key may not post to "Elsewhere"' }]);
    const ok = t.access.admit(c, posts(10));
    assert.ok(ok.ok, "the refused request took no tokens");
  });

  it("spends a request's posts all at once: 202 headers, then 429 with Retry-After, 413 for more than a minute's worth", async () => {
    let now = 0;
    const t = testAccess(OPERATOR, { now: () => now });
    const c = await client(t, t.issue({ ratePerMinute: 5 }));
    const first = t.access.admit(c, posts(3));
    assert.deepEqual(first, { ok: true, headers: { "RateLimit-Policy": '"posts-per-key";q=5;w=60;newsroom-unit="posts"', RateLimit: '"posts-per-key";r=2;t=36' } });
    const over = t.access.admit(c, posts(3));
    assert.ok(!over.ok);
    assert.equal(over.outcome.status, 429);
    assert.deepEqual(over.outcome.headers, { "RateLimit-Policy": '"posts-per-key";q=5;w=60;newsroom-unit="posts"', RateLimit: '"posts-per-key";r=2;t=12', "Retry-After": "12" });
    assert.match((over.outcome.body as { message: string }).message, /retry in 12 s \(nothing was accepted\)/);
    const never = t.access.admit(c, posts(6));
    assert.ok(!never.ok);
    assert.equal(never.outcome.status, 413);
    assert.equal(never.outcome.headers?.["Retry-After"], undefined);
    assert.match((never.outcome.body as { message: string }).message, /at most 5 posts per minute/);
    assert.ok(t.access.admit(c, posts(2)).ok);
    const empty = t.access.beforeBody(c);
    assert.equal(empty?.status, 429, "an empty bucket is refused from the head");
    assert.equal(empty?.headers?.["Retry-After"], "12");
    now += 12_000;
    assert.equal(t.access.beforeBody(c), undefined);
  });

  it("keeps each key's bucket apart, and the operator unlimited by default", async () => {
    const t = testAccess(OPERATOR);
    const a = await client(t, t.issue({ ratePerMinute: 2 }));
    const b = await client(t, t.issue({ ratePerMinute: 2 }));
    assert.ok(t.access.admit(a, posts(2)).ok);
    assert.ok(t.access.admit(b, posts(2)).ok);
    const operator = await client(t, OPERATOR);
    assert.deepEqual(t.access.admit(operator, posts(1_000)), { ok: true, headers: {} });
    assert.equal(t.access.beforeBody(operator), undefined);
  });
});
