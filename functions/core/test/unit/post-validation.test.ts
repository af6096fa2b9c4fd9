import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validatePosts } from "../../src/post-validation.js";
import { POST_LIMITS } from "../../src/post.js";

const good = { publication: "  The Daily  ", content: "Some text." };
const problemsOf = (item: unknown) => {
  const result = validatePosts([item]);
  return result.ok ? [] : result.problems;
};
const pathsOf = (item: unknown) => problemsOf(item).map((p) => p.path);

describe("validatePosts", () => {
  it("accepts a minimal post, trims the publication and drops unknown fields", () => {
    const hostile = JSON.parse(
      '{"publication":"  The Daily  ","content":"Some text.","extra":1,"__proto__":{"evil":true},"constructor":{"x":1}}',
    );
    const result = validatePosts([hostile]);
    assert.deepEqual(result, { ok: true, posts: [{ publication: "The Daily", content: "Some text." }] });
    assert.equal(({} as Record<string, unknown>)["evil"], undefined);
  });
  it("keeps every optional field when valid", () => {
    const full = { ...good, title: "T", url: "https://example.com/a?b=c", publishedAt: "2024-05-01T12:00:00Z", id: " abc " };
    const result = validatePosts([full]);
    assert.ok(result.ok);
    assert.deepEqual(result.posts[0], { ...full, publication: "The Daily", id: "abc" });
  });
  it("requires publication and content", () => {
    assert.deepEqual(problemsOf({}).map((p) => [p.path, p.message]), [
      ["publication", "publication is required"],
      ["content", "content is required"],
    ]);
  });
  it("rejects blank publication and content", () => {
    assert.deepEqual(pathsOf({ publication: "   ", content: "\n\t" }), ["publication", "content"]);
  });
  it("rejects wrong types", () => {
    assert.deepEqual(pathsOf({ publication: 5, content: ["x"], title: {}, id: 7 }), ["publication", "content", "title", "id"]);
  });
  it("enforces length limits", () => {
    const long = (n: number) => "x".repeat(n);
    assert.deepEqual(pathsOf({ publication: long(POST_LIMITS.publication + 1), content: "c" }), ["publication"]);
    assert.deepEqual(pathsOf({ publication: ` ${long(POST_LIMITS.publication)} `, content: "c" }), []);
    assert.deepEqual(pathsOf({ ...good, content: long(POST_LIMITS.content + 1) }), ["content"]);
    assert.deepEqual(pathsOf({ ...good, content: long(POST_LIMITS.content) }), []);
    assert.deepEqual(pathsOf({ ...good, title: long(POST_LIMITS.title + 1) }), ["title"]);
    assert.deepEqual(pathsOf({ ...good, id: long(POST_LIMITS.id + 1) }), ["id"]);
  });
  it("accepts only http(s) URLs", () => {
    for (const url of ["ftp://x.org/a", "javascript:alert(1)", "not a url", "//x.org"]) {
      assert.deepEqual(pathsOf({ ...good, url }), ["url"], url);
    }
    assert.deepEqual(pathsOf({ ...good, url: "http://x.org" }), []);
  });
  it("accepts ISO 8601 dates and date-times only", () => {
    for (const publishedAt of ["2024-05-01", "2024-05-01T12:00:00+02:00", "2024-05-01T12:00:00.123Z"]) {
      assert.deepEqual(pathsOf({ ...good, publishedAt }), [], publishedAt);
    }
    for (const publishedAt of ["yesterday", "05/01/2024", "2024-13-01", 1714564800]) {
      assert.deepEqual(pathsOf({ ...good, publishedAt }), ["publishedAt"], String(publishedAt));
    }
  });
  it("rejects NUL characters in text fields", () => {
    assert.deepEqual(pathsOf({ publication: "a\u0000b", content: "c\u0000", title: "\u0000" }), ["publication", "content", "title"]);
  });
  it("rejects unpaired surrogates in every text field (they cannot be stored as UTF-8)", () => {
    assert.deepEqual(pathsOf({ publication: "a\ud800", content: "b\udc00", title: "\ud83d", id: "x\ud800y" }), [
      "publication",
      "content",
      "title",
      "id",
    ]);
    assert.deepEqual(pathsOf({ ...good, content: "emoji \ud83d\ude00 is fine" }), []);
  });
  it("rejects control characters and spaces in URLs, which new URL() would quietly encode", () => {
    for (const url of ["https://x.org/\u0000", "https://x.org/a b", "https://x.org/\n", "https://x.org/\u007f"]) {
      assert.deepEqual(pathsOf({ ...good, url }), ["url"], JSON.stringify(url));
    }
  });
  it("rejects non-objects", () => {
    for (const item of [null, 3, "post", [good]]) assert.equal(problemsOf(item).length, 1, JSON.stringify(item));
  });
  it("lists every problem of every post with its index, and accepts none", () => {
    const result = validatePosts([good, { publication: "" , content: "c"}, good, { content: 1 }]);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((p) => [p.index, p.path]), [
      [1, "publication"],
      [3, "publication"],
      [3, "content"],
    ]);
  });
});

describe("validatePosts: the encoded size", () => {
  it("refuses a post that would not fit in one event once JSON-encoded, and takes a long ordinary one", async () => {
    const { validatePosts } = await import("../../src/post-validation.js");
    const { MAX_MESSAGE_BYTES } = await import("../../src/message.js");
    const escaped = validatePosts([{ publication: "P", content: "\u0001".repeat(100_000) }]);
    assert.equal(escaped.ok, false);
    assert.match(!escaped.ok ? escaped.problems[0]!.message : "", new RegExp(`limit is ${MAX_MESSAGE_BYTES}`));
    const cjk = validatePosts([{ publication: "P", content: "\u6f22".repeat(100_000) }]);
    assert.equal(cjk.ok, true, "100,000 three-byte characters fit");
  });
});
