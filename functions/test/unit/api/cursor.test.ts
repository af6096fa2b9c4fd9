import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CURSOR_VALUES as V, decodeCursor, encodeCursor, FIRESTORE_MAX_MS, FIRESTORE_MIN_MS } from "../../../src/api/cursor.js";
import { ApiError } from "../../../src/api/errors.js";

const id = "a".repeat(40);
const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const refused = (f: () => unknown, message: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof ApiError && e.status === 400 && message.test(e.message));

describe("page cursors", () => {
  const scope = ["entities", "reuters", "mentions", null] as const;
  const checks = [V.count, V.entityId, V.count] as const;

  it("round-trip the values of the route and query they page", () => {
    assert.deepEqual(decodeCursor(encodeCursor(scope, [12, id, 40]), scope, checks), [12, id, 40]);
  });

  it("are refused on another route, or on the same route for another query", () => {
    const cursor = encodeCursor(scope, [12, id, 40]);
    refused(() => decodeCursor(cursor, ["publications"], [V.count, V.publicationId] as const), /another route/);
    refused(() => decodeCursor(cursor, ["entities", "reuters", "articles", null], checks), /another query/);
    refused(() => decodeCursor(cursor, ["entities", "ap", "mentions", null], checks), /another query/);
    refused(() => decodeCursor(cursor, ["entities", "reuters", "mentions", "place"], checks), /another query/);
  });

  it("range-check every value: document ids as the layout makes them, counts, instants within Firestore's range", () => {
    const [route, digest] = JSON.parse(Buffer.from(encodeCursor(scope, [1, id, 1]), "base64url").toString()) as [string, string];
    for (const values of [[-1, id, 1], [1.5, id, 1], [1e308, id, 1], [1, "a/b", 1], [1, "__proto__", 1], [1, "A".repeat(40), 1], [1, id, -1], [1, id, 2 ** 53], ["1", id, 1], [null, id, 1]]) {
      refused(() => decodeCursor(forge([route, digest, ...values]), scope, checks), /out of range/);
    }
    const articles = ["articles", "reuters", id] as const;
    const ok = JSON.parse(Buffer.from(encodeCursor(articles, [0, "x"]), "base64url").toString()) as [string, string];
    for (const ms of [FIRESTORE_MIN_MS - 1, FIRESTORE_MAX_MS + 1, 8.64e15 + 1]) {
      refused(() => decodeCursor(forge([...ok.slice(0, 2), ms, "x"]), articles, [V.instantMs, V.documentId] as const), /out of range/);
    }
    for (const doc of ["a/b", ".", "..", "__x__", "", "x".repeat(1501), "\ud800"]) {
      refused(() => decodeCursor(forge([...ok.slice(0, 2), 0, doc]), articles, [V.instantMs, V.documentId] as const), /out of range/);
    }
    assert.deepEqual(decodeCursor(forge([...ok.slice(0, 2), FIRESTORE_MAX_MS, "x"]), articles, [V.instantMs, V.documentId] as const), [FIRESTORE_MAX_MS, "x"]);
  });

  it("refuse what is no cursor at all", () => {
    for (const c of ["!!!!", forge("text"), forge({ a: 1 }), forge([]), forge([1, 2, 3, 4, 5]), ""]) refused(() => decodeCursor(c, scope, checks), /not one this API gave out/);
  });
});
