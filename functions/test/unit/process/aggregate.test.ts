import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { Entity, EntityType } from "../../../src/nlp/extract.js";
import { aggregate, aggregatePosts, pickDisplayForm, summarisePost } from "../../../src/process/aggregate.js";
import { entityId, publicationKey } from "../../../src/process/keys.js";
import type { Post } from "../../../src/shared/post.js";

/** Entities located in `content` by their surface text (each occurrence). */
function mentions(content: string, list: Array<[string, EntityType, string?]>): Entity[] {
  const out: Entity[] = [];
  for (const [text, type, canonical] of list) {
    let from = 0;
    for (;;) {
      const start = content.indexOf(text, from);
      if (start < 0) break;
      out.push({ text, canonical: canonical ?? text, type, start, end: start + text.length });
      from = start + text.length;
    }
  }
  return out;
}

describe("aggregatePosts", () => {
  it("counts articles per publication, mentions and articles per entity", () => {
    const p1: Post = { publication: "Daily Planet", content: "Lois Lane met Lex Luthor in Metropolis. Lois Lane left." };
    const p2: Post = { publication: "Daily Planet", content: "Lex Luthor bought LexCorp." };
    const p3: Post = { publication: "Gotham Gazette", content: "Bruce Wayne visited Metropolis." };
    const agg = aggregatePosts([
      { post: p1, entities: mentions(p1.content, [["Lois Lane", "person"], ["Lex Luthor", "person"], ["Metropolis", "place"]]) },
      { post: p2, entities: mentions(p2.content, [["Lex Luthor", "person"], ["LexCorp", "organization"]]) },
      { post: p3, entities: mentions(p3.content, [["Bruce Wayne", "person"], ["Metropolis", "place"]]) },
    ]);
    assert.deepEqual([...agg.keys()], ["daily planet", "gotham gazette"]);
    const dp = agg.get("daily planet")!;
    assert.equal(dp.name, "Daily Planet");
    assert.equal(dp.articleCount, 2);
    const byWord = Object.fromEntries([...dp.ents.values()].map((e) => [e.word, e]));
    assert.deepEqual(byWord["Lois Lane"], { id: entityId("person", "Lois Lane"), word: "Lois Lane", type: "person", count: 2, articles: 1 });
    assert.deepEqual(byWord["Lex Luthor"], { id: entityId("person", "Lex Luthor"), word: "Lex Luthor", type: "person", count: 2, articles: 2 });
    assert.equal(byWord["Metropolis"]?.count, 1);
    assert.equal(byWord["LexCorp"]?.type, "organization");
    assert.equal(dp.ents.size, 4, "every entity kept");
    const gg = agg.get("gotham gazette")!;
    assert.equal(gg.articleCount, 1);
    assert.deepEqual([...gg.ents.values()].map((e) => [e.word, e.count, e.articles]).sort(), [["Bruce Wayne", 1, 1], ["Metropolis", 1, 1]]);
  });

  it("merges case and spacing variants of a canonical form and picks a deterministic display form", () => {
    const post: Post = { publication: "X", content: "NASA launched. Nasa said. NASA again. nasa." };
    const ents = mentions(post.content, [["NASA", "organization"], ["Nasa", "organization"], ["nasa", "organization"]]);
    const one = aggregatePosts([{ post, entities: ents }]).get("x")!;
    assert.equal(one.ents.size, 1);
    const e = [...one.ents.values()][0]!;
    assert.equal(e.count, 4);
    assert.equal(e.articles, 1);
    assert.equal(e.word, "NASA", "most frequent form");
    // A tie goes to the smallest string, independent of input order.
    assert.equal(pickDisplayForm(new Map([["Nasa", 1], ["NASA", 1]])), "NASA");
    assert.equal(pickDisplayForm(new Map([["NASA", 1], ["Nasa", 1]])), "NASA");
    const reversed = aggregatePosts([{ post, entities: [...ents].reverse() }]).get("x")!;
    assert.deepEqual(reversed, one);
  });

  it("keeps the same name with different types apart", () => {
    const post: Post = { publication: "X", content: "Georgia (the state) and Georgia (the person)." };
    const agg = aggregatePosts([
      {
        post,
        entities: [
          { text: "Georgia", canonical: "Georgia", type: "place", start: 0, end: 7 },
          { text: "Georgia", canonical: "Georgia", type: "person", start: 24, end: 31 },
        ],
      },
    ]).get("x")!;
    assert.deepEqual([...agg.ents.values()].map((e) => e.type).sort(), ["person", "place"]);
  });

  it("groups publication name variants under one key with a deterministic name", () => {
    const posts: Post[] = [
      { publication: "the  guardian", content: "a" },
      { publication: "The Guardian", content: "b" },
      { publication: "The Guardian ", content: "c" },
    ];
    const agg = aggregatePosts(posts.map((post) => ({ post, entities: [] })));
    assert.deepEqual([...agg.keys()], [publicationKey("The Guardian")]);
    assert.equal(agg.get("the guardian")!.name, "The Guardian");
    assert.equal(agg.get("the guardian")!.articleCount, 3);
    assert.equal(agg.get("the guardian")!.ents.size, 0);
  });

  it("counts only the head part's article when a post is split into parts", () => {
    const post: Post = { publication: "P", content: "Alice, Bob and Carol." };
    const unit = summarisePost(0, post, mentions(post.content, [["Alice", "person"], ["Bob", "person"], ["Carol", "person"]]));
    assert.equal(unit.entities.length, 3);
    const whole = aggregate([{ unit, from: 0, to: 3, head: true }]);
    const split = aggregate([
      { unit, from: 0, to: 1, head: true },
      { unit, from: 1, to: 3, head: false },
    ]);
    assert.deepEqual(split, whole);
  });

  it("summarisePost sorts entities by id and sets the client key only when the post has an id", () => {
    const post: Post = { publication: "P", content: "Zed and Amy", id: "c-1" };
    const unit = summarisePost(3, post, mentions(post.content, [["Zed", "person"], ["Amy", "person"]]));
    assert.equal(unit.index, 3);
    assert.deepEqual(unit.entities.map((e) => e.id), [...unit.entities.map((e) => e.id)].sort());
    assert.match(unit.clientKey ?? "", /^[0-9a-f]{40}$/);
    assert.equal(summarisePost(0, { publication: "P", content: "x" }, []).clientKey, undefined);
  });
});
