import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../../src/api-error.js";

describe("the read API's error", () => {
  it("sends its code, message and problems as the problem JSON, and nothing else", () => {
    const err = new ApiError(400, "invalid_request", "limit: too big", [{ path: "limit", message: "too big" }]);
    assert.equal(JSON.stringify(err), '{"error":"invalid_request","message":"limit: too big","problems":[{"path":"limit","message":"too big"}]}');
    assert.deepEqual(new ApiError(404, "not_found", "no such entity").toJSON(), { error: "not_found", message: "no such entity" });
  });

  it("reads an error answer back into the same error", () => {
    const sent = new ApiError(429, "rate_limited", "retry in 5 s", [{ path: "q", message: "short" }]);
    const read = ApiError.fromAnswer(429, JSON.parse(JSON.stringify(sent)));
    assert.ok(read instanceof ApiError);
    assert.deepEqual([read.status, read.code, read.message, read.problems], [429, "rate_limited", "retry in 5 s", [{ path: "q", message: "short" }]]);
  });

  it("says what it can of an answer that is not the problem JSON", () => {
    for (const body of [null, 3, "oops", [], { error: 7 }]) {
      const read = ApiError.fromAnswer(502, body);
      assert.deepEqual([read.status, read.code, read.message, read.problems], [502, "http", "HTTP 502", undefined], JSON.stringify(body));
    }
    const partial = ApiError.fromAnswer(500, { message: "internal error", problems: [{ path: 1 }, { path: "a", message: "b" }] });
    assert.deepEqual([partial.code, partial.message, partial.problems], ["http", "internal error", [{ path: "a", message: "b" }]]);
  });
});
