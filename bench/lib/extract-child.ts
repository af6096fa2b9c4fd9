// One independent single-thread extraction process for bench/pool.ts.
// argv: <share index> <shares> <posts>. Loads the corpus and compromise,
// warms up, reports "ready", waits for "go", extracts its share of the corpus
// on its own main thread and reports the time.
import { extractEntities } from "@newsroom/core/extract";
import { benchCorpus } from "./corpus.ts";

const [index, shares, posts] = process.argv.slice(2).map(Number) as [number, number, number];
const corpus = benchCorpus(posts);
const from = Math.floor((index * corpus.length) / shares);
const to = Math.floor(((index + 1) * corpus.length) / shares);
const mine = corpus.slice(from, to).map((a) => a.content);

for (const t of mine.slice(0, 2)) extractEntities(t); // load and JIT-warm compromise
process.send!({ type: "ready" });
process.on("message", (msg: { type: string }) => {
  if (msg.type !== "go") return;
  const start = performance.now();
  let mentions = 0;
  for (const t of mine) mentions += extractEntities(t).length;
  process.send!({ type: "done", posts: mine.length, mentions, ms: performance.now() - start }, () => process.exit(0));
});
