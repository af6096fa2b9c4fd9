import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BODY_LIMITS, parseBody } from "../../../src/ingest/parse.js";

const json = (value: unknown) => {
  const raw = Buffer.from(JSON.stringify(value));
  return parseBody("application/json", raw, value);
};
const post = { publication: "P", content: "c" };

describe("parseBody: JSON", () => {
  it("takes one post", () => assert.deepEqual(json(post), { ok: true, items: [post] }));
  it("takes an array of posts", () => assert.deepEqual(json([post, post]), { ok: true, items: [post, post] }));
  it('takes a {"posts": [...]} wrapper', () => assert.deepEqual(json({ posts: [post] }), { ok: true, items: [post] }));
  it("parses the raw bytes itself when the framework did not", () => {
    const result = parseBody("application/json; charset=utf-8", Buffer.from(JSON.stringify([post])), undefined);
    assert.deepEqual(result, { ok: true, items: [post] });
  });
  it("rejects malformed JSON with 400", () => {
    const result = parseBody("application/json", Buffer.from('{"a":'), undefined);
    assert.equal(!result.ok && result.status, 400);
  });
  it("rejects a wrapper whose posts is not an array", () => assert.equal(json({ posts: 3 }).ok, false));
  it("rejects JSON primitives", () => assert.equal(!json(42).ok && (json(42) as { status: number }).status, 400));
  it("rejects an empty array and an empty body", () => {
    assert.equal(json([]).ok, false);
    const empty = parseBody("application/json", Buffer.alloc(0), undefined);
    assert.equal(!empty.ok && empty.status, 400);
  });
});

describe("parseBody: NDJSON", () => {
  const nd = (text: string) => parseBody("application/x-ndjson", Buffer.from(text), Buffer.from(text));
  it("takes one post per line, skipping blank lines", () => {
    assert.deepEqual(nd(`${JSON.stringify(post)}\n\n${JSON.stringify(post)}\n`), { ok: true, items: [post, post] });
  });
  it("handles CRLF line endings", () => assert.deepEqual(nd(`${JSON.stringify(post)}\r\n`), { ok: true, items: [post] }));
  it("reports every malformed line with its post index", () => {
    const result = nd(`${JSON.stringify(post)}\n{bad\n${JSON.stringify(post)}\nnot json\n`);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.status, 400);
    assert.deepEqual(result.problems?.map((p) => p.index), [1, 3]);
    assert.match(result.problems![0]!.message, /line 2/);
  });
});

describe("parseBody: limits and media types", () => {
  it("answers 415 for other or missing content types", () => {
    for (const type of ["text/plain", "application/xml", "multipart/form-data", undefined, ""]) {
      const result = parseBody(type, Buffer.from("{}"), undefined);
      assert.equal(!result.ok && result.status, 415, String(type));
    }
  });
  it(`answers 413 for more than ${BODY_LIMITS.maxPosts} posts`, () => {
    const many = Array.from({ length: BODY_LIMITS.maxPosts + 1 }, () => post);
    const result = json(many);
    assert.equal(!result.ok && result.status, 413);
    assert.equal(json(many.slice(1)).ok, true);
  });
  it("answers 413 for NDJSON with too many lines, before parsing them all", () => {
    const text = `${JSON.stringify(post)}\n`.repeat(BODY_LIMITS.maxPosts + 5);
    const result = parseBody("application/x-ndjson", Buffer.from(text), undefined);
    assert.equal(!result.ok && result.status, 413);
  });
  it(`answers 413 for bodies over ${BODY_LIMITS.maxBytes} bytes`, () => {
    const result = parseBody("application/json", Buffer.alloc(BODY_LIMITS.maxBytes + 1, 0x20), undefined);
    assert.equal(!result.ok && result.status, 413);
  });
  it("answers 400 for invalid UTF-8", () => {
    const result = parseBody("application/x-ndjson", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), undefined);
    assert.equal(!result.ok && result.status, 400);
    assert.match(!result.ok ? result.message : "", /UTF-8/);
  });
});
