// NER benchmark: scores the product's extractEntities and plain compromise
// against CoNLL files, strict and lenient, per set and together, with the
// top-50 overlap per set, plus speed, peak memory and cold start per thread.
// Usage: npm run bench:ner -- [--json] [--passes N] [--adversarial [--class NAME]] [file.conll ...]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { wholeNumber } from "@newsroom/harness/args";
import { runAdversarial } from "./ner/adversarial.ts";
import { parseConll, type Doc, type Span } from "./ner/conll.ts";
import { loadExtractor, type ExtractorName } from "./ner/extractors.ts";
import { topOverlap } from "./ner/rank.ts";
import { emptyTally, scoreLenient, scoreStrict, summarize, TYPES } from "./ner/score.ts";
import { formatTable, type RunResult, type SetResult } from "./ner/format.ts";
import { measureThreads } from "./ner/threads.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const defaultFiles = ["wikigold.conll", "wnut17-test.conll"].map((f) =>
  path.resolve(repoRoot, "..", "shared", "ner-dev", f),
);

interface Args {
  json: boolean;
  passes: number;
  adversarial: boolean;
  /** With --adversarial: only this generator class. */
  cls?: string;
  child?: ExtractorName;
  files: string[];
}

function readArgs(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, adversarial: { type: "boolean", default: false }, class: { type: "string" }, passes: { type: "string" }, child: { type: "string" } },
  });
  return {
    json: values.json,
    adversarial: values.adversarial,
    passes: wholeNumber("passes", values.passes) ?? 3,
    ...(values.class !== undefined ? { cls: values.class } : {}),
    ...(values.child !== undefined ? { child: values.child as ExtractorName } : {}),
    files: positionals.length > 0 ? positionals.map((f) => path.resolve(f)) : defaultFiles,
  };
}

function loadSets(files: string[]): { file: string; docs: Doc[] }[] {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(
      `bench:ner: annotated file(s) not found:\n  ${missing.join("\n  ")}\n` +
        "Expected the development sets in ../shared/ner-dev/ beside the repository, " +
        "or pass CoNLL files: npm run bench:ner -- file.conll ...",
    );
    process.exit(2);
  }
  return files.map((f) => ({ file: f, docs: parseConll(readFileSync(f, "utf8")) }));
}

function scoreSet(name: string, docs: readonly Doc[], preds: readonly Span[][]): SetResult {
  const strict = emptyTally();
  const lenient = emptyTally();
  docs.forEach((doc, k) => {
    scoreStrict(doc.gold, preds[k]!, strict);
    scoreLenient(doc.gold, preds[k]!, lenient);
  });
  return {
    name,
    docs: docs.length,
    tokens: docs.reduce((n, d) => n + d.tokens, 0),
    strict: summarize(strict),
    lenient: summarize(lenient),
    top50: topOverlap(docs.map((d) => d.gold), preds, 50),
  };
}

/** Runs in a child process: one extractor, isolated load time, speed and memory. */
async function runChild(name: ExtractorName, args: Args): Promise<RunResult> {
  const sets = loadSets(args.files);
  const docs = sets.flatMap((s) => s.docs);
  const t0 = performance.now();
  const extract = await loadExtractor(name);
  const loadMs = performance.now() - t0;

  const preds = docs.map((doc) => extract(doc.text)); // first pass scores and warms up the JIT
  const results: SetResult[] = [];
  let offset = 0;
  for (const s of sets) {
    results.push(scoreSet(path.basename(s.file), s.docs, preds.slice(offset, offset + s.docs.length)));
    offset += s.docs.length;
  }
  if (sets.length > 1) results.push(scoreSet("all", docs, preds));

  const tokens = docs.reduce((n, d) => n + d.tokens, 0);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  let best = Infinity;
  for (let p = 0; p < args.passes; p++) {
    const s = performance.now();
    for (const doc of docs) extract(doc.text);
    best = Math.min(best, performance.now() - s);
  }
  const seconds = best / 1000;
  return {
    name,
    sets: results,
    tokensPerSec: tokens / seconds,
    mbPerSec: bytes / 1e6 / seconds,
    loadMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    thread: await measureThreads(name),
  };
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench:ner: ${(err as Error).message}`); // a bad flag: the message, not a stack
    process.exitCode = 2;
    return;
  }
  if (args.adversarial) {
    process.exitCode = await runAdversarial(args.json, args.cls);
    return;
  }
  if (args.child) {
    process.stdout.write(JSON.stringify(await runChild(args.child, args)));
    return;
  }
  loadSets(args.files); // fail early with a clear message
  const passArgs = ["--passes", String(args.passes), ...args.files];
  const results: RunResult[] = (["product", "compromise"] as const).map((name) =>
    JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", import.meta.filename, "--child", name, ...passArgs], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as RunResult,
  );
  const [product, baseline] = results as [RunResult, RunResult];
  const ratio = product.tokensPerSec / baseline.tokensPerSec;
  if (args.json) {
    console.log(JSON.stringify({ files: args.files, types: TYPES, results, speedRatio: ratio }));
  } else {
    console.log(formatTable(args.files, results, ratio));
  }
}

await main();
