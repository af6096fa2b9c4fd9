// /v1/rising end to end, per publication and over all of them: 28 days of
// baseline articles in two publications for a few entities, dated with
// publishedAt, and a burst on the day for one of them in both, posted through
// ingest and counted by the pipeline (and folded over publications: the stacks
// run with GLOBAL_FOLD_SECONDS=0). The burst's entity comes first, linking the
// burst's articles. The day is in a year of this run's choosing long ago, so
// the counts over all publications on a shared stack hold only these posts.
// Every answer is checked against the served OpenAPI document.
import assert from "node:assert/strict";
import { randomBytes, randomInt } from "node:crypto";
import { before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { articleId, COLLECTIONS, DAY_MS, paths, yearOf } from "@newsroom/core/firestore-schema";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { emulator } from "./support/env.js";
import { postToIngest } from "./support/ingest.js";
import { runPersonName } from "./support/names.js";
import { apiGet, servedOpenApi } from "./support/read-api.js";
import { risingScore } from "../../src/api/rising-score.js";

const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};

const run = randomBytes(3).toString("hex");
const NAMES = [`Rising Times ${run}`, `Rising Post ${run}`] as const;
const PUBS = NAMES.map((n) => publicationKey(n));
const [pub] = PUBS as [string, string];
// A day before any other suite's dated posts (the State of the Union's start in 1790), in February to May.
const day = `${randomInt(1720, 1780)}-0${randomInt(2, 6)}-15`;
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (i: number) => new Date(Date.parse(day) - i * DAY_MS).toISOString().slice(0, 10);

const SENATOR = runPersonName();
type Post = { publication: string; content: string; id: string; publishedAt: string };

/**
 * One publication's posts. Each baseline day: Ada Lovelace twice, Mary Somerville once; the senator once a
 * week. On the day: Ada as usual, and a burst of the senator a minute apart (the second publication's half a
 * minute later, so the newest alternate between them).
 */
function postsOf(publication: string, second: boolean) {
  const post = (id: string, content: string, publishedAt: string): Post => ({ publication, content, id, publishedAt });
  const baseline = Array.from({ length: 28 }, (_, d) => d + 1).flatMap((i) => [
    post(`ada-${i}-a`, "Ada Lovelace spoke in the morning.", daysAgo(i)),
    post(`ada-${i}-b`, "Ada Lovelace wrote a letter.", daysAgo(i)),
    post(`mary-${i}`, "Mary Somerville gave a lecture.", daysAgo(i)),
    ...(i % 7 === 0 ? [post(`senator-${i}`, `Senator ${SENATOR} wrote a letter.`, daysAgo(i))] : []),
  ]);
  const burst = Array.from({ length: 6 }, (_, j) => post(`burst-${j}`, `Senator ${SENATOR} spoke again about engines.`, `${day}T00:0${j}:${second ? 30 : "00"}Z`));
  const todays = [...burst, ...["a", "b", "c"].map((x) => post(`ada-0-${x}`, "Ada Lovelace spoke in the morning.", day)), post("mary-0", "Mary Somerville gave a lecture.", day)];
  return { baseline, burst, todays };
}
const POSTS = NAMES.map((n, i) => postsOf(n, i === 1));
const { baseline, burst, todays } = POSTS[0]!;

const BURSTER = entityId("person", SENATOR);
const ADA = entityId("person", "Ada Lovelace");
const MARY = entityId("person", "Mary Somerville");

/** The article ids of the burst over both publications, newest first. */
const burstIds = () =>
  POSTS.flatMap((p, i) => p.burst.map((b) => ({ at: b.publishedAt, id: articleId(PUBS[i]!, b.id, "", 0) })))
    .sort((x, y) => (x.at < y.at ? 1 : -1))
    .map((b) => b.id);

/** Until the reads of `want` ([path, field, value]) all hold; the time they did. */
async function until(want: ReadonlyArray<[string, string, number]>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let got: unknown[] = [];
  while (Date.now() < deadline) {
    const snaps = await db().getAll(...want.map(([p]) => db().doc(p)));
    got = snaps.map((s, i) => s.get(want[i]![1]));
    if (got.every((n, i) => n === want[i]![2])) return Date.now();
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`counts ${JSON.stringify(got)} after ${timeoutMs} ms, expected ${JSON.stringify(want.map(([, , n]) => n))}`);
}

