import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { DEFAULT_DATE_BOUNDS, publishedAtProblem } from "@newsroom/core/dates";
import { chunkSentences, evenSample, loadSpeeches, PARTY_NONE, sotuArticles, splitSentences } from "../../../src/corpus/sotu.ts";

describe("SOTU corpus", () => {
  const articles = sotuArticles();

  it("builds about 3,700 articles of about 500 words from every speech", () => {
    assert.ok(articles.length > 3_400 && articles.length < 4_000, `articles: ${articles.length}`);
    const words = articles.map((a) => a.content.split(" ").length);
    const mean = words.reduce((s, n) => s + n, 0) / words.length;
    assert.ok(mean > 450 && mean < 550, `mean words ${mean}`);
    assert.ok(Math.min(...words) >= 125, "no tiny tail articles");
    const speeches = loadSpeeches();
    assert.equal(new Set(articles.map((a) => a.title.replace(/ \(\d+\/\d+\)$/, ""))).size, speeches.length);
    assert.equal(new Set(articles.map((a) => a.publication)).size, new Set(speeches.map((s) => s.name)).size);
  });

  it("loses no words: the articles of a speech rejoin to its text", () => {
    const speech = loadSpeeches()[0]!;
    const mine = articles.filter((a) => a.title.startsWith(`${speech.name}, State of the Union ${speech.year} `));
    assert.equal(mine.map((a) => a.content).join(" "), speech.text.split(/\s+/u).filter(Boolean).join(" "));
  });

  it("is deterministic, with unique stable ids", () => {
    assert.deepEqual(sotuArticles(), articles);
    assert.equal(new Set(articles.map((a) => a.id)).size, articles.length);
    assert.equal(articles[0]!.id, "sotu-1790-george-washington-001");
    assert.equal(articles[0]!.publication, "George Washington");
    for (const a of articles) assert.match(a.id, /^sotu-\d{4}-[a-z0-9-]+-\d{3}$/);
  });

  it("dates every article by its address's year, 1 July (the data set gives the year only), within the ingest's bounds", () => {
    for (const a of articles) assert.equal(a.publishedAt, `${a.id.slice(5, 9)}-07-01`, a.id);
    const years = loadSpeeches().map((s) => s.year);
    assert.deepEqual([articles[0]!.publishedAt, articles.at(-1)!.publishedAt], [`${Math.min(...years)}-07-01`, `${Math.max(...years)}-07-01`]);
    assert.equal(articles[0]!.publishedAt, "1790-07-01");
    // The endpoint takes every one of them, the earliest included.
    assert.deepEqual(new Set(articles.map((a) => publishedAtProblem(a.publishedAt, new Date(), DEFAULT_DATE_BOUNDS))), new Set([undefined]));
  });

  it("ends every article but a speech's last at a sentence boundary", () => {
    let checked = 0;
    for (const a of articles) {
      const [, i, n] = /\((\d+)\/(\d+)\)$/.exec(a.title) ?? [];
      if (i === n) continue;
      checked++;
      assert.match(a.content, /[.!?]["'”’)\]]*$/u, a.id);
    }
    assert.ok(checked > 3_000);
  });

  it("can use the party as publication", () => {
    const byParty = sotuArticles({ publication: "party" });
    assert.equal(byParty.length, articles.length);
    const parties = new Set(byParty.map((a) => a.publication));
    assert.ok(parties.has("Republican") && parties.has("Democratic") && parties.has(PARTY_NONE));
    assert.ok(!parties.has("none"));
  });

  it("splits sentences but not after abbreviations or initials", () => {
    const s = splitSentences('Mr. Speaker, John F. Kennedy visited the U.S. Capitol. He left! "Why?" he asked. Done.');
    assert.deepEqual(s.map((x) => x.join(" ")), [
      "Mr. Speaker, John F. Kennedy visited the U.S. Capitol.",
      "He left!",
      '"Why?" he asked.',
      "Done.",
    ]);
  });

  it("chunks at the sentence boundary closest to the target", () => {
    const sentences = [["a", "b", "c."], ["d", "e."], ["f", "g", "h", "i."], ["j."]];
    // Ties close early: 3 words is as close to 4 as 5 words.
    assert.deepEqual(chunkSentences(sentences, 4), ["a b c.", "d e.", "f g h i.", "j."]);
    assert.deepEqual(chunkSentences(sentences, 5), ["a b c. d e.", "f g h i. j."]);
    // 9 words is closer to 8 than 5; the 1-word tail (< 8/4) joins the chunk before.
    assert.deepEqual(chunkSentences(sentences, 8), ["a b c. d e. f g h i. j."]);
  });

  it("samples evenly and deterministically", () => {
    assert.deepEqual(evenSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3), [0, 3, 6]);
    assert.deepEqual(evenSample([1, 2], 5), [1, 2]);
  });
});
