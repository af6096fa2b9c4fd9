import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerKey } from "../../../src/api/http.js";
import { dashboardLinks } from "../../../src/api/links.js";

describe("the answer key", () => {
  it("tells apart a value holding '&k=v' from two parameters, and path parameters from query ones", () => {
    const route = { name: "search" as const, params: [] };
    assert.notEqual(answerKey(route, { pub: "p", q: "nelson&type=person" }), answerKey(route, { pub: "p", q: "nelson", type: "person" }));
    assert.equal(answerKey(route, { q: "a", pub: "p" }), answerKey(route, { pub: "p", q: "a" }), "order does not matter");
    const entity = { name: "entity" as const, params: ["a", "b"] };
    assert.notEqual(answerKey(entity, {}), answerKey({ name: "entity", params: ["a\u0000b"] }, {}));
  });
});

describe("DASHBOARD_URL", () => {
  it("links relative to the API's site when empty, under the given URL otherwise", () => {
    assert.equal(dashboardLinks("")("a b/c"), "/?pub=a%20b%2Fc");
    assert.equal(dashboardLinks("https://news.example/")("x"), "https://news.example/?pub=x");
    assert.equal(dashboardLinks(" https://news.example/dash/ ")("x"), "https://news.example/dash/?pub=x");
  });

  it("refuses anything but an http or https URL without query, fragment or credentials", () => {
    for (const bad of ["javascript:alert(1)//", "data:text/html,x", "//evil.example", "news.example", "ftp://x", "https://x/?a=1", "https://x/#f", "https://u:p@x/"]) {
      assert.throws(() => dashboardLinks(bad), /DASHBOARD_URL/, bad);
    }
  });
});
