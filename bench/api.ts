// npm run bench:api [-- --stack both|runtime|emulators] [--clients 50] [--requests 400] [--json]
// The read API under 50 concurrent clients, per route: p50/p99 latency and
// Firestore reads per request, on the Functions emulator (through Hosting's
// rewrite) and on the runtime stack (functions-framework), on the same seeded
// data. "varied" requests differ (no cache can answer them), "repeated" ones
// are one URL over and over (the instance's cache, as Hosting's CDN would).
// Varied paths cycle through parameter values, so some repeat: the reads per
// request show how many the cache answered.
import { parseArgs } from "node:util";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import { entityId, entityKey, publicationKey, sha1Hex } from "@newsroom/core/keys";
import { paths } from "@newsroom/core/firestore-schema";
import { startRuntimeStack } from "@newsroom/harness/runtime-stack";
import { startStack, type Stack } from "@newsroom/harness/emulator-stack";
import { wholeNumber } from "@newsroom/harness/args";
import { table } from "@newsroom/harness/table";
import { summarise } from "newsroom-load-test/stats";

// The Admin SDK on the emulators needs no credentials: never look for a metadata server (no traffic off loopback).
process.env.METADATA_SERVER_DETECTION ??= "none";

const { values: flags } = parseArgs({ options: { json: { type: "boolean", default: false }, clients: { type: "string" }, requests: { type: "string" }, stack: { type: "string", default: "both" } } });
const json = flags.json;
const clients = wholeNumber("clients", flags.clients) ?? 50;
const requests = wholeNumber("requests", flags.requests) ?? 400;
const which = flags.stack;
const say = (s: string) => json || console.error(s);
const PUBS = 12;
const ENTS = 300;

const pubName = (p: number) => `Bench Api ${p}`;
const word = (p: number, e: number) => (e % 10 === 0 ? `Shared Person ${e}` : `Person ${p}-${e}`);

async function seed(db: Firestore): Promise<void> {
  const at = Timestamp.now();
  for (let p = 0; p < PUBS; p++) {
    const pub = publicationKey(pubName(p));
    let batch = db.batch();
    let n = 0;
    const flush = async () => {
      await batch.commit();
      batch = db.batch();
      n = 0;
    };
    // As the rollup keeps the current year: its days inline, its total in yearly.
    batch.set(db.doc(paths.publication(pub)), { name: pubName(p), articleCount: 1000 + p, yearly: { 2026: 1000 + p }, days: { "2026-03-01": 500, "2026-03-02": 500 + p }, inlineYears: [2026], updatedAt: at });
    for (let e = 0; e < ENTS; e++) {
      const w = word(p, e);
      const type = (["person", "organization", "place"] as const)[e % 3]!;
      const days = { "2026-03-01": { m: 10, a: 5 } };
      batch.set(db.doc(paths.entity(pub, entityId(type, w))), { word: w, key: entityKey(w), type, count: 5000 - e * 7 - p, articles: 900 - e, yearly: { 2026: { m: 10, a: 5 } }, days, inlineYears: [2026], updatedAt: at });
      if (++n >= 400) await flush();
    }
    for (let a = 0; a < 60; a++) {
      batch.set(db.doc(paths.article(sha1Hex(`bench-api-${p}-${a}`))), {
        pubKey: pub,
        publication: pubName(p),
        title: `Article ${a}`,
        day: "2026-03-01",
        at: Timestamp.fromMillis(Date.UTC(2026, 2, 1) + a * 60_000),
        receivedAt: at,
        messageId: "bench",
        index: a,
        ents: [entityId("person", word(p, 0)), entityId("organization", word(p, 1))],
        mentions: [2, 1],
      });
      if (++n >= 400) await flush();
    }
    await flush();
  }
  await seedGlobal(db, at);
}

/** The counts over all publications as the rollup's fold leaves them: each entity summed over the publications that have it. */
async function seedGlobal(db: Firestore, at: Timestamp): Promise<void> {
  const articles = Array.from({ length: PUBS }, (_, p) => 1000 + p).reduce((t, n) => t + n, 0);
  let batch = db.batch();
  batch.set(db.doc(paths.globalTotals()), { articleCount: articles, yearly: { 2026: articles }, days: { "2026-03-01": 500 * PUBS, "2026-03-02": articles - 500 * PUBS }, inlineYears: [2026], updatedAt: at });
  const global = new Map<string, { word: string; type: string; count: number; articles: number; a: number }>();
  for (let p = 0; p < PUBS; p++) {
    for (let e = 0; e < ENTS; e++) {
      const w = word(p, e);
      const type = (["person", "organization", "place"] as const)[e % 3]!;
      const g = global.get(entityId(type, w)) ?? { word: w, type, count: 0, articles: 0, a: 0 };
      global.set(entityId(type, w), { ...g, count: g.count + 5000 - e * 7 - p, articles: g.articles + 900 - e, a: g.a + 5 });
    }
  }
  let n = 0;
  for (const [id, g] of global) {
    const day = { m: 2 * g.a, a: g.a };
    batch.set(db.doc(paths.globalEntity(id)), { word: g.word, key: entityKey(g.word), type: g.type, count: g.count, articles: g.articles, yearly: { 2026: day }, days: { "2026-03-01": day }, inlineYears: [2026], updatedAt: at });
    if (++n % 400 === 0) {
      await batch.commit();
      batch = db.batch();
    }
  }
  await batch.commit();
}

