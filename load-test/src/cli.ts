// npm run load-test -- [options]: replay a corpus against the ingest endpoint
// at a chosen rate, then verify every accepted post was counted exactly once.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { positiveNumber, wholeNumber } from "@newsroom/harness/args";
import { readEnvValue } from "@newsroom/harness/dotenv";
import { REPO_ROOT } from "@newsroom/harness/paths";
import { ALL_THE_NEWS, parseMapping, type ColumnMapping } from "./corpus/files.ts";
import type { CorpusChoice } from "./corpus/source.ts";
import { runLoadTest, type LoadTestOptions, type LoadTestReport } from "./run.ts";
import type { DayCheck } from "./verify.ts";
import { table } from "@newsroom/harness/table";
import { yearOf } from "@newsroom/core/firestore-schema";


export const HELP = `Usage: npm run load-test -- [options]

Corpus (default: sotu)
  --corpus sotu|synthetic|file   State of the Union articles (bundled npm data set), seeded
                                 synthetic news, or your own file
  --by president|party           sotu: publication of each article (default president)
  --sample N                     sotu: N articles spread evenly over the years (default: all ~3,700)
  --seed N                       synthetic: seed (default 1)
  --file PATH --format jsonl|csv|allthenews
  --map field=column,...         columns for publication, content, title, url, publishedAt, id
                                 (allthenews: the All the News 2.0 CSV layout)
Load
  --url URL          ingest function base URL (default $INGEST_URL, else the local emulator)
  --key KEY          API key (default $INGEST_API_KEY, else functions/.secret.local);
                     other users see a --key value in ps: prefer INGEST_API_KEY=... in the environment
  --posts N          total posts (a shorter corpus repeats with fresh ids); default: the corpus once
  --duration S       stop sending after S seconds
  --batch N          posts per request (default 10)
  --concurrency N    concurrent requests (default 8)
  --rate N           target posts/s, 0 = as fast as possible (default 0)
  --ramp S           seconds to ramp up to --rate (default 5)
  --no-ids           send posts without client ids (then requests are not retried)
  --retries N        retries per request on 5xx, 429, timeouts (default 8)
  --timeout-ms N     per-request timeout (default 30000)
  --run-id ID        id prefix for the posts of this run (default random)
Verification (on by default against the emulators)
  --verify / --no-verify
  --verify-timeout S (default 600)   --settle S (default 3)   --stall S (default 120)
  --project ID       Firestore project (default: from the URL, e.g. demo-newsroom)
Output
  --report FILE      JSON report (default artifacts/load-test-report.json)
  --json             print only the JSON report on stdout
  --quiet            no progress line`;

export type CliOptions = LoadTestOptions & { report: string; json: boolean };

/** `{ help: true }` for --help / -h (before anything else is checked), else the run's options. */
export function optionsFromArgs(argv: string[], env: NodeJS.ProcessEnv): (CliOptions & { help?: false }) | { help: true } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      corpus: { type: "string", default: "sotu" },
      by: { type: "string", default: "president" },
      sample: { type: "string" },
      seed: { type: "string", default: "1" },
      file: { type: "string" },
      format: { type: "string" },
      map: { type: "string" },
      url: { type: "string" },
      key: { type: "string" },
      posts: { type: "string" },
      duration: { type: "string" },
      batch: { type: "string", default: "10" },
      concurrency: { type: "string", default: "8" },
      rate: { type: "string", default: "0" },
      ramp: { type: "string", default: "5" },
      "no-ids": { type: "boolean", default: false },
      retries: { type: "string", default: "8" },
      "timeout-ms": { type: "string", default: "30000" },
      "run-id": { type: "string" },
      verify: { type: "boolean" },
      "no-verify": { type: "boolean" },
      "verify-timeout": { type: "string", default: "600" },
      settle: { type: "string", default: "3" },
      stall: { type: "string", default: "120" },
      project: { type: "string" },
      report: { type: "string", default: path.join(REPO_ROOT, "artifacts/load-test-report.json") },
      json: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { help: true };
  const url = (values.url ?? env.INGEST_URL ?? "http://127.0.0.1:5001/demo-newsroom/us-central1/ingest").replace(/\/+$/, "");
  const local = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(`${url}/`);
  const projectId = values.project ?? env.GCLOUD_PROJECT ?? (local ? new URL(url).pathname.split("/")[1] : undefined);
  const verify = values["no-verify"] ? false : (values.verify ?? local);
  if (verify && !projectId) throw new Error("--verify needs --project for a non-emulator URL");
  if (verify && local && !env.FIRESTORE_EMULATOR_HOST) env.FIRESTORE_EMULATOR_HOST = "127.0.0.1:8080";
  return {
    url,
    // A blank variable counts as unset: it would only earn 401s.
    apiKey: values.key ?? (env.INGEST_API_KEY?.trim() || localKey()),
    corpus: corpusFrom(values),
    ...(values.posts !== undefined ? { posts: wholeNumber("posts", values.posts)! } : {}),
    ...(values.duration !== undefined ? { durationSeconds: positiveNumber("duration", values.duration)! } : {}),
    postsPerRequest: wholeNumber("batch", values.batch)!,
    concurrency: wholeNumber("concurrency", values.concurrency)!,
    rate: { rate: positiveNumber("rate", values.rate, { orZero: true })!, rampSeconds: positiveNumber("ramp", values.ramp, { orZero: true })! },
    withIds: !values["no-ids"],
    retries: wholeNumber("retries", values.retries, { min: 0 })!,
    timeoutMs: wholeNumber("timeout-ms", values["timeout-ms"])!,
    ...(values["run-id"] ? { runId: values["run-id"] } : {}),
    verify,
    verifyTimeoutMs: positiveNumber("verify-timeout", values["verify-timeout"])! * 1000,
    settleMs: positiveNumber("settle", values.settle, { orZero: true })! * 1000,
    stallMs: positiveNumber("stall", values.stall)! * 1000,
    projectId: projectId ?? "",
    progress: !values.quiet && !values.json,
    report: values.report,
    json: values.json,
  };
}

