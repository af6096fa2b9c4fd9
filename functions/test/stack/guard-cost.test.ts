// §2 of the production-parity issue, on the real framework: what a request
// the ingest function refuses costs its instance, whatever the body. Peak RSS
// comes from the kernel (VmHWM, reset before each request), so a spike
// between samples cannot hide. Timing is reported, not asserted (bench:guard
// measures it); the bound here only catches a body being read again.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { describe, it } from "node:test";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { emulator } from "../emulator/support/env.js";
import { stack } from "./support.js";

const MB = 1024 * 1024;
const COST_LIMIT_BYTES = 16 * MB;

type Body = Buffer | ((req: http.ClientRequest) => void);

function send(headers: Record<string, string>, body: Body): Promise<{ status: number | string; ms: number }> {
  const base = new URL(emulator.ingestUrl());
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: base.hostname, port: base.port, method: "POST", path: `${base.pathname.replace(/\/$/, "")}/posts`, headers, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
    });
    req.on("error", (e) => resolve({ status: (e as NodeJS.ErrnoException).code ?? "error", ms: performance.now() - started }));
    if (typeof body === "function") body(req);
    else req.end(body);
  });
}

/** A body of `mb` MiB written in 1 MiB chunks, with no Content-Length (chunked). */
const chunked = (mb: number) => (req: http.ClientRequest) => {
  let n = 0;
  const chunk = Buffer.alloc(MB, 0x20);
  const pump = () => {
    while (n < mb) {
      n++;
      if (!req.write(chunk)) return void req.once("drain", pump);
    }
    req.end();
  };
  req.on("error", () => undefined);
  pump();
};

function spaces(bytes: number): Buffer {
  const b = Buffer.alloc(bytes, 0x20);
  b[0] = 0x5b;
  b[bytes - 1] = 0x5d;
  return b;
}

describe("ingest refuses before reading: cost per hostile request on the real framework", () => {
  const key = emulator.apiKey();
  const unknownClientKey = `nk_${randomBytes(32).toString("base64url")}`;
  const json = { "content-type": "application/json" };
  const brotli256 = brotliCompressSync(spaces(256 * MB), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const gzip64 = gzipSync(spaces(64 * MB));
  const big = spaces(32 * MB);
  const cases: Array<{ name: string; headers: Record<string, string>; body: Body; status: number }> = [
    { name: `no key, brotli body of ${brotli256.length} bytes inflating to 256 MiB`, headers: { ...json, "content-encoding": "br", "content-length": String(brotli256.length) }, body: brotli256, status: 401 },
    { name: "wrong key, the same brotli body", headers: { ...json, "content-encoding": "br", authorization: "Bearer wrong", "content-length": String(brotli256.length) }, body: brotli256, status: 403 },
    // A verdict that waits for Firestore: the body must stay unread meanwhile.
    { name: "an unknown client key (looked up in Firestore first), the same brotli body", headers: { ...json, "content-encoding": "br", authorization: `Bearer ${unknownClientKey}`, "content-length": String(brotli256.length) }, body: brotli256, status: 403 },
    { name: "an unknown client key, 32 MiB of JSON", headers: { ...json, authorization: `Bearer nk_${randomBytes(32).toString("base64url")}`, "content-length": String(32 * MB) }, body: spaces(32 * MB), status: 403 },
    { name: `the right key, a gzip body of ${gzip64.length} bytes inflating to 64 MiB`, headers: { ...json, "content-encoding": "gzip", authorization: `Bearer ${key}`, "content-length": String(gzip64.length) }, body: gzip64, status: 415 },
    { name: "no key, 32 MiB of JSON", headers: { ...json, "content-length": String(big.length) }, body: big, status: 401 },
    { name: "the right key, 32 MiB of JSON (over the 10 MiB limit)", headers: { ...json, authorization: `Bearer ${key}`, "content-length": String(big.length) }, body: big, status: 413 },
    { name: "the right key, 64 MiB chunked (no length)", headers: { ...json, authorization: `Bearer ${key}` }, body: chunked(64), status: 411 },
    { name: "no key, 64 MiB chunked", headers: { ...json }, body: chunked(64), status: 401 },
  ];

  for (const c of cases) {
    it(c.name, { timeout: 60_000 }, async (t) => {
      await stack.resetPeak("ingest");
      const before = await stack.instance("ingest");
      const answer = await send(c.headers, c.body);
      await new Promise((r) => setTimeout(r, 300));
      const after = await stack.instance("ingest");
      const cost = after.peakRssBytes - before.rssBytes;
      t.diagnostic(`HTTP ${answer.status} in ${answer.ms.toFixed(1)} ms; instance peak RSS +${(cost / MB).toFixed(1)} MiB (RSS ${(before.rssBytes / MB).toFixed(0)} MiB before)`);
      assert.equal(answer.status, c.status);
      assert.equal(after.pid, before.pid, "the instance survived");
      assert.ok(cost <= COST_LIMIT_BYTES, `peak RSS grew by ${(cost / MB).toFixed(1)} MiB`);
      assert.ok(answer.ms < 2_000, `answered in ${answer.ms.toFixed(0)} ms`);
    });
  }
});
