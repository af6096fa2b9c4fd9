import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RISING_BASELINE_DAYS as BASELINE_DAYS } from "@newsroom/core/api-schema";
import { MIN_DAY_ARTICLES, rankRising, RISING_MIN_Z, risingScore } from "../../../src/api/rising-score.js";

// A publication of 100 articles a day: the day's n and its baseline's N.
const n = 100;
const N = n * BASELINE_DAYS;
/** An entity in `before` articles a day over the baseline and `today` on the day. */
const series = (id: string, before: number, today: number, pub = { n, N }) => ({ id, k: today, b: before * BASELINE_DAYS, ...pub });

describe("the rising score", () => {
  it("does not list a steady entity, whatever its size", () => {
    for (const perDay of [1, 5, 20, 60]) assert.equal(risingScore(series("s", perDay, perDay)), 0, `${perDay} a day`);
    assert.deepEqual(rankRising([series("steady", 20, 20), series("falling", 20, 5)]), []);
  });

  it("does not rank a doubling from 2 to 4 above a jump from 20 to 60", () => {
    const ranked = rankRising([series("doubling", 2, 4), series("jump", 20, 60)], { minScore: 0 });
    assert.deepEqual(ranked.map((e) => e.id), ["jump", "doubling"]);
    assert.ok(ranked[1]!.score < RISING_MIN_Z, `a doubling at these counts is no evidence: ${ranked[1]!.score}`);
    assert.deepEqual(rankRising([series("doubling", 2, 4), series("jump", 20, 60)]).map((e) => e.id), ["jump"]);
  });

  it("ranks an entity first seen today with 10 articles, with a finite score", () => {
    const ranked = rankRising([series("steady", 20, 20), series("new", 0, 10), series("doubling", 2, 4)]);
    assert.deepEqual(ranked.map((e) => e.id), ["new"]);
    assert.ok(Number.isFinite(ranked[0]!.score) && ranked[0]!.score > RISING_MIN_Z);
  });

  it("scores a new entity by how much evidence the baseline's silence is", () => {
    const long = risingScore(series("new", 0, 10));
    const thin = risingScore({ k: 10, b: 0, n, N: 5 });
    assert.ok(thin < RISING_MIN_Z && thin < long, `after 5 baseline articles: ${thin}; after ${N}: ${long}`);
  });

  it("needs MIN_DAY_ARTICLES on the day, however empty the baseline", () => {
    const few = { id: "few", k: MIN_DAY_ARTICLES - 1, b: 0, n: 10, N: 1_000_000 };
    assert.ok(risingScore(few) > RISING_MIN_Z, "the score alone would list it");
    assert.deepEqual(rankRising([few]), []);
    assert.deepEqual(rankRising([{ ...few, k: MIN_DAY_ARTICLES }]).map((e) => e.id), ["few"]);
  });

  it("orders ties by the day's articles, then id, whatever the input's order", () => {
    const same = [series("c", 0, 10), series("a", 0, 10), series("b", 0, 10)];
    for (const input of [same, [...same].reverse(), [same[1]!, same[2]!, same[0]!]]) assert.deepEqual(rankRising(input).map((e) => e.id), ["a", "b", "c"]);
    // Every article of the day and none before: G² is symmetric in n and N, so these two tie with different counts.
    const small = { id: "a-small", k: 5, b: 0, n: 5, N: 50 };
    const large = { id: "z-large", k: 50, b: 0, n: 50, N: 5 };
    assert.equal(risingScore(small), risingScore(large));
    for (const input of [[small, large], [large, small]]) assert.deepEqual(rankRising(input).map((e) => e.id), ["z-large", "a-small"], "more articles first");
  });

  it("gives a clear 0 for degenerate inputs, never NaN or Infinity", () => {
    const cases = [
      { k: 5, b: 1, n: 0, N: 100 }, // nothing on the day
      { k: 5, b: 0, n: 10, N: 0 }, // no baseline
      { k: 0, b: 0, n: 0, N: 0 },
      { k: Number.NaN, b: 1, n: 10, N: 100 },
      { k: 5, b: Number.POSITIVE_INFINITY, n: 10, N: 100 },
      { k: -3, b: -1, n: 10, N: 100 },
    ];
    for (const c of cases) assert.equal(risingScore(c), 0, JSON.stringify(c));
  });

  it("takes k > n as every article of the day (counts read at different moments), finite", () => {
    const over = risingScore({ k: 15, b: 0, n: 10, N: 280 });
    assert.equal(over, risingScore({ k: 10, b: 0, n: 10, N: 280 }));
    assert.ok(Number.isFinite(over) && over > 0);
    assert.equal(risingScore({ k: 10, b: 500, n: 10, N: 280 }), 0, "b > N: every baseline article, so no rise");
  });
});