/** Until the rollup applied every post, and folded them over all publications. */
async function counted(timeoutMs = 60_000): Promise<void> {
  const applied = await until(
    PUBS.flatMap((p): Array<[string, string, number]> => [
      [paths.publication(p), "articleCount", baseline.length + todays.length],
      [paths.entity(p, BURSTER), "articles", 4 + burst.length],
      [paths.entity(p, ADA), "articles", 28 * 2 + 3],
      [paths.entity(p, MARY), "articles", 28 + 1],
    ]),
    timeoutMs,
  );
  // A batch writes its pieces over all publications in the parts that count its posts: once the publications'
  // counts are complete, every piece of these posts exists, from a batch that ended before; none of those
  // left means every one is folded.
  const deadline = Date.now() + timeoutMs;
  while ((await db().collection(COLLECTIONS.globalPending).where("batch", "<=", applied).limit(1).get()).size > 0) {
    if (Date.now() > deadline) throw new Error(`pieces over all publications still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
  // Only this suite dates posts in that year.
  await until(
    [
      [paths.globalTotals(), `yearly.${yearOf(day)}`, PUBS.length * (baseline.length + todays.length)],
      [paths.globalEntity(BURSTER), "articles", PUBS.length * (4 + burst.length)],
    ],
    1_000,
  );
}

let conforms: Awaited<ReturnType<typeof servedOpenApi>>["conforms"];

before(async () => {
  for (const p of POSTS) {
    const sent = await postToIngest("/posts", JSON.stringify([...p.baseline, ...p.todays]));
    assert.equal(sent.status, 202, sent.text);
  }
  ({ conforms } = await servedOpenApi());
  await counted();
});

describe("rising, after posts through ingest", () => {
  it("puts the burst's entity first, with its stored counts and the burst's newest articles", async () => {
    const a = await apiGet(`/v1/rising?pub=${encodeURIComponent(pub)}&day=${day}`);
    assert.equal(a.status, 200, a.text);
    conforms("rising", a);
    const n = todays.length;
    const N = baseline.length;
    assert.deepEqual([a.body.day, a.body.baseline, a.body.articles, a.body.baselineArticles], [day, { from: daysAgo(28), to: daysAgo(1) }, n, N]);
    assert.equal(a.body.publication.id, pub);
    assert.deepEqual(
      a.body.entities.map((e: any) => e.word),
      [SENATOR],
      "Ada and Mary are steady",
    );
    const [senator] = a.body.entities;
    assert.deepEqual([senator.id, senator.articles, senator.baselineArticles], [BURSTER, burst.length, 4]);
    assert.equal(senator.score, risingScore({ k: burst.length, b: 4, n, N }));
    const newest = burst.map((p) => articleId(pub, p.id, "", 0)).reverse().slice(0, 5);
    assert.deepEqual(senator.articleIds, newest, "the burst's five newest articles, newest first");
    assert.deepEqual(a.body.scanned, { articles: n, candidates: 3 });
  });

  it("over all publications (pub omitted), puts it first from the folded counts, linking the newest of both publications' bursts", async () => {
    const a = await apiGet(`/v1/rising?day=${day}`);
    assert.equal(a.status, 200, a.text);
    conforms("rising", a);
    const n = PUBS.length * todays.length;
    const N = PUBS.length * baseline.length;
    assert.deepEqual([a.body.publication, a.body.articles, a.body.baselineArticles], [null, n, N]);
    assert.deepEqual(a.body.entities.map((e: any) => e.word), [SENATOR], "Ada and Mary are steady in both");
    const [senator] = a.body.entities;
    assert.deepEqual([senator.id, senator.articles, senator.baselineArticles], [BURSTER, PUBS.length * burst.length, PUBS.length * 4]);
    assert.equal(senator.score, risingScore({ k: PUBS.length * burst.length, b: PUBS.length * 4, n, N }));
    assert.deepEqual(senator.articleIds, burstIds().slice(0, 5), "newest first, from either publication");
    assert.deepEqual(a.body.scanned, { articles: n, candidates: 3 });
  });

  it("gives the entity over all publications as the sum of both", async () => {
    const a = await apiGet(`/v1/entities/${BURSTER}?bin=year`);
    assert.equal(a.status, 200, a.text);
    conforms("globalEntity", a);
    const each = { mentions: 4 + burst.length, articles: 4 + burst.length };
    assert.deepEqual([a.body.entity.mentions, a.body.entity.articles], [PUBS.length * each.mentions, PUBS.length * each.articles]);
    assert.deepEqual(
      a.body.publications.map((p: any) => [p.id, p.mentions, p.articles]).sort(),
      PUBS.map((p) => [p, each.mentions, each.articles]).sort(),
    );
    assert.deepEqual(
      a.body.years.reduce((t: number, y: any) => t + y.articles, 0),
      PUBS.length * each.articles,
    );
  });

  it("filters by type, answers today without a day, and answers bad parameters with 400 and an unknown publication with 404", async () => {
    const places = await apiGet(`/v1/rising?pub=${encodeURIComponent(pub)}&day=${day}&type=place`);
    conforms("rising", places);
    assert.deepEqual(places.body.entities, []);
    const now = await apiGet(`/v1/rising?pub=${encodeURIComponent(pub)}`);
    conforms("rising", now);
    assert.ok([today, new Date().toISOString().slice(0, 10)].includes(now.body.day), `${now.body.day}: today`);
    assert.equal(now.body.articles, 0, "nothing of this publication is dated today");
    const cases: Array<[string, number, RegExp]> = [
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=1600-01-01`, 400, /day: must be on or after/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=${new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10)}`, 400, /day: must be at most/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=today`, 400, /day/],
      [`/v1/rising?day=${day}&limit=51`, 400, /at most 50/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&type=animal`, 400, /type/],
      [`/v1/rising?pub=no-such-${encodeURIComponent(pub)}`, 404, /no publication/],
    ];
    for (const [path, status, message] of cases) {
      const a = await apiGet(path);
      assert.equal(a.status, status, `${path}: ${a.text}`);
      assert.match(a.body.message, message, path);
      conforms("rising", a);
    }
  });
});
