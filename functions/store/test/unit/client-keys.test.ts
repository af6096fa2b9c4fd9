// The pure parts of issuing a key: what a specification may hold, and the document stored for it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicationKey } from "@newsroom/core/keys";
import { keyDocument, keySpecProblems } from "../../src/client-keys.js";

describe("keySpecProblems", () => {
  it("accepts a client alone, or with publications and a rate", () => {
    assert.deepEqual(keySpecProblems({ client: "Acme" }), []);
    assert.deepEqual(keySpecProblems({ client: " Acme ", publications: ["The Times"], ratePerMinute: 60 }), []);
  });
  it("refuses a blank or multi-line client, no publications, blank names, and rates that are not whole and positive", () => {
    assert.equal(keySpecProblems({ client: " " }).length, 1);
    assert.equal(keySpecProblems({ client: "a\nb" }).length, 1);
    assert.equal(keySpecProblems({ client: "x".repeat(201) }).length, 1);
    assert.equal(keySpecProblems({ client: "a", publications: [] }).length, 1);
    assert.equal(keySpecProblems({ client: "a", publications: ["ok", " "] }).length, 1);
    for (const ratePerMinute of [0, -1, 1.5, Number.NaN, 2_000_000]) assert.equal(keySpecProblems({ client: "a", ratePerMinute }).length, 1, String(ratePerMinute));
  });
});

describe("keyDocument", () => {
  const key = "nk_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
  const at = new Date("2026-01-02T03:04:05Z");

  it("holds the client, the shown prefix and the time, never the key", () => {
    const doc = keyDocument(key, { client: " Acme " }, at);
    assert.deepEqual(doc, { client: "Acme", prefix: "nk_abcdef", createdAt: at });
    assert.ok(!JSON.stringify(doc).includes(key.slice(9)));
  });

  it("keeps each publication once, by its publication key, with the name as given", () => {
    const doc = keyDocument(key, { client: "Acme", publications: ["The Times", " the  TIMES ", "Daily Sample"], ratePerMinute: 30 }, at);
    assert.deepEqual(doc.publications, [publicationKey("The Times"), publicationKey("Daily Sample")]);
    assert.deepEqual(doc.publicationNames, ["The Times", "Daily Sample"]);
    assert.equal(doc.ratePerMinute, 30);
  });
});
