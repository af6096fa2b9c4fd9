// The read API's limit per client address, in the handler (cached answers count too).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createApiHandler } from "../../../src/api/request-handler.js";

type Sent = { status: number; headers: Record<string, string>; body: string };

function api(limit: number) {
  let now = 0;
  const handler = createApiHandler({
    db: () => assert.fail("the OpenAPI document needs no Firestore"),
    allowedOrigins: () => ["*"],
    cacheSeconds: () => 30,
    requestsPerMinute: () => limit,
    clientAddress: (req) => String(req.headers["x-test-address"]),
    now: () => now,
  });
  const get = async (address: string): Promise<Sent> => {
    const headers: Record<string, string> = { "x-test-address": address };
    const req = { method: "GET", path: "/v1/openapi.json", query: {}, headers, get: (n: string) => headers[n.toLowerCase()] };
    const sent: Sent = { status: 0, headers: {}, body: "" };
    const res = {
      status: (s: number) => ((sent.status = s), res),
      setHeader: (k: string, v: string) => ((sent.headers[k] = v), res),
      end: (b?: Buffer) => ((sent.body = b?.toString() ?? ""), res),
    };
    await handler(req as never, res as never);
    return sent;
  };
  return { get, advance: (ms: number) => void (now += ms) };
}

describe("the read API's limit per client address", () => {
  it("answers 429 past the limit with Retry-After, the RateLimit fields (readable by browsers) and no-store, for that address only", async () => {
    const a = api(3);
    for (let i = 0; i < 3; i++) assert.equal((await a.get("192.0.2.1")).status, 200);
    const refused = await a.get("192.0.2.1");
    assert.equal(refused.status, 429);
    assert.equal(JSON.parse(refused.body).error, "rate_limited");
    assert.equal(refused.headers["Retry-After"], "20");
    assert.equal(refused.headers["RateLimit-Policy"], '"requests-per-address";q=3;w=60');
    assert.equal(refused.headers["RateLimit"], '"requests-per-address";r=0;t=20');
    assert.equal(refused.headers["Cache-Control"], "no-store");
    assert.match(refused.headers["Access-Control-Expose-Headers"] ?? "", /RateLimit-Policy, RateLimit, Retry-After/);
    assert.equal((await a.get("192.0.2.2")).status, 200, "another address");
    a.advance(20_000);
    assert.equal((await a.get("192.0.2.1")).status, 200, "a request's worth refilled");
  });

  it("limits nothing at 0", async () => {
    const a = api(0);
    for (let i = 0; i < 1_000; i++) assert.equal((await a.get("192.0.2.1")).status, 200);
  });
});
