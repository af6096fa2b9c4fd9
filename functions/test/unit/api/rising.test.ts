import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RISING_ARTICLE_IDS, RISING_CANDIDATES, RISING_SAMPLE } from "@newsroom/core/api-schema";
import { DEFAULT_DATE_BOUNDS } from "@newsroom/core/dates";
import { sha1Hex } from "@newsroom/core/keys";
import { GLOBAL_SCOPE, type EntityType, type Scope } from "@newsroom/core/firestore-schema";
import { globalSource, rising, risingWindow, type RisingSource, type RisingWindow } from "../../../src/api/rising.js";
import { rising as risingHandler, type HandlerContext } from "../../../src/api/handlers.js";
import { ApiError } from "../../../src/api/errors.js";
import type { ReadStore } from "../../../src/api/read-store.js";

const id = (name: string) => sha1Hex(name);
type Fake = { word: string; type: EntityType; perDay: number; today: number; absorbed?: string[] };

/**
 * A scope of `perDay` articles a day and `today` on the day; `entities` by name; `sample` the day's articles
 * newest first, as the names each mentions. Records what was asked of it.
 */
function fakeSource(entities: Record<string, Fake>, sample: string[][], { perDay = 100, today = 100 } = {}) {
  const asked: { sampleLimit?: number; ids?: readonly string[] } = {};
  const source: RisingSource = {
    async articlesPerDay(w) {
      return { publication: null, days: Object.fromEntries(w.days.map((d) => [d, d === w.day ? today : perDay])) };
    },
    async sample(_w, limit) {
      asked.sampleLimit = limit;
      return sample.slice(0, limit).map((names, i) => ({ id: `article-${i}`, ents: names.map((n) => (n.startsWith("raw:") ? n.slice(4) : id(n))) }));
    },
    async entities(ids, w) {
      asked.ids = ids;
      return Object.entries(entities)
        .filter(([name]) => ids.includes(id(name)))
        .map(([name, e]) => ({ entity: { id: id(name), word: e.word, type: e.type, absorbed: e.absorbed }, days: Object.fromEntries(w.days.map((d) => [d, d === w.day ? e.today : e.perDay])) }));
    },
  };
  return { source, asked };
}

const window = risingWindow("2026-03-10");

describe("the rising window", () => {
  it("is the 28 days before the day, across a year's end too", () => {
    assert.deepEqual([window.from, window.to, window.days.at(-1), window.days.length], ["2026-02-10", "2026-03-09", "2026-03-10", 29]);
    const january = risingWindow("2027-01-05");
    assert.deepEqual([january.from, january.to], ["2026-12-08", "2027-01-04"]);
    assert.equal(january.endMs - january.startMs, 86_400_000);
    assert.equal(new Date(january.startMs).toISOString(), "2027-01-05T00:00:00.000Z");
  });
});

describe("rising over a source", () => {
  const entities: Record<string, Fake> = {
    Steady: { word: "Steady", type: "person", perDay: 20, today: 20 },
    Burst: { word: "Burst", type: "person", perDay: 2, today: 20, absorbed: [id("Bur")] },
    Newcomer: { word: "Newcomer", type: "place", perDay: 0, today: 5 },
  };
  // Newest first: the burst's articles, one of them naming only the absorbed surname.
  const sample = [["Burst", "Steady"], ["Steady"], ["Bur"], ["Burst"], ["Newcomer"], ["Burst"], ["Burst"], ["Burst"], ["Newcomer"], ["Burst"]];

  it("ranks the rising ones with their stored counts, linking their newest articles (absorbed ids too)", async () => {
    const { source } = fakeSource(entities, sample);
    const r = await rising(source, window, { limit: 10 });
    assert.ok(r);
    assert.deepEqual(r.entries.map((e) => e.word), ["Burst", "Newcomer"]);
    const burst = r.entries[0]!;
    assert.deepEqual([burst.k, burst.b, burst.n, burst.N], [20, 56, 100, 2800], "stored counts, not the sample's");
    assert.deepEqual(burst.articleIds, ["article-0", "article-2", "article-3", "article-5", "article-6"].slice(0, RISING_ARTICLE_IDS));
    assert.deepEqual(r.entries[1]!.articleIds, ["article-4", "article-8"]);
    assert.deepEqual([r.articles, r.baselineArticles], [100, 2800]);
    assert.deepEqual(r.scanned, { articles: sample.length, candidates: 3 });
  });

  it("filters by type and cuts at the limit", async () => {
    const { source } = fakeSource(entities, sample);
    assert.deepEqual((await rising(source, window, { type: "place", limit: 10 }))!.entries.map((e) => e.word), ["Newcomer"]);
    assert.deepEqual((await rising(source, window, { limit: 1 }))!.entries.map((e) => e.word), ["Burst"]);
  });

  it("reads at most RISING_SAMPLE articles and the RISING_CANDIDATES ids they mention most, of the layout's form only", async () => {
    const many = Array.from({ length: RISING_CANDIDATES + 20 }, (_, i) => `E${i}`);
    // E0 in every article, E1 in all but one, ...: the most mentioned are the first.
    const articles = Array.from({ length: many.length }, (_, a) => [...many.slice(0, many.length - a), "raw:not/an-id"]);
    const { source, asked } = fakeSource({}, articles);
    const r = await rising(source, window, { limit: 10 });
    assert.equal(asked.sampleLimit, RISING_SAMPLE);
    assert.deepEqual(asked.ids, many.slice(0, RISING_CANDIDATES).map(id));
    assert.deepEqual(r!.entries, [], "none of them exists");
  });

  it("reads no entity when the day has no article, and says when the scope does not exist", async () => {
    const { source, asked } = fakeSource(entities, []);
    const r = await rising(source, window, { limit: 10 });
    assert.deepEqual([r!.entries, r!.scanned, asked.ids], [[], { articles: 0, candidates: 0 }, undefined]);
    const missing: RisingSource = { ...source, articlesPerDay: async () => undefined };
    assert.equal(await rising(missing, window, { limit: 10 }), undefined);
  });

  it("lists nothing when the scope has no articles counted on the day (n = 0), without NaN", async () => {
    const { source } = fakeSource(entities, sample, { today: 0 });
    const r = await rising(source, window, { limit: 10 });
    assert.deepEqual(r!.entries, []);
  });
});

