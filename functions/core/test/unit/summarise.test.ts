// A post and its mentions reduced to what is stored: ids, day, distinct entities, bounds.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { entityId, publicationKey } from "../../src/keys.js";
import { articleId, STORED_LIMITS } from "../../src/firestore-schema.js";
import type { Entity, EntityType } from "../../src/nlp/extract.js";
import { cut, pickDisplayForm, summarisePost } from "../../src/summarise.js";

const RECEIVED = new Date("2026-03-04T05:06:07Z");
const mention = (canonical: string, type: EntityType = "person", text = canonical): Entity => ({ text, canonical, type, start: 0, end: text.length });

describe("pickDisplayForm", () => {
  it("takes the most frequent form, ties to the smallest string whatever the order", () => {
    assert.equal(pickDisplayForm(new Map([["Obama", 1], ["OBAMA", 3]])), "OBAMA");
    assert.equal(pickDisplayForm(new Map([["b", 2], ["a", 2]])), "a");
    assert.equal(pickDisplayForm(new Map([["a", 2], ["b", 2]])), "a");
    assert.throws(() => pickDisplayForm(new Map()), /no forms/);
  });
});

describe("cut", () => {
  it("keeps short strings, cuts long ones without splitting a surrogate pair", () => {
    assert.equal(cut("abc", 5), "abc");
    assert.equal(cut("abcdef", 3), "abc");
    assert.equal(cut("ab😀", 3), "ab"); // the emoji's high surrogate would have been the third unit
    assert.equal(cut("ab😀", 4), "ab😀");
  });
});

describe("summarisePost", () => {
  it("counts each entity once per post with its mentions, in id order, under its most frequent form", () => {
    const s = summarisePost("msg-1", 2, { publication: "  The  Times ", content: "…" }, [mention("Angela Merkel"), mention("Paris", "place"), mention("angela merkel"), mention("Angela Merkel")], RECEIVED);
    const merkel = entityId("person", "Angela Merkel");
    const paris = entityId("place", "Paris");
    assert.deepEqual(
      s.entities,
      [
        { id: merkel, type: "person", word: "Angela Merkel", mentions: 3 },
        { id: paris, type: "place", word: "Paris", mentions: 1 },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    assert.equal(s.index, 2);
    assert.equal(s.pubKey, publicationKey("The Times"));
    assert.equal(s.publication, "The Times");
    assert.equal(s.truncated, false);
    assert.equal(s.clientId, undefined);
  });

  it("names the article by its client id when it has one, else by message and position", () => {
    const post = { publication: "Courier", content: "x" };
    const withId = summarisePost("m", 0, { ...post, id: "a-1" }, [], RECEIVED);
    assert.equal(withId.clientId, "a-1");
    assert.equal(withId.articleId, articleId(withId.pubKey, "a-1", "m", 0));
    const without = summarisePost("m", 7, post, [], RECEIVED);
    assert.equal(without.articleId, articleId(without.pubKey, undefined, "m", 7));
    assert.notEqual(withId.articleId, without.articleId);
  });

  it("dates the post by publishedAt (a date alone at midnight UTC), else by its receipt", () => {
    const dated = summarisePost("m", 0, { publication: "P", content: "x", publishedAt: "1999-12-31" }, [], RECEIVED);
    assert.equal(dated.day, "1999-12-31");
    assert.equal(dated.at.toISOString(), "1999-12-31T00:00:00.000Z");
    const undated = summarisePost("m", 0, { publication: "P", content: "x" }, [], RECEIVED);
    assert.equal(undated.day, "2026-03-04");
    assert.equal(undated.at, RECEIVED);
  });

  it("drops names over the length bound and names with no key, and marks the post truncated for the long ones", () => {
    const long = "A".repeat(STORED_LIMITS.entityWordChars + 1);
    const s = summarisePost("m", 0, { publication: "P", content: "x" }, [mention(long), mention("   "), mention("Kyiv", "place")], RECEIVED);
    assert.deepEqual(s.entities.map((e) => e.word), ["Kyiv"]);
    assert.equal(s.truncated, true);
    const blank = summarisePost("m", 0, { publication: "P", content: "x" }, [mention("   ")], RECEIVED);
    assert.equal(blank.truncated, false, "a name with no key is not a truncation");
  });

  it("keeps the most mentioned entities within the per-post caps", () => {
    const many = Array.from({ length: STORED_LIMITS.entitiesPerPost + 5 }, (_, i) => mention(`Person ${String(i).padStart(3, "0")}`));
    const s = summarisePost("m", 0, { publication: "P", content: "x" }, [...many, mention("Person 999"), mention("Person 999")], RECEIVED);
    assert.equal(s.entities.length, STORED_LIMITS.entitiesPerPost);
    assert.equal(s.truncated, true);
    assert.ok(s.entities.some((e) => e.word === "Person 999" && e.mentions === 2), "the most mentioned is kept");
    const ids = s.entities.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  it("cuts the publication's display name, never its key", () => {
    const name = "N".repeat(STORED_LIMITS.publicationNameChars + 50);
    const s = summarisePost("m", 0, { publication: name, content: "x" }, [], RECEIVED);
    assert.equal(s.publication.length, STORED_LIMITS.publicationNameChars);
    assert.equal(s.pubKey, publicationKey(name));
  });
});
