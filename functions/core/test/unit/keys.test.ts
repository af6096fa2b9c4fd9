import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import {
  MAX_KEY_BYTES,
  clientIdKey,
  entityId,
  isDocumentId,
  isPublicationKey,
  isSha1Hex,
  normaliseName,
  publicationDisplayName,
  publicationKey,
  toDocumentId,
} from "../../src/keys.js";

const sha1 = (s: string) => createHash("sha1").update(s, "utf8").digest("hex");

/** Firestore document id rules. */
function assertValidDocId(id: string): void {
  assert.ok(id.length > 0, "non-empty");
  assert.ok(!id.includes("/"), `no slash: ${id}`);
  assert.notEqual(id, ".");
  assert.notEqual(id, "..");
  assert.ok(!/^__.*__$/su.test(id), `not __.*__: ${id}`);
  assert.ok(Buffer.byteLength(id, "utf8") <= 1500, "at most 1,500 bytes");
}

describe("publicationKey", () => {
  it("normalises NFKC, trims, collapses white space and lower-cases", () => {
    assert.equal(normaliseName("  The\tNew   York\nTimes "), "the new york times");
    // NFKC folds the full-width letters and the ligature.
    assert.equal(normaliseName("ＢＢＣ ﬁnance"), "bbc finance");
    assert.equal(publicationKey("  The New  York Times"), "the new york times");
    assert.equal(publicationKey("THE NEW YORK TIMES"), publicationKey("the new york times"));
  });

  it("keeps the display name trimmed with white space collapsed", () => {
    assert.equal(publicationDisplayName("  The New\n York Times "), "The New York Times");
  });

  it("percent-encodes '/', '%', '~' and control characters, stays readable otherwise", () => {
    assert.equal(publicationKey("AC/DC Weekly"), "ac%2Fdc weekly");
    assert.equal(publicationKey("100% News"), "100%25 news");
    assert.equal(publicationKey("a~b"), "a%7Eb");
    assert.equal(toDocumentId("a\u0000b"), "a%00b");
    assert.equal(publicationKey("Le Monde Diplomatique"), "le monde diplomatique");
    assert.equal(publicationKey("Süddeutsche Zeitung"), "süddeutsche zeitung");
  });

  it("never yields '.', '..', '__x__' or an empty id, and stays injective on them", () => {
    const inputs = [".", "..", "...", "__name__", "__", "___", "_a_", "", "%", "%2E", "%5F_name__"];
    const ids = inputs.map(toDocumentId);
    for (const id of ids) assertValidDocId(id);
    assert.equal(new Set(ids).size, inputs.length, `distinct ids: ${ids.join(" | ")}`);
    assert.equal(toDocumentId("."), "%2E");
    assert.equal(toDocumentId(".."), "%2E%2E");
    assert.equal(toDocumentId("__name__"), "%5F_name__");
  });

  it("caps long keys with a readable prefix and a hash of the whole name", () => {
    const long = "news ".repeat(150) + "end"; // 753 characters
    const key = publicationKey(long);
    assertValidDocId(key);
    assert.ok(Buffer.byteLength(key, "utf8") <= MAX_KEY_BYTES);
    assert.ok(key.startsWith("news news"));
    assert.ok(key.endsWith("~" + sha1(normaliseName(long))));
    // Two long names sharing the prefix still differ.
    assert.notEqual(publicationKey(long + "x"), key);
    // Multi-byte characters and escapes are never cut in half.
    const wide = toDocumentId("ü/".repeat(400));
    assert.ok(Buffer.byteLength(wide, "utf8") <= MAX_KEY_BYTES);
    assert.match(wide, /^(ü%2F)+(ü)?~[0-9a-f]{40}$/u);
  });

  it("is stable: the same name gives the same key on every call", () => {
    assert.equal(publicationKey("Reuters"), "reuters");
    assert.equal(publicationKey("Reuters"), publicationKey(" reuters "));
  });
});

describe("entity and ledger ids", () => {
  it("entityId is SHA-1 hex of type + NUL + lower-cased canonical", () => {
    assert.equal(entityId("person", "Barack Obama"), sha1("person\u0000barack obama"));
    assert.equal(entityId("person", "BARACK  OBAMA"), entityId("person", "barack obama"));
    assert.notEqual(entityId("place", "Georgia"), entityId("person", "Georgia"));
    assert.match(entityId("organization", "NATO"), /^[0-9a-f]{40}$/);
  });

  it("clientIdKey hashes publication key + NUL + client id", () => {
    assert.equal(clientIdKey("reuters", "a-1"), sha1("reuters\u0000a-1"));
    assert.notEqual(clientIdKey("reuters", "a-1"), clientIdKey("ap", "a-1"));
  });

});

describe("recognising ids a client sends", () => {
  const names = [
    "Reuters", "  The New  York Times", "AC/DC Weekly", "100% News", "a~b", "a\u0000b", "a\u0085b", ".", "..", "...", "__name__", "__", "_a_", "", "%", "%2E",
    "Süddeutsche Zeitung", "ＢＢＣ ﬁnance", "news ".repeat(150) + "end", "ü/".repeat(400), "__" + "x".repeat(600) + "__", "~".repeat(300), "\u0085".repeat(200), "😀".repeat(200),
  ];

  it("takes every key publicationKey gives", () => {
    for (const name of names) assert.ok(isPublicationKey(publicationKey(name)), `${JSON.stringify(name.slice(0, 20))} -> ${publicationKey(name).slice(0, 40)}`);
  });

  it("refuses what publicationKey never gives: raw '/', reserved ids, escapes it would not write, names not normalised, too long, forged hashes", () => {
    const refused = [
      "a/b", "__proto__", "__x__", ".", "..", "", "%2", "%ZZ", "%2f", "%61bc", "%2E%2E%2E", "a\u0000b", "a~b", "A", "Reuters", " reuters", "reuters ", "a  b", "a\tb",
      "x".repeat(513), "x".repeat(20) + "~" + "a".repeat(40), "\ud800", "%ED%A0%80", "\u00c5".normalize("NFD").toLowerCase(),
    ];
    for (const id of refused) assert.equal(isPublicationKey(id), false, JSON.stringify(id.slice(0, 40)));
    const long = publicationKey("news ".repeat(150) + "end");
    assert.equal(isPublicationKey(long.replace("news", "News")), false, "a hashed key's prefix is lower case");
    assert.equal(isPublicationKey(long.slice(10)), false, "a hashed key's prefix has its full length");
  });

  it("knows Firestore's document id rules and the SHA-1 form of entity ids", () => {
    for (const id of ["a", "a b", "%2F", "_x_", "x".repeat(1500), "ü".repeat(750)]) assert.ok(isDocumentId(id), id.slice(0, 20));
    for (const id of ["", "a/b", ".", "..", "__x__", "____", "x".repeat(1501), "ü".repeat(751), "\ud800"]) assert.equal(isDocumentId(id), false, JSON.stringify(id.slice(0, 20)));
    assert.ok(isSha1Hex(entityId("person", "Ada Lovelace")));
    for (const id of ["A".repeat(40), "a".repeat(39), "a".repeat(41), "g".repeat(40), "__proto__"]) assert.equal(isSha1Hex(id), false, id);
  });
});
