import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerKey } from "../../../src/api/http.js";

describe("the answer key", () => {
  it("tells apart a value holding '&k=v' from two parameters, and path parameters from query ones", () => {
    const route = { name: "search" as const, params: [] };
    assert.notEqual(answerKey(route, { pub: "p", q: "nelson&type=person" }), answerKey(route, { pub: "p", q: "nelson", type: "person" }));
    assert.equal(answerKey(route, { q: "a", pub: "p" }), answerKey(route, { pub: "p", q: "a" }), "order does not matter");
    const entity = { name: "entity" as const, params: ["a", "b"] };
    assert.notEqual(answerKey(entity, {}), answerKey({ name: "entity", params: ["a\u0000b"] }, {}));
  });
});
