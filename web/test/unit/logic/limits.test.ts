import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { MAX_QUERY_LIMIT, queryLimit } from "../../../src/logic/limits.ts";

describe("query limits", () => {
  it("match the cap firestore.rules puts on list queries", () => {
    const rules = readFileSync(path.resolve(import.meta.dirname, "../../../../firestore.rules"), "utf8");
    const caps = [...rules.matchAll(/request\.query\.limit\s*<=\s*(\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual(caps, [MAX_QUERY_LIMIT]);
  });

  it("ask for what is wanted, up to the cap", () => {
    assert.equal(queryLimit(11), 11);
    assert.equal(queryLimit(MAX_QUERY_LIMIT), MAX_QUERY_LIMIT);
    assert.equal(queryLimit(24 * 5), MAX_QUERY_LIMIT);
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => queryLimit(bad), RangeError);
  });
});
