import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SingleFlight } from "../../../src/api/flight.js";
import { answerKey } from "../../../src/api/request-handler.js";
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

describe("single flight", () => {
  it("runs identical concurrent work once, and again once it settled", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return 42;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => flights.run("k", work)));
    release();
    const results = await all;
    assert.equal(runs, 1);
    assert.deepEqual(results.map((r) => r.value), Array(10).fill(42));
    assert.equal(results.filter((r) => r.ran).length, 1, "one caller ran it");
    assert.equal(flights.size, 0);
    await flights.run("k", work);
    assert.equal(runs, 2);
  });

  it("shares a failure too, and stays bounded", async () => {
    const flights = new SingleFlight<number>(2);
    const boom = () => Promise.reject(new Error("boom"));
    await assert.rejects(Promise.all([flights.run("x", boom), flights.run("x", boom)]), /boom/);
    assert.equal(flights.size, 0);
    let runs = 0;
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++runs), 10));
    await Promise.all(["a", "b", "c", "c"].map((k) => flights.run(k, slow)));
    assert.equal(runs, 4, "beyond 2 keys in flight, a request runs on its own");
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
