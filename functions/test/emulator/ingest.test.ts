// The ingest function through the real Functions emulator, checked against
// what actually arrives on the Pub/Sub emulator's topic.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { decodeMessage } from "@newsroom/core/message";
import { createKey } from "@newsroom/store/client-keys";
import { emulator } from "./support/env.js";
import { postToIngest as post } from "./support/ingest.js";
import { whilePaused } from "@newsroom/harness/procfs";
import { PullSubscription, type PulledMessage } from "@newsroom/harness/pubsub-pull";

const run = randomUUID().slice(0, 8);
const accepted = `Accepted ${run}`;
const rejected = `Rejected ${run}`; // no post with this publication may ever be published

const good = (n: number, extra: Record<string, unknown> = {}) => ({
  publication: accepted,
  content: `Angela Merkel met Emmanuel Macron in Paris (${n}).`,
  id: `${run}-${n}`,
  ...extra,
});
const bad = { publication: rejected, content: "fine" };

function postsIn(messages: PulledMessage[], ids: string[]) {
  return messages
    .filter((m) => ids.includes(m.messageId))
    .flatMap((m) => {
      const decoded = decodeMessage(m.data);
      assert.ok(decoded.ok, `message ${m.messageId} decodes: ${!decoded.ok && decoded.reason}`);
      return decoded.message.posts;
    });
}

