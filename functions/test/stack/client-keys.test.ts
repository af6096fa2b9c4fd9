// Issue 19 on the runtime stack: per-client ingest keys (made with the module
// `npm run keys` uses), their publication restrictions and rates, revocation
// within the instance's key cache lifetime, the operator's key beside them, and
// the read API's limit per client address. Every refused request is checked
// against the topic: nothing of it may be published.
//
// The key cache's lifetime is a param of the stack (INGEST_KEY_CACHE_SECONDS,
// default 30); give the test the same value in its environment when the stack
// runs with another, so it checks revocation against it.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { decodeMessage } from "@newsroom/core/message";
import { createKey, revokeKeys, type KeySpec } from "@newsroom/store/client-keys";
import { emulator, required } from "../emulator/support/env.js";
import { postToIngest } from "../emulator/support/ingest.js";
import { PullSubscription, type PulledMessage } from "@newsroom/harness/pubsub-pull";

const run = randomBytes(3).toString("hex");
const KEY_CACHE_SECONDS = Number(process.env.INGEST_KEY_CACHE_SECONDS ?? 30);

const db = () => getFirestore(getApps()[0] ?? initializeApp({ projectId: emulator.project() }));
const issue = async (spec: Omit<KeySpec, "client"> & { client?: string }) => (await createKey(db(), { client: `Stack client ${run}`, ...spec })).key;

const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  postToIngest("/posts", typeof body === "string" ? body : JSON.stringify(body), { authorization: `Bearer ${key}`, ...headers });

const postFor = (publication: string, n: number) => ({ publication, content: `Angela Merkel met Emmanuel Macron in Paris (${n}).`, id: `${run}-${publication}-${n}` });
const posts = (publication: string, count: number, from = 0) => Array.from({ length: count }, (_, i) => postFor(publication, from + i));

/** A GET of the read API from a loopback address of our own, so the test has a per-address bucket to itself. */
function apiGet(from: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const base = new URL(required("API_URL"));
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path: `${base.pathname.replace(/\/$/, "")}${path}`, localAddress: from, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
  });
}
const loopback = () => `127.${1 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 250)}`;

