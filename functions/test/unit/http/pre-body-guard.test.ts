// The pre-body guard on a real Node HTTP server: what it refuses never reaches
// the server's own listener and its body is not read beyond LINGER; what it
// admits arrives unchanged but for the hidden Content-Type.
import assert from "node:assert/strict";
import http, { type IncomingMessage } from "node:http";
import { after, before, describe, it } from "node:test";
import { portOf } from "@newsroom/harness/net";
import { installPreBodyGuard, LINGER, originalContentType, passedGuard, requestPath, type HeadPolicy } from "../../../src/http/pre-body-guard.js";

type Seen = { path: string; type: string | undefined; original: string | undefined; bytes: number; guarded: boolean };

describe("installPreBodyGuard", () => {
  const seen: Seen[] = [];
  const refused: number[] = [];
  let release: (() => void) | undefined;
  /** Verdicts still pending for /pending requests, to be settled by the test. */
  const pending: Array<(v: { status: number; body: unknown } | { admit: number }) => void> = [];
  let server: http.Server;
  let port = 0;
  const policy: HeadPolicy = {
    maxInflightBytes: 1_000,
    unparsedBodies: true,
    check(req: IncomingMessage, path: string) {
      // A verdict that takes a while (a key looked up in Firestore).
      if (path === "/pending") return new Promise((resolve) => pending.push(resolve));
      if (req.headers["x-key"] === "later") return Promise.resolve({ status: 403, body: { error: "forbidden" } });
      if (req.headers["x-key"] !== "ok") return { status: 401, body: { error: "unauthenticated" } };
      if (path === "/slow") return { admit: 800 };
      return { admit: Number(req.headers["content-length"] ?? 0) };
    },
    onRefused: (_req, _path, r) => void refused.push(r.status),
  };

  before(async () => {
    let chosen = 0;
    installPreBodyGuard(() => (chosen++ === 0 ? policy : undefined));
    server = http.createServer((req, res) => {
      let bytes = 0;
      req.on("data", (d: Buffer) => (bytes += d.length));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", type: req.headers["content-type"], original: originalContentType(req), bytes, guarded: passedGuard(req) });
        if (req.url === "/slow") release = () => res.end("slow done");
        else res.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = portOf(server);
  });
  after(() => server.close());

  const send = (path: string, headers: Record<string, string>, body?: Buffer) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", path, method: "POST", headers, agent: false }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.end(body);
    });

  it("answers a refused request itself; the server's listener never sees it", async () => {
    const before = seen.length;
    const r = await send("/posts", { "content-type": "application/json" }, Buffer.from("{}"));
    assert.equal(r.status, 401);
    assert.deepEqual(JSON.parse(r.text), { error: "unauthenticated" });
    assert.equal(seen.length, before);
    assert.deepEqual(refused.slice(-1), [401]);
  });

  it("hands an admitted request on whole, with the original Content-Type kept apart", async () => {
    const r = await send("/posts?x=1", { "x-key": "ok", "content-type": "application/json" }, Buffer.from('{"a":1}'));
    assert.equal(r.status, 200);
    const s = seen.at(-1)!;
    assert.deepEqual(s, { path: "/posts?x=1", type: "application/octet-stream", original: "application/json", bytes: 7, guarded: true });
  });

  it("refuses with 503 what would pass the in-flight byte budget, and admits again once it frees", async () => {
    const slow = send("/slow", { "x-key": "ok", "content-length": "0" });
    while (!release) await new Promise((r) => setTimeout(r, 10));
    const over = await send("/posts", { "x-key": "ok", "content-type": "application/json" }, Buffer.alloc(300, 0x20));
    assert.equal(over.status, 503);
    release();
    assert.equal((await slow).status, 200);
    assert.equal((await send("/posts", { "x-key": "ok" }, Buffer.alloc(300, 0x20))).status, 200);
  });

  /** Sends `total` bytes to `path` as fast as the server takes them; `sent()` is how many it has taken so far. */
  const sendLarge = (path: string, total: number) => {
    let accepted = 0;
    const status = new Promise<number | string>((resolve) => {
      const req = http.request({ port, host: "127.0.0.1", path, method: "POST", headers: { "content-length": String(total) }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", (e) => resolve((e as NodeJS.ErrnoException).code ?? "error"));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (accepted < total) {
          accepted += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    return { status, sent: () => accepted };
  };

  it("reads no more than LINGER.maxBytes of a refused body before it stops reading", async () => {
    const total = LINGER.maxBytes * 4;
    const big = sendLarge("/posts", total);
    assert.equal(await big.status, 401, "the answer reaches the client while it is still sending");
    await new Promise((r) => setTimeout(r, 300));
    // The client could hand over only what the server read plus the socket buffers.
    assert.ok(big.sent() < total, `the client could not send everything (${big.sent()} of ${total} bytes)`);
  });

  it("awaits a verdict that is a promise, and refuses or admits as it says", async () => {
    const before = seen.length;
    const refused = await send("/posts", { "x-key": "later", "content-type": "application/json" }, Buffer.from("{}"));
    assert.equal(refused.status, 403);
    assert.equal(seen.length, before, "the listener never saw the refused request");
    const admitted = send("/pending", { "content-type": "application/json" }, Buffer.from('{"b":2}'));
    while (pending.length === 0) await new Promise((r) => setTimeout(r, 5));
    pending.shift()!({ admit: 7 });
    assert.equal((await admitted).status, 200);
    assert.deepEqual(seen.at(-1), { path: "/pending", type: "application/octet-stream", original: "application/json", bytes: 7, guarded: true });
  });

  it("reads no body while a verdict is pending: the client is held back, then the admitted body arrives whole", async () => {
    const total = LINGER.maxBytes * 4;
    const before = seen.length;
    const big = sendLarge("/pending", total);
    while (pending.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(big.sent() < total, `the client could not send everything while the verdict was pending (${big.sent()} of ${total} bytes)`);
    assert.equal(seen.length, before, "no listener has the request yet");
    pending.shift()!({ admit: 0 });
    assert.equal(await big.status, 200);
    while (seen.length === before) await new Promise((r) => setTimeout(r, 5));
    assert.equal(seen.at(-1)?.bytes, total, "admitted, the body arrives whole");
  });

  it("leaves servers it is not asked to guard alone", async () => {
    const plain = http.createServer((_req, res) => res.end("plain"));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", () => resolve()));
    const res = await fetch(`http://127.0.0.1:${portOf(plain)}/posts`, { method: "POST", body: "x" });
    assert.equal(await res.text(), "plain");
    plain.close();
  });

  it("takes the path as Express does", () => {
    assert.equal(requestPath("/posts?a=1"), "/posts");
    assert.equal(requestPath("http://h/post/enqueue?x"), "/post/enqueue");
    assert.equal(requestPath(undefined), "/");
  });
});
