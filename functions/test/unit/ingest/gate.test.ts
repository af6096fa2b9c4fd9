// The head checks ingest makes before (guard) and after (handler) the body is read.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkHead, type RequestHead } from "../../../src/ingest/gate.js";
import { BODY_LIMITS } from "../../../src/ingest/parse.js";

const KEY = "gate-key-0123456789";
const head = (headers: RequestHead["headers"], over: Partial<RequestHead> = {}): RequestHead => ({
  method: "POST",
  path: "/posts",
  headers: { "content-type": "application/json", authorization: `Bearer ${KEY}`, ...headers },
  ...over,
});
const status = (h: RequestHead, bodyUnread = true) => checkHead(h, KEY, bodyUnread)?.status;

describe("checkHead", () => {
  it("admits a plain JSON or NDJSON request with the key and a length", () => {
    assert.equal(status(head({ "content-length": "100" })), undefined);
    assert.equal(status(head({ "content-length": "100", "content-type": "application/x-ndjson; charset=utf-8" })), undefined);
  });

  it("checks the key first: 401/403 whatever else is wrong", () => {
    const wrongEverything = { "content-encoding": "br", "content-length": String(BODY_LIMITS.maxBytes * 100), "content-type": "text/plain" };
    assert.equal(status(head({ ...wrongEverything, authorization: undefined }, { path: "/nope", method: "GET" })), 401);
    assert.equal(status(head({ ...wrongEverything, authorization: "Bearer wrong" }, { path: "/nope" })), 403);
  });

  it("then the route (404) and the method (405)", () => {
    assert.equal(status(head({}, { path: "/nope" })), 404);
    const r = checkHead(head({}, { method: "PUT" }), KEY, true);
    assert.equal(r?.status, 405);
    assert.equal(r?.headers?.["Allow"], "POST");
  });

  it("refuses compressed bodies (415) rather than inflating them", () => {
    for (const enc of ["gzip", "br", "deflate", "x-unknown", "gzip, identity"]) assert.equal(status(head({ "content-encoding": enc })), 415, enc);
    assert.equal(status(head({ "content-encoding": "identity" })), undefined);
  });

  it("refuses a declared length over the limit (413), before and after reading", () => {
    const over = head({ "content-length": String(BODY_LIMITS.maxBytes + 1) });
    assert.equal(status(over), 413);
    assert.equal(status(over, false), 413);
    assert.equal(status(head({ "content-length": String(BODY_LIMITS.maxBytes) })), undefined);
  });

  it("refuses a body of unknown length (411) only while the body is unread", () => {
    const chunked = head({ "transfer-encoding": "chunked" });
    assert.equal(status(chunked), 411);
    assert.equal(status(chunked, false), undefined);
  });

  it("refuses other media types and charsets before reading (415)", () => {
    assert.equal(status(head({ "content-type": "text/plain" })), 415);
    assert.equal(status(head({ "content-type": "application/json; charset=latin1" })), 415);
    assert.equal(status(head({ "content-type": 'application/json; charset="UTF-8"' })), undefined);
  });
});
