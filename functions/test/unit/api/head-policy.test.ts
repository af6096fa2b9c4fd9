// The read API's head policy: reads carry no body; only the operator's
// /v1/sources routes take POST, PATCH and DELETE, with a small declared body.
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { describe, it } from "node:test";
import { ADMIN_BODY_BYTES, apiHeadPolicy } from "../../../src/api/head-policy.js";

const head = (method: string, headers: Record<string, string> = {}) => ({ method, headers }) as unknown as IncomingMessage;
const check = (method: string, path: string, headers: Record<string, string> = {}) => apiHeadPolicy().check(head(method, headers), path);

describe("apiHeadPolicy", () => {
  it("admits reads without a body, anywhere", () => {
    for (const m of ["GET", "HEAD", "OPTIONS"]) assert.deepEqual(check(m, "/v1/publications"), { admit: 0 });
    assert.deepEqual(check("GET", "/v1/sources"), { admit: 0 });
    assert.equal((check("GET", "/v1/publications", { "content-length": "5" }) as { status: number }).status, 413);
  });
  it("admits the operator's writes on /v1/sources only, with a declared small body", () => {
    assert.deepEqual(check("POST", "/v1/sources", { "content-length": "60" }), { admit: 60 });
    assert.deepEqual(check("PATCH", "/api/v1/sources/0123456789abcdef0123", { "content-length": "20" }), { admit: 20 });
    assert.deepEqual(check("DELETE", "/v1/sources/0123456789abcdef0123"), { admit: 0 });
    assert.equal((check("POST", "/v1/sources", { "content-length": String(ADMIN_BODY_BYTES + 1) }) as { status: number }).status, 413);
    assert.equal((check("POST", "/v1/sources", { "transfer-encoding": "chunked" }) as { status: number }).status, 411);
  });
  it("keeps every other path read-only", () => {
    for (const [m, p] of [["POST", "/v1/publications"], ["DELETE", "/v1/publications/x"], ["PUT", "/v1/sources"], ["POST", "/v1/sources/x/y"], ["PATCH", "/v1/sourcesx"]] as const) {
      const verdict = check(m, p, { "content-length": "2" }) as { status: number; headers?: Record<string, string> };
      assert.equal(verdict.status, 405, `${m} ${p}`);
    }
  });
});
