// The read API over real HTTP (through Hosting's rewrite on the emulators,
// straight to the function on the runtime stack), on documents seeded as the
// rollup writes them. Every answer is checked against the OpenAPI document the
// API serves, every route against its documented Firestore read budget.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, Timestamp } from "firebase-admin/firestore";
import { ROUTES } from "@newsroom/core/api-schema";
import { entityId, entityKey, publicationKey } from "@newsroom/core/keys";
import { paths } from "@newsroom/core/firestore-schema";
import { emulator } from "./support/env.js";
import { apiGet as get, servedOpenApi, type ApiAnswer as Answer } from "./support/read-api.js";

const run = randomBytes(3).toString("hex");
const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};

let openapi: any;
let conforms: Awaited<ReturnType<typeof servedOpenApi>>["conforms"];

const A = `Api Alpha ${run}`;
const B = `Api Beta ${run}`;
const C = `Api Formulas ${run}`;
const ka = publicationKey(A);
const kb = publicationKey(B);
const kc = publicationKey(C);
const kd = publicationKey(`Api Delta ${run}`);
const ke = publicationKey(`Api Echo ${run}`);
// Entity names a spreadsheet would run as formulas (issue 19, finding 14).
const FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+SUM(1,2)", "-2+3", "@cmd"];
const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;

// Ada Lovelace's history in A: a day in June of each year from 2014 to 2025 (13 years with 2026), so a
// series without from/to shows the latest 10 and from/to over all of them is refused. As the rollup keeps
// them: 2026's days inline in the totals' documents, other years in year documents, and a day of 2026 counted
// after the year turned in both (its count is the sum).
const HISTORY = Array.from({ length: 12 }, (_, i) => String(2014 + i));
const june = (y: string) => `${y}-06-01`;

