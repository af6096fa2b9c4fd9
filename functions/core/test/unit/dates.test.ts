import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dateBounds, dayStartMs, DEFAULT_DATE_BOUNDS, publishedAtProblem } from "../../src/dates.js";
import { articleId, previousArticleId } from "../../src/firestore-schema.js";
import { clientIdKey, publicationKey } from "../../src/keys.js";

const received = new Date("2026-12-06T12:00:00Z");
const problem = (v: string) => publishedAtProblem(v, received, DEFAULT_DATE_BOUNDS);

describe("publishedAt bounds", () => {
  it("admits historical archives and today's news", () => {
    for (const v of ["1790-01-08", "1700-01-01", "2026-12-06", "2026-12-07", "2026-12-08T11:59:59Z", "2026-12-07T10:00:00+14:00", "1999-12-31T23:59:59.999-05:00"]) assert.equal(problem(v), undefined, v);
  });

  it("refuses days before the earliest, far in the future, or beyond four-digit years", () => {
    assert.match(problem("1699-12-31")!, /on or after 1700-01-01/);
    assert.match(problem("0001-01-01")!, /on or after/);
    assert.match(problem("2026-12-09")!, /48 hours after/);
    assert.match(problem("9999-12-31")!, /48 hours after/);
    assert.match(problem("9999-12-31T23:59:59-23:59")!, /48 hours after/, "an offset that makes year 10000");
  });

  it("checks its configuration", () => {
    assert.deepEqual(dateBounds("1790-01-01", 24), { earliest: "1790-01-01", aheadHours: 24 });
    assert.throws(() => dateBounds("1790-02-30", 24), /earliest publishedAt/);
    assert.throws(() => dateBounds("0999-12-31", 24), /earliest publishedAt/);
    assert.throws(() => dateBounds("1790-01-01", -1), /hours ahead/);
    assert.equal(dayStartMs("2024-02-29"), Date.UTC(2024, 1, 29));
    assert.equal(dayStartMs("2023-02-29"), undefined);
    assert.equal(dayStartMs("0050-01-01"), new Date("0050-01-01T00:00:00Z").getTime(), "years below 100 are not read as 19xx");
  });
});

describe("article ids", () => {
  it("never give a post with a client id the article of a post without one", () => {
    // The collision of issue 19, finding 4: {publication: "20", id: "0"} took message 20's first post.
    assert.notEqual(articleId(publicationKey("20"), "0", "x", 0), articleId("k", undefined, "20", 0));
    assert.equal(articleId(publicationKey("20"), "0", "x", 0), previousArticleId("20", 0), "the previous scheme collided");
    for (let m = 0; m < 200; m++) {
      const noId = articleId("k", undefined, String(m), m % 7);
      assert.match(noId, /\./, "a message's article ids hold a dot");
      assert.doesNotMatch(clientIdKey(publicationKey(String(m)), String(m % 7)), /\./, "a client id's never does");
    }
    assert.equal(articleId("k", undefined, "12345", 3), "12345.3");
    assert.equal(articleId("k", undefined, "a/b", 0), "a%2Fb.0", "a valid document id whatever the message id");
  });
});
