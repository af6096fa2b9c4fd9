import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileName, webUrl } from "../../../src/logic/names.ts";

describe("file names and article links", () => {
  it("makes file names of letters and digits, keeping non-Latin letters", () => {
    assert.equal(fileName("le-monde", "Émile Zola", "share", "per", "day"), "le-monde-émile-zola-share-per-day");
    assert.equal(fileName("a/b\\c", "..", "x:y*?"), "a-b-c-x-y");
    assert.equal(fileName("東京新聞", "word-cloud"), "東京新聞-word-cloud");
    assert.equal(fileName("", "--"), "chart");
    assert.equal(fileName("x".repeat(300)).length, 100);
  });

  it("links only http and https URLs", () => {
    assert.equal(webUrl("https://example.test/a?b=1"), "https://example.test/a?b=1");
    assert.equal(webUrl("HTTP://Example.test"), "http://example.test/");
    for (const bad of ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,hi", "/relative", "example.test", "", null]) {
      assert.equal(webUrl(bad), null, String(bad));
    }
  });
});