async function seed(): Promise<void> {
  const batch = db().batch();
  const at = Timestamp.now();
  const ada = entityId("person", "Ada Lovelace");
  const yearly = { ...Object.fromEntries(HISTORY.map((y) => [y, 5])), 2026: 30 };
  batch.set(db().doc(paths.publication(ka)), { name: A, articleCount: 30, yearly, days: { [day(1)]: 10, [day(2)]: 15 }, inlineYears: [2026], updatedAt: at });
  batch.set(db().doc(paths.publicationYear(ka, "2026")), { year: 2026, days: { [day(2)]: 5 } });
  for (const y of HISTORY) {
    batch.set(db().doc(paths.publicationYear(ka, y)), { year: Number(y), days: { [june(y)]: 5 } });
    batch.set(db().doc(paths.entityYear(ka, ada, y)), { year: Number(y), days: { [june(y)]: { m: Number(y) - 2000, a: 1 } } });
  }
  batch.set(db().doc(paths.entityYear(ka, ada, "2026")), { year: 2026, days: { [day(2)]: { m: 10, a: 5 } } });
  batch.set(db().doc(paths.publication(kb)), { name: B, articleCount: 40, yearly: { 2026: 40 }, days: { [day(1)]: 40 }, inlineYears: [2026], updatedAt: at });
  // 25 entities in A with counts 100..76; B shares some and has its own.
  for (let i = 0; i < 25; i++) {
    const word = i === 0 ? "Ada Lovelace" : i === 1 ? "Adam Smith" : `Person ${String.fromCharCode(65 + i)} ${run}`;
    const type = i % 3 === 0 ? "person" : i % 3 === 1 ? "organization" : "place";
    const id = entityId(type, word);
    const yearly = { ...(i === 0 ? Object.fromEntries(HISTORY.map((y) => [y, { m: Number(y) - 2000, a: 1 }])) : {}), 2026: { m: 100 - i, a: 30 - i } };
    const inline = i === 0 ? { days: { [day(1)]: { m: 40, a: 10 }, [day(2)]: { m: 50, a: 15 } }, inlineYears: [2026] } : {};
    batch.set(db().doc(paths.entity(ka, id)), { word, key: entityKey(word), type, count: 100 - i, articles: 30 - i, yearly, ...inline, updatedAt: at });
    if (i < 5) batch.set(db().doc(paths.entity(kb, id)), { word, key: entityKey(word), type, count: i === 0 ? 2 : 90, articles: 10, yearly: { 2026: { m: i === 0 ? 2 : 90, a: 10 } }, updatedAt: at });
  }
  batch.set(db().doc(paths.publication(kc)), { name: C, articleCount: 4, updatedAt: at });
  FORMULAS.forEach((word, i) => {
    batch.set(db().doc(paths.entity(kc, entityId("organization", word))), { word, key: entityKey(word), type: "organization", count: 10 - i, articles: 1, updatedAt: at });
  });
  const onlyB = entityId("place", "Brussels");
  batch.set(db().doc(paths.entity(kb, onlyB)), { word: "Brussels", key: "brussels", type: "place", count: 500, articles: 35, updatedAt: at });
  for (let n = 0; n < 7; n++) {
    batch.set(db().doc(paths.article(`api-${run}-${n}`)), {
      pubKey: ka,
      publication: A,
      title: `Article ${n}`,
      url: `https://example.com/${n}`,
      day: day(1 + (n % 2)),
      at: Timestamp.fromMillis(Date.UTC(2026, 2, 1) + n * 3_600_000),
      receivedAt: at,
      messageId: `m-${run}`,
      index: n,
      ents: [ada, `other-${n}`],
      mentions: [n + 1, 1],
    });
  }
  // Over all publications, as the rollup's fold writes them: this run's own entities, counted far above any
  // other suite's so they rank first; one of them with a history and in two publications. global/totals is left as the
  // other suites' folds made it (its counts are read back, not seeded).
  // (The fold writes what the publications hold; these are seeded apart, as the other routes' documents are.)
  GLOBAL.forEach((g, k) => {
    const id = entityId(g.type, g.word);
    const yearly = k === 0 ? { ...Object.fromEntries(HISTORY.map((y) => [y, { m: 2, a: 1 }])), 2026: { m: 9, a: 4 } } : {};
    const inline = k === 0 ? { days: { [day(3)]: { m: 9, a: 4 } }, inlineYears: [2026] } : {};
    batch.set(db().doc(paths.globalEntity(id)), { word: g.word, key: entityKey(g.word), type: g.type, count: g.count, articles: g.articles, yearly, ...inline, updatedAt: at });
  });
  const gid = entityId(GLOBAL[0]!.type, GLOBAL[0]!.word);
  for (const y of HISTORY) batch.set(db().doc(paths.globalEntityYear(gid, y)), { year: Number(y), days: { [june(y)]: { m: 2, a: 1 } } });
  // In two publications of its own (their entity documents only: the other tests count A's and B's).
  for (const [pub, count] of [[kd, 7], [ke, 11]] as const) {
    batch.set(db().doc(paths.entity(pub, gid)), { word: GLOBAL[0]!.word, key: entityKey(GLOBAL[0]!.word), type: GLOBAL[0]!.type, count, articles: 2, updatedAt: at });
  }
  await batch.commit();
}

/** This run's entities over all publications: mentions far above any other suite's, descending; articles ascending. */
const GLOBAL = Array.from({ length: 12 }, (_, k) => ({
  word: `Global ${String.fromCharCode(65 + k)} ${run}`,
  type: (["person", "organization", "place"] as const)[k % 3]!,
  count: 9e12 - k,
  articles: 9e11 + k,
}));

before(async () => {
  await seed();
  ({ document: openapi, conforms } = await servedOpenApi());
});