describe("ingest on the emulators", () => {
  let subscription: PullSubscription;
  before(async () => {
    subscription = await PullSubscription.create(emulator.pubsubHost(), emulator.project(), "posts", { prefix: "test" });
  });
  after(async () => {
    // Nothing from any rejected request reached the topic.
    const leftovers = await subscription.pullUntil(() => false, 1_500);
    const all = [...seen, ...leftovers];
    const leaked = all.flatMap((m) => {
      const d = decodeMessage(m.data);
      return d.ok ? d.message.posts.filter((p) => p.publication === rejected) : [];
    });
    assert.deepEqual(leaked, []);
    await subscription.delete();
  });
  const seen: PulledMessage[] = [];
  const pullIds = async (ids: string[]) => {
    const got = await subscription.pullUntil((all) => ids.every((id) => [...seen, ...all].some((m) => m.messageId === id)));
    seen.push(...got);
    return postsIn(seen, ids);
  };

  it("accepts three posts with the key: 202 with message ids, and the posts are on the topic", async () => {
    const posts = [good(1, { unknown: "dropped" }), good(2, { title: "T", url: "https://example.com/2" }), good(3)];
    const answer = await post("/posts", JSON.stringify(posts));
    assert.equal(answer.status, 202, answer.text);
    assert.equal(answer.body.accepted, 3);
    assert.ok(Array.isArray(answer.body.messageIds) && answer.body.messageIds.length >= 1);
    const published = await pullIds(answer.body.messageIds);
    assert.deepEqual(
      published.map((p) => p.id),
      posts.map((p) => p.id),
    );
    assert.equal(published[0] && "unknown" in published[0], false, "unknown fields are dropped");
    assert.equal(published[1]?.url, "https://example.com/2");
  });

  it('accepts the {"posts": [...]} wrapper and one bare post', async () => {
    const wrapped = await post("/posts", JSON.stringify({ posts: [good(10)] }), { authorization: "", "x-api-key": emulator.apiKey() });
    const single = await post("/posts", JSON.stringify(good(11)));
    assert.equal(wrapped.status, 202, wrapped.text);
    assert.equal(single.status, 202, single.text);
    const published = await pullIds([...wrapped.body.messageIds, ...single.body.messageIds]);
    assert.deepEqual(published.map((p) => p.id).sort(), [`${run}-10`, `${run}-11`]);
  });

  it("accepts NDJSON", async () => {
    const body = [good(20), good(21)].map((p) => JSON.stringify(p)).join("\n") + "\n";
    const answer = await post("/posts", body, { "content-type": "application/x-ndjson" });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(answer.body.accepted, 2);
    assert.deepEqual((await pullIds(answer.body.messageIds)).map((p) => p.id), [`${run}-20`, `${run}-21`]);
  });

  it("keeps the original app's POST /post/enqueue with the access_token header", async () => {
    const answer = await post("/post/enqueue", JSON.stringify({ content: "Old client text.", publication: accepted }), {
      authorization: "",
      access_token: emulator.apiKey(),
    });
    assert.equal(answer.status, 202, answer.text);
    const published = await pullIds(answer.body.messageIds);
    assert.deepEqual(published.map((p) => p.content), ["Old client text."]);
  });

  it("accepts a client's key from npm run keys, and answers 403 with problems for a publication it may not post to", async () => {
    const db = getFirestore(getApps()[0] ?? initializeApp({ projectId: emulator.project() }));
    const { key } = await createKey(db, { client: `Ingest test ${run}`, publications: [accepted] });
    const ok = await post("/posts", JSON.stringify([good(40)]), { authorization: `Bearer ${key}` });
    assert.equal(ok.status, 202, ok.text);
    assert.deepEqual((await pullIds(ok.body.messageIds)).map((p) => p.id), [`${run}-40`]);
    const refused = await post("/posts", JSON.stringify([good(41), bad]), { authorization: "", "x-api-key": key });
    assert.equal(refused.status, 403, refused.text);
    assert.deepEqual(refused.body.problems, [{ index: 1, path: "publication", message: `this key may not post to ${JSON.stringify(rejected)}` }]);
  });

  it("answers 401 without a key and 403 with a wrong one, before looking at the body", async () => {
    // Malformed NDJSON reaches the handler (malformed application/json is refused
    // by the framework's parser before any handler runs), so 401 proves the order.
    const missing = await post("/posts", "{not json", { authorization: "", "content-type": "application/x-ndjson" });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error, "unauthenticated");
    assert.match(missing.headers.get("www-authenticate") ?? "", /Bearer/);
    const wrongKeys: Record<string, string>[] = [
      { authorization: "Bearer wrong" },
      { authorization: "", "x-api-key": "wrong" },
      { authorization: "", access_token: "wrong" },
    ];
    for (const headers of wrongKeys) {
      const wrong = await post("/posts", JSON.stringify(bad), headers);
      assert.equal(wrong.status, 403, JSON.stringify(headers));
      assert.equal(wrong.body.error, "forbidden");
    }
  });

  it("answers 400 listing every problem, and publishes none of the request's posts", async () => {
    const answer = await post("/posts", JSON.stringify([bad, { publication: rejected }, { publication: " ", content: "x", url: "ftp://x" }]));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, "invalid_posts");
    assert.deepEqual(
      answer.body.problems.map((p: { index: number; path: string }) => [p.index, p.path]),
      [
        [1, "content"],
        [2, "publication"],
        [2, "url"],
      ],
    );
  });

  it("answers 400 for malformed NDJSON and malformed JSON, without stack traces", async () => {
    const nd = await post("/posts", `${JSON.stringify(bad)}\n{oops\n`, { "content-type": "application/x-ndjson" });
    assert.equal(nd.status, 400);
    assert.equal(nd.body.problems[0].index, 1);
    // Malformed application/json is refused by the framework's body parser before the handler.
    const js = await post("/posts", '{"publication":');
    assert.equal(js.status, 400);
    assert.doesNotMatch(js.text, /node_modules|\bat\s+\S+\s+\(/);
  });

  it("answers 404 for unknown routes and 405 with Allow for other methods", async () => {
    for (const path of ["/nope", "//posts", "/posts/extra", "/"]) {
      const answer = await post(path, JSON.stringify(bad));
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error, "not_found");
    }
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const answer = await post("/posts", JSON.stringify(bad), {}, method);
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.get("allow"), "POST");
    }
  });

  it("answers 413 for 1,001 posts and for bodies over 10 MiB, 415 for other media types", async () => {
    const many = await post("/posts", JSON.stringify(Array.from({ length: 1001 }, () => bad)));
    assert.equal(many.status, 413);
    assert.equal(many.body.error, "too_large");
    const huge = await post("/posts", `${JSON.stringify(bad)}\n`.repeat(300_000), { "content-type": "application/x-ndjson" });
    assert.equal(huge.status, 413);
    for (const type of ["text/plain", "application/xml", "application/x-www-form-urlencoded"]) {
      const answer = await post("/posts", JSON.stringify(bad), { "content-type": type });
      assert.equal(answer.status, 415, type);
      assert.equal(answer.body.error, "unsupported_media_type");
    }
  });

  it("answers 503 with Retry-After when Pub/Sub does not confirm, then serves again", async () => {
    const port = Number(emulator.pubsubHost().split(":")[1]);
    const answer = await whilePaused(port, () => post("/posts", JSON.stringify([good(30)])));
    assert.equal(answer.status, 503, answer.text);
    assert.equal(answer.body.error, "unavailable");
    assert.match(answer.body.message, /may have been published/, "a timeout is no proof the posts were not published");
    assert.equal(answer.headers.get("retry-after"), "5");
    const again = await post("/posts", JSON.stringify([good(31)]));
    assert.equal(again.status, 202, again.text);
  });

  it("logs one line per request without the key or the content", async () => {
    const { readFileSync } = await import("node:fs");
    const log = readFileSync(emulator.logFile(), "utf8");
    assert.match(log, /"message":"ingest request"/);
    assert.ok(!log.includes(emulator.apiKey()), "the API key never appears in the logs");
    assert.ok(!log.includes("Angela Merkel met Emmanuel Macron"), "post content never appears in the logs");
  });
});
