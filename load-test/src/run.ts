// One load test, end to end: send the corpus, then prove nothing was lost.
// Used by the CLI (cli.ts) and by the demo (npm start).
import { randomBytes } from "node:crypto";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { corpusPosts, type CorpusChoice } from "./corpus/source.ts";
import { SYNTHETIC_PUBLICATIONS, syntheticTexts } from "./corpus/synthetic.ts";
import type { LoadPost } from "./corpus/types.ts";
import { expectedEntities, plantedRecall, type TextUses } from "./expected.ts";
import { endProgress, progressPrinter } from "./progress.ts";
import type { RatePlan } from "./rate.ts";
import { sendAll, type SendResult } from "./sender.ts";
import { summarise, type Summary } from "./stats.ts";
import type { Day } from "@newsroom/core/firestore-schema";
import { compareDays, daysAddUp, readPublicationDays, verifyArticleCounts, verifyEntities, type DayCheck, type Verification } from "./verify.ts";

export type LoadTestOptions = {
  url: string;
  apiKey: string;
  corpus: CorpusChoice;
  posts?: number;
  durationSeconds?: number;
  postsPerRequest: number;
  concurrency: number;
  rate: RatePlan;
  withIds: boolean;
  retries: number;
  timeoutMs: number;
  runId?: string;
  verify: boolean;
  verifyTimeoutMs: number;
  settleMs: number;
  stallMs: number;
  /** Firestore of the target (emulator or project); needed when verifying. */
  projectId: string;
  progress: boolean;
};

export type LoadTestReport = {
  runId: string;
  corpus: string;
  options: Omit<LoadTestOptions, "apiKey" | "corpus">;
  send: {
    durationS: number;
    sent: number;
    accepted: number;
    failed: number;
    requests: number;
    retries: number;
    acceptedPerS: number;
    latencyMs: Summary;
    errors: Record<string, number>;
  };
  publications: string[];
  /** `days`: the articles per day against the dates sent (compareDays); `dayMismatches`, its and daysAddUp's findings. */
  verification?: Verification & { plantedRecall?: number; dayMismatches: string[]; days?: Omit<DayCheck, "mismatches"> };
};

/**
 * A run against a local stack with the settings every caller shares (ids on,
 * retries, unlimited rate, verification); callers override what differs.
 */
export function localRunOptions(
  target: { ingestUrl: string; apiKey: string; project: string },
  overrides: Partial<LoadTestOptions> & Pick<LoadTestOptions, "corpus">,
): LoadTestOptions {
  return {
    url: target.ingestUrl,
    apiKey: target.apiKey,
    projectId: target.project,
    postsPerRequest: 10,
    concurrency: 4,
    rate: { rate: 0, rampSeconds: 0 },
    withIds: true,
    retries: 8,
    timeoutMs: 60_000,
    verify: true,
    verifyTimeoutMs: 10 * 60_000,
    settleMs: 3_000,
    stallMs: 180_000,
    progress: false,
    ...overrides,
  };
}

export function firestoreFor(projectId: string): Firestore {
  // Against the emulator there is no metadata server to ask for credentials.
  if (process.env.FIRESTORE_EMULATOR_HOST) process.env.METADATA_SERVER_DETECTION ??= "none";
  const app = getApps().find((a) => a.name === "load-test") ?? initializeApp({ projectId }, "load-test");
  return getFirestore(app);
}