function corpusFrom(values: Record<string, string | boolean | undefined>): CorpusChoice {
  const corpus = values.corpus as string;
  if (corpus === "sotu") {
    if (values.by !== "president" && values.by !== "party") throw new Error(`--by must be president or party`);
    const sample = wholeNumber("sample", values.sample as string | undefined);
    return { kind: "sotu", by: values.by, ...(sample ? { sample } : {}) };
  }
  if (corpus === "synthetic") return { kind: "synthetic", seed: wholeNumber("seed", values.seed as string, { min: 0 })! };
  if (corpus === "file") {
    const file = values.file as string | undefined;
    if (!file) throw new Error("--corpus file needs --file PATH");
    const format = (values.format as string | undefined) ?? (file.endsWith(".csv") ? "csv" : "jsonl");
    if (format !== "jsonl" && format !== "csv" && format !== "allthenews") throw new Error(`--format must be jsonl, csv or allthenews`);
    const mapping: ColumnMapping = { ...(format === "allthenews" ? ALL_THE_NEWS : {}), ...(values.map ? parseMapping(values.map as string) : {}) };
    return { kind: "file", format: format === "jsonl" ? "jsonl" : "csv", path: file, mapping };
  }
  throw new Error(`--corpus must be sotu, synthetic or file, got "${corpus}"`);
}

function localKey(): string {
  const key = readEnvValue(path.join(REPO_ROOT, "functions/.secret.local"), "INGEST_API_KEY");
  if (key) return key;
  throw new Error("no API key: set INGEST_API_KEY (or pass --key, which ps shows), or start the emulators once (npm run emulators)");
}

/** The dates' check in a few lines: the span of the days sent, whether each day's count is as sent, the first differences. */
export function formatDays(d: DayCheck): string[] {
  const lines: string[] = [];
  if (d.publications > 0) {
    const span = d.first && d.last ? ` from ${d.first} to ${d.last} (${Number(yearOf(d.last)) - Number(yearOf(d.first)) + 1} years)` : "";
    lines.push(`dates: articles on ${d.days} publication-days${span}; articles per day ${d.mismatches.length === 0 ? "as" : "NOT as"} sent in ${d.publications} publications`);
  }
  lines.push(...d.mismatches.slice(0, 10));
  if (d.mismatches.length > 10) lines.push(`... and ${d.mismatches.length - 10} more differences`);
  return lines;
}

export function formatReport(r: LoadTestReport): string {
  const s = r.send;
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "-");
  const lines = [
    `run ${r.runId}: ${r.corpus}`,
    table(
      ["metric", "value"],
      [
        ["posts sent", s.sent],
        ["posts accepted (202)", s.accepted],
        ["posts failed", s.failed],
        ["requests (incl. retries)", s.requests],
        ["retries", s.retries],
        ["duration s", s.durationS.toFixed(1)],
        ["accepted posts/s", s.acceptedPerS.toFixed(1)],
        ["latency p50 / p90 / p99 / max ms", `${ms(s.latencyMs.p50)} / ${ms(s.latencyMs.p90)} / ${ms(s.latencyMs.p99)} / ${ms(s.latencyMs.max)}`],
        ...Object.entries(s.errors).map(([kind, n]) => [`errors: ${kind}`, n] as [string, number]),
      ],
    ),
  ];
  const v = r.verification;
  if (v) {
    const wrong = v.publications.filter((c) => c.actual < c.expectedMin || c.actual > c.expectedMax);
    lines.push(
      "",
      `verification: ${v.pass ? "PASS" : "FAIL"}${v.timedOut ? " (timed out)" : ""} — ${v.publications.length} publications` +
        (v.entitiesChecked ? `, ${v.entitiesChecked} entity counters` : "") +
        (v.convergenceS !== undefined ? `; counts converged ${v.convergenceS.toFixed(1)} s after the last accepted post` : ""),
    );
    if (v.days) lines.push(...formatDays({ ...v.days, mismatches: v.dayMismatches }));
    if (v.plantedRecall !== undefined) lines.push(`synthetic corpus: extractor finds ${(v.plantedRecall * 100).toFixed(1)}% of planted mentions`);
    if (wrong.length > 0) {
      lines.push(table(["publication", "expected", "actual"], wrong.map((c) => [c.publication, c.expectedMin === c.expectedMax ? c.expectedMin : `${c.expectedMin}..${c.expectedMax}`, c.actual])));
    }
    if (v.entityDiffs.length > 0) {
      lines.push(table(["publication", "entity", "field", "expected", "actual"], v.entityDiffs.slice(0, 20).map((d) => [d.publication, d.word, d.field, d.expected, d.actual])));
      if (v.entityDiffs.length > 20) lines.push(`... and ${v.entityDiffs.length - 20} more differences (see the JSON report)`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const options = optionsFromArgs(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const report = await runLoadTest(options);
  mkdirSync(path.dirname(options.report), { recursive: true });
  writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) console.log(JSON.stringify(report));
  else console.log(`${formatReport(report)}\n\nJSON report: ${options.report}`);
  return report.verification && !report.verification.pass ? 1 : report.send.accepted === 0 ? 1 : 0;
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`load-test: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
