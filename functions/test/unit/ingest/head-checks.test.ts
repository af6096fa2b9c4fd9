// The head checks ingest makes before (guard) and after (handler) the body is read.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkHead, type RequestHead } from "../../../src/ingest/head-checks.js";
import { BODY_LIMITS } from "../../../src/ingest/parse.js";
import { testAccess } from "./access-helpers.js";

const KEY = "gate-key-0123456789";
const { access } = testAccess(KEY);
const head = (headers: RequestHead["headers"], over: Partial<RequestHead> = {}): RequestHead => ({
  method: "POST",
  path: "/posts",
  headers: { "content-type": "application/json", authorization: `Bearer ${KEY}`, ...headers },
  address: "127.0.0.1",
  ...over,
});
const refusal = async (h: RequestHead, bodyUnread = true) => {
  const verdict = await checkHead(h, access, { bodyUnread });
  return "refused" in verdict ? verdict.refused : undefined;
};
const status = async (h: RequestHead, bodyUnread = true) => (await refusal(h, bodyUnread))?.status;

describe("checkHead", () => {
  it("admits a plain JSON or NDJSON request with the key and a length", async () => {
    assert.equal(await status(head({ "content-length": "100" })), undefined);
    assert.equal(await status(head({ "content-length": "100", "content-type": "application/x-ndjson; charset=utf-8" })), undefined);
  });

  it("checks the key first: 401/403 whatever else is wrong", async () => {
    const wrongEverything = { "content-encoding": "br", "content-length": String(BODY_LIMITS.maxBytes * 100), "content-type": "text/plain" };
    assert.equal(await status(head({ ...wrongEverything, authorization: undefined }, { path: "/nope", method: "GET" })), 401);
    assert.equal(await status(head({ ...wrongEverything, authorization: "Bearer wrong" }, { path: "/nope" })), 403);
  });

  it("then the route (404) and the method (405)", async () => {
    assert.equal(await status(head({}, { path: "/nope" })), 404);
    const r = await refusal(head({}, { method: "PUT" }));
    assert.equal(r?.status, 405);
    assert.equal(r?.headers?.["Allow"], "POST");
  });

  it("refuses compressed bodies (415) rather than inflating them", async () => {
    for (const enc of ["gzip", "br", "deflate", "x-unknown", "gzip, identity"]) assert.equal(await status(head({ "content-encoding": enc })), 415, enc);
    assert.equal(await status(head({ "content-encoding": "identity" })), undefined);
  });

  it("refuses a declared length over the limit (413), before and after reading", async () => {
    const over = head({ "content-length": String(BODY_LIMITS.maxBytes + 1) });
    assert.equal(await status(over), 413);
    assert.equal(await status(over, false), 413);
    assert.equal(await status(head({ "content-length": String(BODY_LIMITS.maxBytes) })), undefined);
  });

  it("refuses a body of unknown length (411) only while the body is unread", async () => {
    const chunked = head({ "transfer-encoding": "chunked" });
    assert.equal(await status(chunked), 411);
    assert.equal(await status(chunked, false), undefined);
  });

  it("refuses other media types and charsets before reading (415)", async () => {
    assert.equal(await status(head({ "content-type": "text/plain" })), 415);
    assert.equal(await status(head({ "content-type": "application/json; charset=latin1" })), 415);
    assert.equal(await status(head({ "content-type": 'application/json; charset="UTF-8"' })), undefined);
  });
});