/** Per route: a request path for variant i (varied) and one fixed path (repeated). */
function routes(): Array<{ name: string; path: (i: number) => string }> {
  const pub = (i: number) => encodeURIComponent(publicationKey(pubName(i % PUBS)));
  const ent = (i: number) => entityId("person", word(i % PUBS, (i * 3) % ENTS));
  return [
    { name: "publications", path: (i) => `/v1/publications?limit=${1 + (i % 20)}` },
    { name: "entities", path: (i) => `/v1/publications/${pub(i)}/entities?limit=${10 + (i % 90)}&by=${i % 2 ? "articles" : "mentions"}` },
    { name: "entity", path: (i) => `/v1/publications/${pub(i)}/entities/${ent(i)}` },
    { name: "elsewhere", path: (i) => `/v1/publications/${pub(i)}/entities/${entityId("person", `Shared Person ${(i * 30) % ENTS}`)}/elsewhere?limit=${1 + (i % 20)}` },
    { name: "articles", path: (i) => `/v1/publications/${pub(i)}/entities/${entityId("person", word(i % PUBS, 0))}/articles?limit=${1 + (i % 30)}` },
    { name: "days", path: (i) => `/v1/publications/${pub(i)}/days?from=2026-03-0${1 + (i % 2)}` },
    { name: "compare", path: (i) => `/v1/compare?a=${pub(i)}&b=${pub(i + 1)}&limit=${5 + (i % 20)}` },
    { name: "search", path: (i) => `/v1/search?pub=${pub(i)}&q=person%20${i % PUBS}-${i % 9}` },
    { name: "rising", path: (i) => `/v1/rising?pub=${pub(i)}&day=2026-03-0${1 + (i % 2)}&limit=${1 + (i % 20)}` },
    { name: "rising (all)", path: (i) => `/v1/rising?day=2026-03-0${1 + (i % 2)}&limit=${1 + (i % 20)}` },
    { name: "entities (all)", path: (i) => `/v1/entities?limit=${10 + (i % 90)}&by=${i % 2 ? "articles" : "mentions"}` },
    { name: "entity (all)", path: (i) => `/v1/entities/${i % 2 ? entityId("person", `Shared Person ${(i * 30) % ENTS}`) : ent(i)}` },
    { name: "status", path: (i) => `/v1/status${i % 2 ? "" : "?"}` },
    { name: "v0Publications", path: (i) => `/v0/publications${i % 2 ? "" : "?"}` },
    { name: "v0Frequencies", path: (i) => `/v0/frequencies/${encodeURIComponent(pubName(i % PUBS))}` },
  ];
}

type Stat = { route: string; variant: "varied" | "repeated"; p50: number; p99: number; readsPerRequest: number; errors: number };

async function measure(base: string, route: { name: string; path: (i: number) => string }, variant: "varied" | "repeated"): Promise<Stat> {
  const latencies: number[] = [];
  let reads = 0;
  let errors = 0;
  let next = 0;
  const one = async () => {
    while (next < requests) {
      const i = next++;
      const path = variant === "varied" ? route.path(i + 1_000 * Math.floor(i / PUBS)) : route.path(0);
      const t = performance.now();
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== 200) errors++;
      reads += Number(res.headers.get("x-firestore-reads") ?? 0);
    }
  };
  await Promise.all(Array.from({ length: clients }, one));
  const { p50, p99 } = summarise(latencies);
  return { route: route.name, variant, p50, p99, readsPerRequest: reads / requests, errors };
}

async function run(kind: "emulators" | "runtime"): Promise<Stat[]> {
  say(`${kind}: starting...`);
  // 50 clients on one address: the per-address limit (API_REQUESTS_PER_MINUTE) would measure itself.
  const params = { API_REQUESTS_PER_MINUTE: "0" };
  const stack: Stack = kind === "runtime" ? await startRuntimeStack({ params }) : await startStack({ params });
  try {
    const app = getApps().find((a) => a.name === kind) ?? initializeApp({ projectId: stack.project }, kind);
    process.env.FIRESTORE_EMULATOR_HOST = stack.env.FIRESTORE_EMULATOR_HOST;
    await seed(getFirestore(app));
    const out: Stat[] = [];
    for (const r of routes()) {
      for (const variant of ["varied", "repeated"] as const) {
        out.push(await measure(stack.apiUrl, r, variant));
        say(`  ${r.name} ${variant}: p50 ${out.at(-1)!.p50.toFixed(0)} ms, p99 ${out.at(-1)!.p99.toFixed(0)} ms, ${out.at(-1)!.readsPerRequest.toFixed(2)} reads/request`);
      }
    }
    return out;
  } finally {
    await stack.stop();
  }
}

const kinds = which === "both" ? (["emulators", "runtime"] as const) : [which as "emulators" | "runtime"];
const results: Record<string, Stat[]> = {};
for (const k of kinds) results[k] = await run(k);

if (json) console.log(JSON.stringify({ clients, requests, results }));
else {
  for (const [k, stats] of Object.entries(results)) {
    console.log(`\n${k} (${clients} concurrent clients, ${requests} requests per route and variant)\n`);
    const rows = routes().map((r) => {
      const v = stats.find((s) => s.route === r.name && s.variant === "varied")!;
      const p = stats.find((s) => s.route === r.name && s.variant === "repeated")!;
      return [r.name, `${v.p50.toFixed(0)} / ${v.p99.toFixed(0)}`, v.readsPerRequest.toFixed(2), `${p.p50.toFixed(0)} / ${p.p99.toFixed(0)}`, p.readsPerRequest.toFixed(2), v.errors + p.errors];
    });
    console.log(table(["route", "varied p50 / p99 ms", "varied reads/request", "repeated p50 / p99 ms", "repeated reads/request", "errors"], rows));
  }
}
process.exit(0);
