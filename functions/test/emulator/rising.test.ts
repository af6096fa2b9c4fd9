// /v1/rising end to end: 28 days of baseline articles for a few entities,
// dated with publishedAt, and a burst today for one of them, posted through
// ingest and counted by the pipeline; the burst's entity comes first, linking
// the burst's articles. Every answer is checked against the served OpenAPI document.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { articleId, DAY_MS, paths } from "@newsroom/core/firestore-schema";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { emulator } from "./support/env.js";
import { postToIngest } from "./support/ingest.js";
import { apiGet, servedOpenApi } from "./support/read-api.js";
import { risingScore } from "../../src/api/rising-score.js";

const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};

const name = `Rising Times ${randomBytes(3).toString("hex")}`;
const pub = publicationKey(name);
// The day is fixed when the suite starts, so a run across midnight asks for the day it posted to.
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (i: number) => new Date(Date.parse(today) - i * DAY_MS).toISOString().slice(0, 10);

type Post = { publication: string; content: string; id: string; publishedAt: string };
const post = (id: string, content: string, publishedAt: string): Post => ({ publication: name, content, id, publishedAt });

// Each baseline day: Ada Lovelace twice, Mary Somerville once; Charles Babbage once a week.
const baseline = Array.from({ length: 28 }, (_, d) => d + 1).flatMap((i) => [
  post(`ada-${i}-a`, "Ada Lovelace spoke in the morning.", daysAgo(i)),
  post(`ada-${i}-b`, "Ada Lovelace wrote a letter.", daysAgo(i)),
  post(`mary-${i}`, "Mary Somerville gave a lecture.", daysAgo(i)),
  ...(i % 7 === 0 ? [post(`charles-${i}`, "Charles Babbage wrote a letter.", daysAgo(i))] : []),
]);
// Today: Ada as usual, and a burst of Charles Babbage, a minute apart (newest: the highest number).
const burst = Array.from({ length: 6 }, (_, j) => post(`burst-${j}`, "Charles Babbage spoke again about engines.", `${today}T00:0${j}:00Z`));
const todays = [...burst, ...["a", "b", "c"].map((x) => post(`ada-0-${x}`, "Ada Lovelace spoke in the morning.", today)), post("mary-0", "Mary Somerville gave a lecture.", today)];

const CHARLES = entityId("person", "Charles Babbage");
const ADA = entityId("person", "Ada Lovelace");
const MARY = entityId("person", "Mary Somerville");

/** Until the rollup applied every post: the publication's and each entity's article counts. */
async function counted(timeoutMs = 45_000): Promise<void> {
  const want: Array<[string, number]> = [
    [paths.publication(pub), baseline.length + todays.length],
    [paths.entity(pub, CHARLES), 4 + burst.length],
    [paths.entity(pub, ADA), 28 * 2 + 3],
    [paths.entity(pub, MARY), 28 + 1],
  ];
  const deadline = Date.now() + timeoutMs;
  let got: unknown[] = [];
  while (Date.now() < deadline) {
    const snaps = await db().getAll(...want.map(([p]) => db().doc(p)));
    got = snaps.map((s) => s.get("articleCount") ?? s.get("articles"));
    if (got.every((n, i) => n === want[i]![1])) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`counts ${JSON.stringify(got)} after ${timeoutMs} ms, expected ${JSON.stringify(want.map(([, n]) => n))}`);
}

let conforms: Awaited<ReturnType<typeof servedOpenApi>>["conforms"];

before(async () => {
  const sent = await postToIngest("/posts", JSON.stringify([...baseline, ...todays]));
  assert.equal(sent.status, 202, sent.text);
  ({ conforms } = await servedOpenApi());
  await counted();
});

describe("rising, after posts through ingest", () => {
  it("puts the burst's entity first, with its stored counts and the burst's newest articles", async () => {
    const a = await apiGet(`/v1/rising?pub=${encodeURIComponent(pub)}&day=${today}`);
    assert.equal(a.status, 200, a.text);
    conforms("rising", a);
    const n = todays.length;
    const N = baseline.length;
    assert.deepEqual([a.body.day, a.body.baseline, a.body.articles, a.body.baselineArticles], [today, { from: daysAgo(28), to: daysAgo(1) }, n, N]);
    assert.equal(a.body.publication.id, pub);
    assert.deepEqual(
      a.body.entities.map((e: any) => e.word),
      ["Charles Babbage"],
      "Ada and Mary are steady",
    );
    const [charles] = a.body.entities;
    assert.deepEqual([charles.id, charles.articles, charles.baselineArticles], [CHARLES, burst.length, 4]);
    assert.equal(charles.score, risingScore({ k: burst.length, b: 4, n, N }));
    const newest = burst.map((p) => articleId(pub, p.id, "", 0)).reverse().slice(0, 5);
    assert.deepEqual(charles.articleIds, newest, "the burst's five newest articles, newest first");
    assert.deepEqual(a.body.scanned, { articles: n, candidates: 3 });
  });

  it("filters by type, and answers bad parameters with 400 and an unknown publication with 404", async () => {
    const places = await apiGet(`/v1/rising?pub=${encodeURIComponent(pub)}&day=${today}&type=place`);
    conforms("rising", places);
    assert.deepEqual(places.body.entities, []);
    const cases: Array<[string, number, RegExp]> = [
      [`/v1/rising?day=${today}`, 400, /pub is required until counts over all publications exist/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=1600-01-01`, 400, /day: must be on or after/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=${daysAgo(-30)}`, 400, /day: must be at most/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&day=today`, 400, /day/],
      [`/v1/rising?pub=${encodeURIComponent(pub)}&limit=51`, 400, /at most 50/],
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