export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestReport> {
  const runId = options.runId ?? randomBytes(4).toString("hex");
  // Synthetic publications are scoped to the run so their entity documents start empty.
  const corpus: CorpusChoice =
    options.corpus.kind === "synthetic" && !options.corpus.publications
      ? { ...options.corpus, publications: SYNTHETIC_PUBLICATIONS.map((p) => `${p} ${runId}`) }
      : options.corpus;
  const db = options.verify ? firestoreFor(options.projectId) : undefined;
  const skipped: string[] = [];
  const cycle = options.posts !== undefined || options.durationSeconds !== undefined;
  const source = corpusPosts(corpus, { runId, cycle, skipped });

  // Baselines come first: publications already in Firestore keep their earlier counts.
  const uses: TextUses = new Map();
  const baseline = new Map<string, number>();
  const baselineDays = new Map<string, Map<Day, number>>();
  const seen = new Set<string>();
  const withBaseline = async function* (): AsyncGenerator<LoadPost> {
    for await (const post of source) {
      if (db && !seen.has(post.publication)) {
        seen.add(post.publication);
        const before = (await readPublicationDays(db, [post.publication])).get(post.publication)!;
        baseline.set(post.publication, before.articleCount);
        baselineDays.set(post.publication, before.days);
      }
      yield post;
    }
  };

  const total = options.posts ?? (corpus.kind === "sotu" ? corpus.sample : undefined);
  const print = options.progress ? progressPrinter(total) : undefined;
  const result: SendResult = await sendAll(withBaseline(), {
    url: options.url,
    apiKey: options.apiKey,
    postsPerRequest: options.postsPerRequest,
    concurrency: options.concurrency,
    rate: options.rate,
    ...(options.posts !== undefined ? { maxPosts: options.posts } : {}),
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    retries: options.retries,
    withIds: options.withIds,
    timeoutMs: options.timeoutMs,
    ...(print ? { onProgress: print } : {}),
    onAccepted: (posts) => {
      if (corpus.kind !== "synthetic") return;
      for (const p of posts) {
        const index = (p as LoadPost & { textIndex: number }).textIndex;
        const texts = uses.get(p.publication) ?? new Map<number, number>();
        texts.set(index, (texts.get(index) ?? 0) + 1);
        uses.set(p.publication, texts);
      }
    },
  });
  if (print) endProgress();

  const { apiKey: _key, corpus: _corpus, ...shown } = options;
  const report: LoadTestReport = {
    runId,
    corpus: describeCorpus(corpus),
    options: shown,
    send: {
      durationS: result.durationS,
      sent: result.sent,
      accepted: result.accepted,
      failed: result.failed,
      requests: result.requests,
      retries: result.retries,
      acceptedPerS: result.accepted / result.durationS,
      latencyMs: summarise(result.latencyMs),
      errors: result.errors,
    },
    publications: [...result.byPublication.keys()],
  };
  if (skipped.length > 0) report.send.errors["skipped_rows"] = skipped.length;
  if (!db) return report;

  const counts = await verifyArticleCounts({
    db,
    tallies: result.byPublication,
    baseline,
    lastAcceptedAt: result.lastAcceptedAt,
    timeoutMs: options.verifyTimeoutMs,
    settleMs: options.settleMs,
    stallMs: options.stallMs,
    ...(options.progress && process.stderr.isTTY
      ? { onPoll: (m: number, t: number) => process.stderr.write(`\rverifying: ${m}/${t} publications match`.padEnd(60)) }
      : {}),
  });
  if (options.progress && process.stderr.isTTY) process.stderr.write("\n");
  report.verification = { ...counts, entityDiffs: [], entitiesChecked: 0, dayMismatches: [] };
  if (counts.pass) {
    // The counts are final: each day's, each year's and the total must agree, and the days be those sent.
    const now = await readPublicationDays(db, [...result.byPublication.keys()]);
    const { mismatches, ...days } = compareDays(result.byPublication, baselineDays, new Map([...now].map(([p, d]) => [p, d.days])));
    report.verification.dayMismatches = [...[...now].flatMap(([p, d]) => daysAddUp(p, d)), ...mismatches];
    report.verification.days = days;
  }
  if (report.verification.dayMismatches.length > 0) report.verification.pass = false;
  if (corpus.kind === "synthetic" && counts.pass) {
    const pool = syntheticTexts(corpus.seed);
    const entities = await verifyEntities(db, expectedEntities(pool, uses));
    report.verification.entityDiffs = entities.diffs;
    report.verification.entitiesChecked = entities.checked;
    report.verification.pass = entities.diffs.length === 0 && report.verification.dayMismatches.length === 0;
    report.verification.plantedRecall = plantedRecall(pool);
  }
  return report;
}

function describeCorpus(c: CorpusChoice): string {
  if (c.kind === "sotu") return `sotu (State of the Union, by ${c.by}${c.sample ? `, ${c.sample} articles sampled evenly` : ""}, each dated 1 July of its address's year)`;
  if (c.kind === "synthetic") return `synthetic (seed ${c.seed})`;
  return `${c.format} file ${c.path}`;
}
