import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Batcher, PublishError, type PublishFn } from "../../src/batcher.js";
import { decodeMessage, ENVELOPE_BYTES } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";

const post = (n: number, content = `post ${n}`): Post => ({ publication: "P", content, id: String(n) });

/** A real in-process publisher: keeps every message, can fail chosen ones. */
function recorder(fail: (index: number) => boolean = () => false) {
  const messages: Buffer[] = [];
  const publish: PublishFn = async (data) => {
    const index = messages.length;
    messages.push(data);
    await new Promise((r) => setTimeout(r, 1));
    if (fail(index)) throw new Error(`publish ${index} refused`);
    return `m${index}`;
  };
  const decoded = () =>
    messages.map((m) => {
      const d = decodeMessage(m);
      assert.ok(d.ok, "every message decodes with the shared schema");
      return d.message.posts.map((p) => p.id);
    });
  return { publish, messages, decoded };
}

describe("Batcher packing", () => {
  it("packs at most maxPosts posts per message, in order", async () => {
    const r = recorder();
    const batcher = new Batcher({ publish: r.publish, maxPosts: 3, maxBytes: 1 << 20, windowMs: 5 });
    const ids = await batcher.submit([1, 2, 3, 4, 5, 6, 7].map((n) => post(n)));
    assert.deepEqual(r.decoded(), [["1", "2", "3"], ["4", "5", "6"], ["7"]]);
    assert.deepEqual(ids, ["m0", "m1", "m2"]);
  });

  it("keeps every message within maxBytes, measured on the encoded message", async () => {
    const r = recorder();
    const maxBytes = 2_000;
    const batcher = new Batcher({ publish: r.publish, maxPosts: 100, maxBytes, windowMs: 5 });
    const posts = Array.from({ length: 40 }, (_, n) => post(n, "é".repeat(50 + n * 3))); // multi-byte text
    await batcher.submit(posts);
    assert.ok(r.messages.length > 1);
    for (const m of r.messages) assert.ok(m.length <= maxBytes, `${m.length} <= ${maxBytes}`);
    assert.deepEqual(r.decoded().flat(), posts.map((p) => p.id));
    // Each message but the last is full: the next post would not have fit.
    const sizes = posts.map((p) => Buffer.byteLength(JSON.stringify(p)));
    const counts = r.decoded().map((ids) => ids.length);
    let next = 0;
    for (let m = 0; m < counts.length - 1; m++) {
      next += counts[m]!;
      assert.ok(r.messages[m]!.length + 1 + sizes[next]! > maxBytes, `message ${m} could not take post ${next}`);
    }
  });

  it("sends a post larger than maxBytes alone", async () => {
    const r = recorder();
    const batcher = new Batcher({ publish: r.publish, maxPosts: 100, maxBytes: ENVELOPE_BYTES + 200, windowMs: 5 });
    await batcher.submit([post(1), post(2, "x".repeat(500)), post(3)]);
    assert.deepEqual(r.decoded().sort(), [["1", "3"], ["2"]].sort());
  });

  it("rejects impossible limits", () => {
    const { publish } = recorder();
    assert.throws(() => new Batcher({ publish, maxPosts: 0, maxBytes: 1000, windowMs: 1 }));
    assert.throws(() => new Batcher({ publish, maxPosts: 1, maxBytes: ENVELOPE_BYTES, windowMs: 1 }));
  });
});

describe("Batcher coalescing", () => {
  it("puts posts from concurrent requests into one message and answers each request", async () => {
    const r = recorder();
    const batcher = new Batcher({ publish: r.publish, maxPosts: 100, maxBytes: 1 << 20, windowMs: 20 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit([post(n)])));
    assert.deepEqual(r.decoded(), [["1", "2", "3", "4", "5"]]);
    assert.deepEqual(answers, [["m0"], ["m0"], ["m0"], ["m0"], ["m0"]]);
  });

  it("waits for every message of a request, not just the first", async () => {
    const releases: Array<() => void> = [];
    let n = 0;
    const publish: PublishFn = (_data) => new Promise((resolve) => releases.push(() => resolve(`m${n++}`)));
    const batcher = new Batcher({ publish, maxPosts: 2, maxBytes: 1 << 20, windowMs: 30 });
    let settled = false;
    const pending = batcher.submit([post(1), post(2), post(3)]).then((ids) => ((settled = true), ids));
    await new Promise((r) => setTimeout(r, 5));
    releases[0]!(); // first message confirmed; the third post still waits for the window
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(settled, false);
    await new Promise((r) => setTimeout(r, 40));
    releases[1]!();
    assert.deepEqual(await pending, ["m0", "m1"]);
  });

  it("answers with the message ids in publish order, whatever order Pub/Sub confirms in", async () => {
    const confirm: Array<() => void> = [];
    const publish: PublishFn = () =>
      new Promise((resolve) => {
        const id = `m${confirm.length}`; // ids in publish order
        confirm.push(() => resolve(id));
      });
    const batcher = new Batcher({ publish, maxPosts: 2, maxBytes: ENVELOPE_BYTES + 200, windowMs: 5 });
    // m0 = [1, 2]; m1 = [5], too large, goes alone at once; m2 = [3, 4]; m3 = [6] when the window closes.
    const ids = batcher.submit([post(1), post(2), post(3), post(5, "x".repeat(500)), post(4), post(6)]);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(confirm.length, 4);
    for (const n of [3, 1, 0, 2]) confirm[n]!();
    assert.deepEqual(await ids, ["m0", "m1", "m2", "m3"]);
  });

  it("fails every request with a post in a failed message, and only those", async () => {
    const r = recorder((index) => index === 1);
    const batcher = new Batcher({ publish: r.publish, maxPosts: 2, maxBytes: 1 << 20, windowMs: 10 });
    const a = batcher.submit([post(1)]);
    const b = batcher.submit([post(2), post(3)]); // post 2 joins message 0, post 3 opens message 1
    const c = batcher.submit([post(4)]); // joins message 1
    const early = Promise.allSettled([a, b, c]);
    await new Promise((r) => setTimeout(r, 20));
    const d = batcher.submit([post(5)]); // a later window: message 2
    const results = [...(await early), ...(await Promise.allSettled([d]))];
    assert.deepEqual(r.decoded(), [["1", "2"], ["3", "4"], ["5"]]);
    assert.deepEqual(results.map((s) => s.status), ["fulfilled", "rejected", "rejected", "fulfilled"]);
    assert.ok(results[1]!.status === "rejected" && results[1]!.reason instanceof PublishError);
    assert.deepEqual(results[0]!.status === "fulfilled" && results[0]!.value, ["m0"]);
  });

  it("resolves an empty submission at once without publishing", async () => {
    const r = recorder();
    const batcher = new Batcher({ publish: r.publish, maxPosts: 2, maxBytes: 1 << 20, windowMs: 10 });
    assert.deepEqual(await batcher.submit([]), []);
    assert.equal(r.messages.length, 0);
  });
});
