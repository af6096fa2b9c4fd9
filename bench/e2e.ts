// npm run bench:e2e -- [--stack runtime|emulators] [--posts N] [--batch N] [--concurrency N] [--window S] [--json]
// End-to-end posts/s (POST -> Pub/Sub -> processPosts -> Firestore -> rollup,
// until the counts are verified), beside the extraction-only bound on the same
// corpus with the same threads, and Firestore writes per post (summed from the
// functions' own log lines). On the runtime stack by default (functions-framework,
// as production runs them); --stack emulators for the Functions emulator. The
// rollup window is --window seconds (default 1) so the figure measures
// throughput, not the wait for a 30 s window; the run also says when the last
// article was committed, before any rollup.
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { createExtractionPool } from "@newsroom/core/extract-pool";
import { localRunOptions, runLoadTest } from "newsroom-load-test/run";
import { startRuntimeStack } from "@newsroom/harness/runtime-stack";
import { startStack, type Stack } from "@newsroom/harness/emulator-stack";
import { wholeNumber } from "@newsroom/harness/args";
import { benchCorpus } from "./lib/corpus.ts";

const { values: flags } = parseArgs({
  options: { json: { type: "boolean", default: false }, posts: { type: "string" }, batch: { type: "string" }, concurrency: { type: "string" }, threads: { type: "string" }, stack: { type: "string", default: "runtime" }, window: { type: "string" }, warmup: { type: "string" } },
});
const posts = wholeNumber("posts", flags.posts) ?? 500;
const batch = wholeNumber("batch", flags.batch) ?? 20;
const concurrency = wholeNumber("concurrency", flags.concurrency) ?? 4;
const threads = wholeNumber("threads", flags.threads) ?? os.availableParallelism();
const kind = flags.stack;
if (kind !== "runtime" && kind !== "emulators") throw new Error(`--stack must be runtime or emulators, got "${kind}"`);
const windowS = wholeNumber("window", flags.window) ?? 1;
const json = flags.json;
const say = (s: string) => json || console.error(s);

const texts = benchCorpus(posts).map((a) => a.content);

// 1. The bound: extraction alone, same texts, same threads, warm pool.
say(`extraction-only bound: ${texts.length} posts on ${threads} threads...`);
const pool = createExtractionPool({ threads });
await pool.extractAll(texts.slice(0, threads * 2));
const t0 = performance.now();
await pool.extractAll(texts);
const boundS = (performance.now() - t0) / 1000;
await pool.destroy();

// 2. The pipeline.
say(`end to end on the ${kind === "runtime" ? "runtime stack (functions-framework)" : "Functions emulator"}...`);
const params = { EXTRACT_THREADS: String(threads), ROLLUP_WINDOW_SECONDS: String(windowS) };
const stack: Stack = kind === "runtime" ? await startRuntimeStack({ params, ackDeadlineSeconds: 600 }) : await startStack({ params });
Object.assign(process.env, stack.env);
/** processPosts' per-message log lines so far. */
const logLines = (message: string) =>
  readFileSync(stack.logFile, "utf8")
    .split("\n")
    .filter((l) => l.includes(`"${message}"`));
const processedLines = () => logLines("processPosts: message processed");

let result;
try {
  // Warm-up: the emulator starts a process per concurrent invocation, each
  // loading the code and its extraction pool once; production instances pay
  // that once too, so the measured run starts with warm processes.
  const warmup = wholeNumber("warmup", flags.warmup) ?? 16;
  say(`warm-up: ${warmup} concurrent requests...`);
  await runLoadTest(
    localRunOptions(stack, { corpus: { kind: "synthetic", seed: 99 }, posts: warmup, postsPerRequest: 1, concurrency: warmup, settleMs: 1_000 }),
  );
  const warmupMessages = processedLines().length;
  const warmupWindows = logLines("rollup: window applied").length;
  const report = await runLoadTest(
    localRunOptions(stack, {
      corpus: { kind: "sotu", by: "president", sample: posts },
      postsPerRequest: batch,
      concurrency,
      timeoutMs: 120_000,
      verifyTimeoutMs: 30 * 60_000,
      settleMs: 2_000,
      progress: !json,
    }),
  );
  const v = report.verification!;
  if (!v.pass || v.convergenceS === undefined) throw new Error("the run did not verify; no figure to report");
  const e2eS = report.send.durationS + v.convergenceS;
  const messages = processedLines()
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as { writes: number; counted: number; posts: number })
    .slice(warmupMessages); // the warm-up's messages are not the run's
  const rollups = logLines("rollup: window applied")
    .map((l) => JSON.parse(l.slice(l.indexOf("{"))) as { writes: number })
    .slice(warmupWindows);
  const writes = messages.reduce((a, m) => a + m.writes, 0) + rollups.reduce((a, r) => a + r.writes, 0);
  const counted = messages.reduce((a, m) => a + m.counted, 0);
  result = {
    stack: kind,
    windowSeconds: windowS,
    posts: report.send.accepted,
    batch,
    threads,
    cpus: os.availableParallelism(),
    e2eSeconds: e2eS,
    e2ePostsPerS: report.send.accepted / e2eS,
    extractionOnlySeconds: boundS,
    extractionOnlyPostsPerS: texts.length / boundS,
    ratio: report.send.accepted / e2eS / (texts.length / boundS),
    messages: messages.length,
    writes,
    writesPerPost: writes / counted,
    ingestLatencyMs: report.send.latencyMs,
  };
} finally {
  await stack.stop();
}

if (json) console.log(JSON.stringify(result));
else {
  const r = result;
  console.log(`
end to end (${r.posts} SOTU posts, ${r.batch} per request/message, ${r.threads} extraction threads, ${r.cpus} vCPUs)
  pipeline (${r.stack} stack, ${r.windowSeconds} s rollup window)   ${r.e2ePostsPerS.toFixed(1)} posts/s  (${r.e2eSeconds.toFixed(1)} s from first POST to verified counts)
  extraction alone (the bound)     ${r.extractionOnlyPostsPerS.toFixed(1)} posts/s  (${r.extractionOnlySeconds.toFixed(1)} s)
  ratio pipeline / bound           ${r.ratio.toFixed(2)}
  Firestore writes                 ${r.writes} for ${r.messages} messages: ${r.writesPerPost.toFixed(2)} per post`);
}
process.exit(0);