describe("read API", () => {
  it("serves an OpenAPI 3.1 document naming every route", () => {
    assert.equal(openapi.openapi, "3.1.0");
    for (const r of Object.values(ROUTES)) assert.ok(openapi.paths[r.path], r.path);
  });

  it("lists publications by article count, paged with a cursor", async () => {
    const seen: Array<{ id: string; articleCount: number }> = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const a: Answer = await get(`/v1/publications?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      assert.equal(a.status, 200, a.text);
      conforms("publications", a);
      seen.push(...a.body.publications);
      cursor = a.body.next;
      if (!cursor) break;
    }
    const ids = seen.map((p) => p.id);
    assert.ok(ids.includes(ka) && ids.includes(kb));
    assert.equal(new Set(ids).size, ids.length, "no publication twice");
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]!.articleCount >= seen[i]!.articleCount, "ordered by articles");
  });

  it("ranks a publication's entities by mentions or articles, by type, ten at a time, ranks continuing", async () => {
    const all: any[] = [];
    let cursor: string | null = null;
    do {
      const a: Answer = await get(`/v1/publications/${encodeURIComponent(ka)}/entities?limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      conforms("entities", a);
      all.push(...a.body.entities);
      cursor = a.body.next;
    } while (cursor);
    assert.equal(all.length, 25);
    assert.deepEqual(all.map((e) => e.rank), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(all.map((e) => e.mentions), Array.from({ length: 25 }, (_, i) => 100 - i));
    const people = await get(`/v1/publications/${encodeURIComponent(ka)}/entities?type=person&by=articles&limit=100`);
    conforms("entities", people);
    assert.ok(people.body.entities.length > 0 && people.body.entities.every((e: any) => e.type === "person"));
    assert.equal(people.body.by, "articles");
  });

  it("gives a ranked list as CSV", async () => {
    const a = await get(`/v1/publications/${encodeURIComponent(ka)}/entities?limit=3&format=csv`);
    assert.equal(a.status, 200);
    assert.match(a.headers.get("content-type") ?? "", /text\/csv/);
    assert.match(a.headers.get("content-disposition") ?? "", /attachment; filename=".*\.csv"/);
    const lines = a.text.trim().split("\n");
    assert.equal(lines[0], "rank,id,word,type,mentions,articles");
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, /^1,[0-9a-f]{40},Ada Lovelace,person,100,30$/);
  });

  it("gives an entity's totals, its daily series with the publication's articles per day (the latest 10 years, or within from/to), and both per year", async () => {
    const id = entityId("person", "Ada Lovelace");
    const entity = (q = "") => get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}${q}`);
    const a = await entity();
    conforms("entity", a);
    const latest = HISTORY.slice(-9).map((y) => ({ day: june(y), mentions: Number(y) - 2000, articles: 1, publicationArticles: 5 }));
    assert.deepEqual(a.body.series, [
      ...latest,
      { day: day(1), mentions: 40, articles: 10, publicationArticles: 10 },
      { day: day(2), mentions: 60, articles: 20, publicationArticles: 20 },
    ]);
    assert.deepEqual(a.body.years, [
      ...HISTORY.map((y) => ({ year: Number(y), mentions: Number(y) - 2000, articles: 1, publicationArticles: 5 })),
      { year: 2026, mentions: 100, articles: 30, publicationArticles: 30 },
    ]);
    assert.equal(a.reads, 2 + 2 * 10, "its totals, then 10 years of it and of the publication");
    const one = await entity(`?from=${day(2)}&to=${day(2)}`);
    conforms("entity", one);
    assert.deepEqual(one.body.series.map((s: any) => s.day), [day(2)]);
    assert.equal(one.reads, 4, "one year of each");
    const early = await entity("?from=2014-01-01");
    conforms("entity", early);
    assert.deepEqual(early.body.series.map((s: any) => s.day), HISTORY.slice(0, 10).map(june), "from alone: 10 calendar years from it");
    const wide = await entity("?from=2014-01-01&to=2026-12-31");
    assert.equal(wide.status, 400);
    assert.match(wide.body.message, /13 calendar years.*at most 10/);
    conforms("entity", wide);
    const backwards = await entity(`?from=${day(2)}&to=${day(1)}`);
    assert.equal(backwards.status, 400);
    const brussels = await get(`/v1/publications/${encodeURIComponent(kb)}/entities/${entityId("place", "Brussels")}`);
    conforms("entity", brussels);
    assert.deepEqual(brussels.body.series, [{ day: day(1), mentions: 0, articles: 0, publicationArticles: 40 }], "no year of its own: the publication's latest, at zero");

    const days = await get(`/v1/publications/${encodeURIComponent(ka)}/days?from=${day(1)}`);
    conforms("days", days);
    assert.deepEqual(days.body.days, [{ day: day(1), articles: 10 }, { day: day(2), articles: 20 }]);
    assert.deepEqual(days.body.years, [...HISTORY.map((y) => ({ year: Number(y), articles: 5 })), { year: 2026, articles: 30 }]);
    const recent = await get(`/v1/publications/${encodeURIComponent(ka)}/days`);
    conforms("days", recent);
    assert.deepEqual(recent.body.days.map((d: any) => d.day), [...HISTORY.slice(-9).map(june), day(1), day(2)]);
    assert.equal(recent.reads, 1 + 10);
    const tooWide = await get(`/v1/publications/${encodeURIComponent(ka)}/days?from=2001-01-01&to=2026-01-01`);
    assert.equal(tooWide.status, 400);
    assert.match(tooWide.body.message, /26 calendar years/);
  });

  it("ranks the entities over all publications by mentions or articles, by type, paged with ranks continuing, and as CSV", async () => {
    const all: any[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const a: Answer = await get(`/v1/entities?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      conforms("globalEntities", a);
      assert.equal(a.body.scope, "all");
      all.push(...a.body.entities);
      cursor = a.body.next;
    }
    assert.deepEqual(
      all.slice(0, 12).map((e) => [e.rank, e.word, e.mentions]),
      GLOBAL.map((g, k) => [k + 1, g.word, g.count]),
    );
    // The stack's sweeps fold other suites' posts meanwhile: the answer's count lies between two reads around it.
    const totals = async (): Promise<number> => (await db().doc(paths.globalTotals()).get()).get("articleCount") ?? 0;
    const before = await totals();
    const first = await get("/v1/entities?limit=1");
    const after = await totals();
    assert.equal(first.body.totals.name, "All publications");
    assert.ok(before <= first.body.totals.articleCount && first.body.totals.articleCount <= after, `${before} <= ${first.body.totals.articleCount} <= ${after}`);
    const places = await get("/v1/entities?type=place&by=articles&limit=100");
    conforms("globalEntities", places);
    assert.ok(places.body.entities.every((e: any) => e.type === "place"));
    const mine = places.body.entities.filter((e: any) => e.word.endsWith(run)).map((e: any) => e.word);
    assert.deepEqual(mine, GLOBAL.filter((g) => g.type === "place").map((g) => g.word).reverse(), "by articles: the reverse order");
    const csv = await get("/v1/entities?limit=2&format=csv");
    assert.match(csv.headers.get("content-type") ?? "", /text\/csv/);
    const lines = csv.text.trim().split("\n");
    assert.deepEqual(lines.slice(0, 2), ["rank,id,word,type,mentions,articles", `1,${entityId(GLOBAL[0]!.type, GLOBAL[0]!.word)},${GLOBAL[0]!.word},${GLOBAL[0]!.type},${GLOBAL[0]!.count},${GLOBAL[0]!.articles}`]);
    assert.equal((await get(`/v1/entities?cursor=${encodeURIComponent(all[4].id)}`)).status, 400, "not a cursor of this list");
  });

  it("gives an entity over all publications: totals, daily series, per year, and the publications that mention it most", async () => {
    const g = GLOBAL[0]!;
    const id = entityId(g.type, g.word);
    const a = await get(`/v1/entities/${id}`);
    conforms("globalEntity", a);
    assert.deepEqual([a.body.scope, a.body.entity], ["all", { id, word: g.word, type: g.type, mentions: g.count, articles: g.articles }]);
    const own = a.body.series.filter((s: any) => s.mentions > 0).map((s: any) => [s.day, s.mentions, s.articles]);
    assert.deepEqual(own, [...HISTORY.slice(-9).map((y) => [june(y), 2, 1]), [day(3), 9, 4]], "the latest 10 years with data");
    assert.deepEqual(a.body.years.filter((y: any) => y.mentions > 0).map((y: any) => [y.year, y.mentions, y.articles]), [...HISTORY.map((y) => [Number(y), 2, 1]), [2026, 9, 4]]);
    assert.deepEqual(a.body.publications, [{ id: ke, mentions: 11, articles: 2 }, { id: kd, mentions: 7, articles: 2 }]);
    const one = await get(`/v1/entities/${id}?from=${day(3)}&to=${day(3)}`);
    conforms("globalEntity", one);
    assert.deepEqual(one.body.series.map((s: any) => [s.day, s.mentions]), [[day(3), 9]]);
    const missing = await get(`/v1/entities/${entityId("person", `Nobody ${run}`)}`);
    assert.equal(missing.status, 404);
    conforms("globalEntity", missing);
    assert.equal((await get("/v1/entities/not-an-id")).status, 404);
    const years = await get(`/v1/entities/${id}?bin=year`);
    conforms("globalEntity", years);
    assert.deepEqual(years.body.series.filter((s: any) => s.mentions > 0).map((s: any) => [s.day, s.mentions]), [...HISTORY.map((y) => [y, 2]), ["2026", 9]]);
    assert.equal(years.reads, 2 + 2, "the totals and the entity, then its two publications' documents: no year document");
  });

  it("bins both series per ISO week (keyed by the Monday) within the years read, and per year over the whole history from the totals alone", async () => {
    const id = entityId("person", "Ada Lovelace");
    // 2025-06-01 and 2026-03-01 are Sundays (weeks of 2025-05-26 and 2026-02-23); 2026-03-02 is a Monday.
    const week = await get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}?from=2025-01-01&bin=week`);
    conforms("entity", week);
    assert.equal(week.body.bin, "week");
    assert.deepEqual(week.body.series, [
      { day: "2025-05-26", mentions: 25, articles: 1, publicationArticles: 5 },
      { day: "2026-02-23", mentions: 40, articles: 10, publicationArticles: 10 },
      { day: "2026-03-02", mentions: 60, articles: 20, publicationArticles: 20 },
    ]);
    assert.equal(week.reads, 2 + 2 * 2, "its totals, then 2025 and 2026 of it and of the publication");
    const year = await get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}?bin=year`);
    conforms("entity", year);
    assert.equal(year.body.bin, "year");
    assert.deepEqual(year.body.series, [
      ...HISTORY.map((y) => ({ day: y, mentions: Number(y) - 2000, articles: 1, publicationArticles: 5 })),
      { day: "2026", mentions: 100, articles: 30, publicationArticles: 30 },
    ]);
    assert.equal(year.reads, 2, "13 years from the totals' yearly maps, no year document");

    const days = (q: string) => get(`/v1/publications/${encodeURIComponent(ka)}/days?${q}`);
    const weeks = await days("from=2025-01-01&bin=week");
    conforms("days", weeks);
    assert.equal(weeks.body.bin, "week");
    assert.deepEqual(weeks.body.days, [{ day: "2025-05-26", articles: 5 }, { day: "2026-02-23", articles: 10 }, { day: "2026-03-02", articles: 20 }]);
    assert.equal(weeks.reads, 1 + 2);
    const years = await days("bin=year&from=2001-01-01&to=2026-01-01");
    conforms("days", years);
    assert.deepEqual(years.body.days, [...HISTORY.map((y) => ({ day: y, articles: 5 })), { day: "2026", articles: 30 }], "26 calendar years: too many for days, none for years");
    assert.equal(years.reads, 1);
  });

  it("says how far the counts are complete: the rollup's status and the newest article's receipt", async () => {
    const iso = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : null);
    for (let attempt = 0; ; attempt++) {
      const a = await get("/v1/status");
      conforms("status", a);
      assert.match(a.headers.get("cache-control") ?? "", /max-age=5\b/);
      // What it should say, read after it answered: equal unless the rollup moved meanwhile.
      const s = (await db().doc(paths.rollupStatus()).get()).data();
      const newest = (await db().collection("articles").orderBy("receivedAt", "desc").limit(1).get()).docs[0]?.get("receivedAt") as Timestamp | undefined;
      const expected = {
        completeThrough: iso(s?.completeThrough),
        appliedThrough: iso(s?.appliedThrough),
        appliedAt: s?.appliedAt ? (s.appliedAt as Timestamp).toDate().toISOString() : null,
        windowSeconds: s?.windowSeconds ?? null,
        failures: (s?.failures ?? []).map((f: any) => ({ windowEnd: iso(f.windowEnd), range: f.range, items: f.items, reason: f.reason, at: iso(f.at) })),
        newestArticleReceivedAt: newest ? newest.toDate().toISOString() : null,
      };
      assert.ok(expected.newestArticleReceivedAt, "this suite's articles were received");
      try {
        assert.deepEqual(a.body, expected);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 5_500)); // past the answer's 5 s
      }
    }
  });

  it("finds the same entity in the other publications", async () => {
    const id = entityId("person", "Ada Lovelace");
    const a = await get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}/elsewhere`);
    conforms("elsewhere", a);
    const mine = a.body.publications.filter((p: any) => p.id === ka || p.id === kb);
    assert.deepEqual(mine, [{ id: ka, mentions: 100, articles: 30 }, { id: kb, mentions: 2, articles: 10 }]);
  });

  it("lists the articles that mention an entity, newest first, with their mentions, paged", async () => {
    const id = entityId("person", "Ada Lovelace");
    const first = await get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}/articles?limit=4`);
    conforms("articles", first);
    assert.deepEqual(first.body.articles.map((x: any) => x.title), ["Article 6", "Article 5", "Article 4", "Article 3"]);
    assert.deepEqual(first.body.articles.map((x: any) => x.mentions), [7, 6, 5, 4]);
    const second = await get(`/v1/publications/${encodeURIComponent(ka)}/entities/${id}/articles?limit=4&cursor=${first.body.next}`);
    conforms("articles", second);
    assert.deepEqual(second.body.articles.map((x: any) => x.title), ["Article 2", "Article 1", "Article 0"]);
    assert.equal(second.body.next, null);
  });

  it("compares two publications: what is distinctive of each, and what they share", async () => {
    const a = await get(`/v1/compare?a=${encodeURIComponent(ka)}&b=${encodeURIComponent(kb)}&limit=50`);
    conforms("compare", a);
    const words = (list: any[]) => list.map((e) => e.word);
    assert.ok(words(a.body.distinctiveOfB).includes("Brussels"), JSON.stringify(a.body.distinctiveOfB));
    assert.ok(words(a.body.distinctiveOfA).includes("Ada Lovelace"), "100 mentions against 2");
    assert.ok(!words(a.body.distinctiveOfA).includes("Brussels"));
    for (const e of a.body.distinctiveOfA) assert.ok(e.zScore >= 1.96);
    const z = a.body.distinctiveOfA.map((e: any) => e.zScore);
    assert.deepEqual(z, [...z].sort((x: number, y: number) => y - x), "most distinctive first");
    for (const e of a.body.shared) assert.ok(e.mentionsA > 0 && e.mentionsB > 0 && Math.abs(e.zScore) < 1.96);
    assert.deepEqual(a.body.scanned, { a: 25, b: 6 });
  });

  it("finds a publication's entities by the start of their name", async () => {
    const a = await get(`/v1/search?pub=${encodeURIComponent(ka)}&q=ADA`);
    conforms("search", a);
    assert.deepEqual(a.body.entities.map((e: any) => e.word), ["Ada Lovelace", "Adam Smith"]);
    const none = await get(`/v1/search?pub=${encodeURIComponent(ka)}&q=zzz`);
    assert.deepEqual(none.body.entities, []);
  });

  it("serves the original app's two routes in its shapes under /v0", async () => {
    const pubs = await get("/v0/publications");
    conforms("v0Publications", pubs);
    const mine = pubs.body.find((p: any) => p.name === A);
    assert.equal(mine.count, 30);
    assert.match(mine.img_uri, /\?pub=/);
    const top = await get(`/v0/frequencies/${encodeURIComponent(A)}`);
    conforms("v0Frequencies", top);
    assert.equal(top.body.length, 10);
    assert.deepEqual(top.body[0], { word: "Ada Lovelace", count: 100 });
    const last = top.body.at(-1);
    const next = await get(`/v0/frequencies/${encodeURIComponent(A)}?word=${encodeURIComponent(last.word)}&count=${last.count}`);
    conforms("v0Frequencies", next);
    assert.equal(next.body[0].count, last.count - 1, "the keyset continues after the last word");
  });

  it("answers bad parameters with 400 and what was wrong, unknown things with 404, other methods with 405", async () => {
    const cases: Array<[keyof typeof ROUTES, string, number, RegExp]> = [
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?limit=0`, 400, /limit/],
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?limit=101`, 400, /at most 100/],
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?type=animal`, 400, /type/],
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?colour=red`, 400, /unknown parameter/],
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?cursor=bm90LWEtY3Vyc29y`, 400, /cursor/],
      ["entities", `/v1/publications/${encodeURIComponent(ka)}/entities?limit=1&limit=2`, 400, /once/],
      ["days", `/v1/publications/${encodeURIComponent(ka)}/days?from=March`, 400, /from/],
      ["days", `/v1/publications/${encodeURIComponent(ka)}/days?bin=decade`, 400, /^bin: must be one of day, week, month, year$/],
      ["entity", `/v1/publications/${encodeURIComponent(ka)}/entities/${entityId("person", "Ada Lovelace")}?bin=Week`, 400, /^bin: must be one of/],
      ["compare", `/v1/compare?a=${encodeURIComponent(ka)}`, 400, /b/],
      ["compare", `/v1/compare?a=${encodeURIComponent(ka)}&b=${encodeURIComponent(ka)}`, 400, /different/],
      ["search", `/v1/search?pub=${encodeURIComponent(ka)}&q=%20`, 400, /blank/],
      ["entities", `/v1/publications/no-such-${run}/entities`, 404, /no publication/],
      ["entity", `/v1/publications/${encodeURIComponent(ka)}/entities/nope`, 404, /no entity/],
      ["publications", `/v1/nothing`, 404, /no route/],
    ];
    for (const [route, path, status, message] of cases) {
      const a = await get(path);
      assert.equal(a.status, status, `${path}: ${a.text}`);
      assert.match(a.body.message, message, path);
      conforms(route, a);
    }
    const post = await get("/v1/publications", { "content-type": "application/json" }, "POST");
    assert.equal(post.status, 405);
  });

  it("answers with Cache-Control, an ETag and 304, CORS, and serves a loop of identical requests without a read each", async () => {
    const path = `/v1/publications/${encodeURIComponent(kb)}/entities?limit=5&by=articles`;
    const first = await get(path, { origin: "https://example.org" });
    assert.match(first.headers.get("cache-control") ?? "", /public, max-age=\d+, s-maxage=\d+/);
    assert.equal(first.headers.get("access-control-allow-origin"), "*");
    const etag = first.headers.get("etag")!;
    assert.ok(etag);
    const again = await get(path, { "if-none-match": etag });
    assert.equal(again.status, 304);
    let reads = 0;
    for (let i = 0; i < 20; i++) reads += (await get(path)).reads;
    assert.equal(reads, 0, "twenty identical requests after the first cost no Firestore read");
    const preflight = await get(path, { origin: "https://example.org", "access-control-request-method": "GET" }, "OPTIONS");
    assert.ok(preflight.status === 204 || preflight.status === 200);
  });

  // Issue 19, findings 6, 7, 8 and 14: a hostile client's view of the cache, the answers and the CSV.

  it("keys its cache unambiguously: an escaped & in a value is not another parameter", async () => {
    const forged = await get(`/v1/search?pub=${encodeURIComponent(ka)}&q=ada%26type%3Dperson`);
    assert.equal(forged.status, 200, forged.text);
    assert.deepEqual(forged.body.entities, [], "no name starts with 'ada&type=person'");
    const real = await get(`/v1/search?pub=${encodeURIComponent(ka)}&q=ada&type=person`);
    conforms("search", real);
    assert.deepEqual(real.body.entities.map((e: any) => e.word), ["Ada Lovelace"], "the forged request's empty answer was not served for this one");
  });

  it("builds no answer from request headers: a forged X-Forwarded-Proto/Host neither shows up nor poisons the cache", async () => {
    const poisoned = await get("/v0/publications", { "x-forwarded-proto": "javascript:alert(document.domain)//", "x-forwarded-host": "evil.example" });
    const plain = await get("/v0/publications");
    for (const a of [poisoned, plain]) {
      conforms("v0Publications", a);
      assert.doesNotMatch(a.text, /javascript:|evil\.example/);
      const mine = a.body.find((p: any) => p.name === A);
      assert.equal(mine.img_uri, `/?pub=${encodeURIComponent(ka)}`, "DASHBOARD_URL unset: a link relative to the API's own site");
    }
  });

  it("refuses parameters named like Object.prototype's properties, before any read", async () => {
    // (Not "__proto__": the Functions emulator's query parser drops it before the handler; the runtime stack's
    // passes it, and hostile-reads.test.ts sends it there.)
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      const a = await get(`/v0/publications?${name}=${randomBytes(4).toString("hex")}`);
      assert.equal(a.status, 400, `?${name}=: ${a.text}`);
      assert.match(a.body.message, /unknown parameter/);
      assert.equal(a.reads, 0);
      conforms("v0Publications", a);
    }
  });

  it("escapes formulas in CSV: a name starting with =, +, - or @ is text to a spreadsheet", async () => {
    const a = await get(`/v1/publications/${encodeURIComponent(kc)}/entities?format=csv`);
    assert.equal(a.status, 200, a.text);
    const words = a.text.trim().split("\n").slice(1).map((line) => {
      const m = /^\d+,[0-9a-f]{40},("(?:[^"]|"")*"|[^,]*),organization,\d+,\d+$/.exec(line);
      assert.ok(m, line);
      return m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!;
    });
    assert.deepEqual(words, FORMULAS.map((w) => `'${w}`));
  });
});