describe("rising over all publications", () => {
  /** A store that records the scope and publication each read names, holding `stored` as the global totals' days. */
  function recordingStore(stored: Record<string, number> | undefined) {
    const asked: string[] = [];
    const store = {
      async publicationDays(pubKey: string, _days: readonly string[], scope: Scope) {
        asked.push(`days ${scope === GLOBAL_SCOPE ? "global" : "publication"} "${pubKey}"`);
        return stored && { row: { id: "totals" }, days: stored };
      },
      async articlesBetween(pubKey: string | undefined) {
        asked.push(`articles of ${pubKey ?? "every publication"}`);
        return [{ id: "a1", ents: [id("Burst")] }];
      },
      async entitiesDays(_pubKey: string, ids: readonly string[], days: readonly string[], scope: Scope) {
        asked.push(`entities ${scope === GLOBAL_SCOPE ? "global" : "publication"}`);
        return ids.map((i) => ({ row: { id: i, word: "Burst", type: "person" }, days: Object.fromEntries(days.map((d) => [d, { m: 1, a: d === window.day ? 9 : 0 }])) }));
      },
    } as unknown as ReadStore;
    return { store, asked };
  }

  it("reads the folded counts and every publication's articles, and answers (empty) before the first fold", async () => {
    const { store, asked } = recordingStore(Object.fromEntries(window.days.map((d) => [d, 10])));
    const r = await rising(globalSource(store), window, { limit: 10 });
    assert.deepEqual(asked.sort(), ["articles of every publication", "days global \"\"", "entities global"]);
    assert.deepEqual([r!.publication, r!.articles, r!.baselineArticles, r!.entries.map((e) => [e.word, e.k, e.articleIds])], [null, 10, 280, [["Burst", 9, ["a1"]]]]);
    const before = await rising(globalSource(recordingStore(undefined).store), window, { limit: 10 });
    assert.deepEqual([before!.articles, before!.baselineArticles, before!.entries], [0, 0, []], "no totals yet: nothing counted, not a 404");
  });
});

describe("the rising handler's parameters", () => {
  const now = Date.UTC(2026, 2, 10, 12);
  const ctx = { now: () => now, dates: () => DEFAULT_DATE_BOUNDS } as HandlerContext;
  const store = {} as ReadStore; // each case fails before any read
  const refused = async (q: object, message: RegExp) => {
    const err = await risingHandler(store, {}, { limit: 10, ...q }, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApiError && err.status === 400, `${JSON.stringify(q)}: ${String(err)}`);
    assert.match(err.message, message);
  };

  it("refuses a day no post can count on", async () => {
    await refused({ pub: "p", day: "1699-12-31" }, /day: must be on or after 1700-01-01/);
    await refused({ pub: "p", day: "2026-03-13" }, /day: must be at most 2026-03-12/);
    await refused({ pub: "p", day: "2026-02-30" }, /not a calendar day/);
  });
});