describe("per-client ingest keys on the runtime stack", () => {
  let subscription: PullSubscription;
  const published: PulledMessage[] = [];
  const publishedPosts = () => published.flatMap((m) => {
    const d = decodeMessage(m.data);
    return d.ok ? d.message.posts : [];
  });
  /** Waits until every message id arrived; returns the publications of their posts. */
  const arrived = async (ids: string[]) => {
    published.push(...(await subscription.pullUntil((all) => ids.every((id) => [...published, ...all].some((m) => m.messageId === id)))));
    return published.filter((m) => ids.includes(m.messageId));
  };
  /** Publications no refused request may ever have published a post for. */
  const refusedPublications = new Set<string>();

  before(async () => {
    subscription = await PullSubscription.create(emulator.pubsubHost(), emulator.project(), "posts", { prefix: "test" });
  });
  after(async () => {
    published.push(...(await subscription.pullUntil(() => false, 2_000)));
    assert.deepEqual(publishedPosts().filter((p) => refusedPublications.has(p.publication)).map((p) => p.id), [], "no refused post was published");
    await subscription.delete();
  });

  it("accepts a created key in each header form: 202, the posts on the topic", async () => {
    const key = await issue({});
    const pub = `Keyed ${run}`;
    const answers = [
      await post(key, posts(pub, 2)),
      await post(key, posts(pub, 1, 2), { authorization: "", "x-api-key": key }),
      await post(key, postFor(pub, 3), { authorization: "", access_token: key }),
    ];
    for (const a of answers) assert.equal(a.status, 202, a.text);
    const messages = await arrived(answers.flatMap((a) => a.body.messageIds as string[]));
    assert.equal(messages.length >= 1, true);
    assert.deepEqual(publishedPosts().filter((p) => p.publication === pub).map((p) => p.id).sort(), posts(pub, 4).map((p) => p.id).sort());
  });

  it("still accepts the operator's key (INGEST_API_KEY), with no rate of its own", async () => {
    const a = await post(emulator.apiKey(), posts(`Operator ${run}`, 3));
    assert.equal(a.status, 202, a.text);
    assert.equal(a.headers.get("ratelimit"), null);
  });

  it("answers 403 for an unknown key, a key-shaped guess or a revoked key, and stops a revoked key within the cache lifetime", async (t) => {
    const refused = `Revoked ${run}`;
    refusedPublications.add(refused);
    const unknown = await post(`nk_${randomBytes(32).toString("base64url")}`, posts(refused, 1));
    assert.equal(unknown.status, 403, unknown.text);
    assert.equal(unknown.body.error, "forbidden");

    const key = await issue({ client: `Revoked client ${run}` });
    // An invalid post: 400 while the key works, 403 once it is revoked; nothing is published either way.
    const probe = () => post(key, [{ publication: refused }]);
    assert.equal((await probe()).status, 400, "the key works and is now in the instance's cache");
    const revokedAt = Date.now();
    assert.equal((await revokeKeys(db(), key)).length, 1);
    let status = 0;
    while (Date.now() - revokedAt < (KEY_CACHE_SECONDS + 10) * 1000) {
      status = (await probe()).status;
      if (status === 403) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - revokedAt) / 1000;
    t.diagnostic(`the revoked key was refused ${seconds.toFixed(1)} s after revocation (cache lifetime ${KEY_CACHE_SECONDS} s)`);
    assert.equal(status, 403, `still accepted ${seconds.toFixed(0)} s after revocation`);
    assert.ok(seconds <= KEY_CACHE_SECONDS + 5, `refused after ${seconds.toFixed(1)} s`);
    const answer = await post(key, posts(refused, 1));
    assert.equal(answer.status, 403);
    assert.match(answer.body.message, /revoked/);
  });

  it("answers 403 listing the posts for publications a restricted key may not post to, and publishes none of the request", async () => {
    const allowed = `Allowed ${run}`;
    const other = `Other ${run}`;
    refusedPublications.add(other);
    const key = await issue({ publications: [allowed, `Also allowed ${run}`] });
    const request = [postFor(allowed, 0), postFor(other, 1), postFor(` ${allowed.toLowerCase()} `, 2), postFor(other, 3)];
    const mixed = await post(key, request);
    assert.equal(mixed.status, 403, mixed.text);
    assert.equal(mixed.body.error, "forbidden");
    assert.deepEqual(
      mixed.body.problems.map((p: { index: number; path: string; message: string }) => [p.index, p.path]),
      [
        [1, "publication"],
        [3, "publication"],
      ],
    );
    assert.match(mixed.body.problems[0].message, /may not post/);
    const ok = await post(key, [postFor(allowed, 4), postFor(` ${allowed.toLowerCase()} `, 5)]);
    assert.equal(ok.status, 202, ok.text);
    await arrived(ok.body.messageIds);
    const refusedIds = new Set(request.map((p) => p.id));
    assert.deepEqual(publishedPosts().filter((p) => refusedIds.has(p.id ?? "")), [], "the refused request's allowed posts were not published either");
  });

  it("limits a key to its posts per minute: 429 with Retry-After and RateLimit fields, all or nothing, before the body once empty", async () => {
    const pub = `Rated ${run}`;
    const key = await issue({ ratePerMinute: 5 });

    const tooMany = await post(key, posts(`${pub} too many`, 6));
    refusedPublications.add(`${pub} too many`);
    assert.equal(tooMany.status, 413, tooMany.text);
    assert.match(tooMany.body.message, /at most 5 posts per minute/);
    assert.equal(tooMany.headers.get("retry-after"), null, "no Retry-After that could never succeed");

    const first = await post(key, posts(pub, 3));
    assert.equal(first.status, 202, first.text);
    assert.equal(first.headers.get("ratelimit-policy"), '"posts-per-key";q=5;w=60;newsroom-unit="posts"');
    assert.match(first.headers.get("ratelimit") ?? "", /^"posts-per-key";r=2;t=\d+$/);

    const over = await post(key, posts(`${pub} over`, 3));
    refusedPublications.add(`${pub} over`);
    assert.equal(over.status, 429, over.text);
    assert.equal(over.body.error, "rate_limited");
    const retryAfter = Number(over.headers.get("retry-after"));
    assert.ok(retryAfter >= 1 && retryAfter <= 13, `Retry-After ${retryAfter}`);
    assert.equal(over.headers.get("ratelimit-policy"), '"posts-per-key";q=5;w=60;newsroom-unit="posts"');
    assert.equal(over.headers.get("ratelimit"), `"posts-per-key";r=2;t=${retryAfter}`);

    const rest = await post(key, posts(pub, 2, 3));
    assert.equal(rest.status, 202, rest.text);
    // The bucket is empty now: refused from the head alone, so a body that is not even JSON gets 429, not 400.
    const unread = await post(key, "{not json", { "content-type": "application/x-ndjson" });
    assert.equal(unread.status, 429, unread.text);
    assert.ok(Number(unread.headers.get("retry-after")) >= 1);
    await arrived([...first.body.messageIds, ...rest.body.messageIds]);
    assert.equal(publishedPosts().filter((p) => p.publication === pub).length, 5);
  });
});

describe("the read API's limit per client address on the runtime stack", () => {
  it("answers 429 with Retry-After and RateLimit fields past the limit, for that address only", { timeout: 120_000 }, async (t) => {
    const from = loopback();
    let ok = 0;
    let refused: { status: number; headers: http.IncomingHttpHeaders } | undefined;
    // 20 at a time until the first 429 (the limit is a param: 600 a minute by default).
    for (let round = 0; round < 200 && !refused; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => apiGet(from, "/v1/openapi.json")));
      ok += answers.filter((a) => a.status === 200).length;
      refused = answers.find((a) => a.status === 429);
      assert.deepEqual(answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status), []);
    }
    assert.ok(refused, `no 429 after ${ok} requests from ${from}`);
    const quota = Number(/;q=(\d+);w=60$/.exec(String(refused.headers["ratelimit-policy"]))?.[1]);
    t.diagnostic(`${ok} answered before the first 429 from ${from}; policy ${refused.headers["ratelimit-policy"]}`);
    assert.ok(quota > 0, String(refused.headers["ratelimit-policy"]));
    assert.ok(ok >= quota && ok <= quota + 20 + quota / 6, `${ok} answered for a quota of ${quota}`);
    assert.ok(Number(refused.headers["retry-after"]) >= 1);
    assert.match(String(refused.headers["ratelimit"]), /^"requests-per-address";r=0;t=\d+$/);
    assert.equal(refused.headers["cache-control"], "no-store");
    assert.equal((await apiGet(loopback(), "/v1/openapi.json")).status, 200, "another address is served meanwhile");
  });
});
