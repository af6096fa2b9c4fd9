// npm run test:reliability: boots its own emulator stack and proves, each
// exactly, that nothing is lost or double-counted under
//   hostile input   hundreds of bad requests: each a 4xx, nothing published, no key in the log
//   (a) duplicates  every Pub/Sub message delivered twice (a second, real handler call per message)
//   (b) Firestore   the Firestore emulator paused (SIGSTOP) for 15 s in the middle of a load run
//   (c) kill        a processing worker SIGKILLed inside a multi-chunk message, then the message redelivered
//   (d) Pub/Sub     the Pub/Sub emulator paused during ingest: 503s, retries with ids, every post counted once
// then prints a summary table and exits non-zero on any failure.
//   node scripts/reliability.ts [--only hostile,a,b,c,d] [--json FILE]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { Firestore } from "firebase-admin/firestore";
import { handlePostsMessage, type HandlerDeps, type ProcessedResult } from "../functions/lib/process/handler.js";
import { destroyExtractionPool, extractOnPool } from "../functions/lib/process/pool.js";
import { publicationKey } from "../functions/lib/process/keys.js";
import { decodeMessage, encodeMessage } from "../functions/lib/shared/message.js";
import type { Post } from "../functions/lib/shared/post.js";
import {
  describeResult,
  hostileCases,
  runHostileCases,
  secretsIn,
  summariseHostile,
} from "../functions/test/emulator/support/hostile-cases.ts";
import { pidsListeningOn } from "./lib/procfs.ts";
import { SYNTHETIC_PUBLICATIONS, syntheticTexts } from "../load-test/src/corpus/synthetic.ts";
import { expectedEntities, type TextUses } from "../load-test/src/expected.ts";
import { firestoreFor, localRunOptions, runLoadTest, type LoadTestOptions, type LoadTestReport } from "../load-test/src/run.ts";
import { verifyEntities } from "../load-test/src/verify.ts";
import { Subscription } from "./reliability/pubsub.ts";
import { startStack, REPO_ROOT, type Stack } from "./lib/stack.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    only: { type: "string", default: "hostile,a,b,c,d" },
    json: { type: "string" },
  },
});
const only = new Set(values.only!.split(",").map((s) => s.trim()));

type Row = { scenario: string; pass: boolean; sent: number; accepted: number; postsPerS: number; lost: number; duplicated: number; detail: string };
const rows: Row[] = [];
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

// ---------------------------------------------------------------------------

const SEEDS = { a: 101, b: 202, d: 404 };

function loadOptions(stack: Stack, runId: string, seed: number, posts: number, rate: number): LoadTestOptions {
  return localRunOptions(stack, {
    corpus: { kind: "synthetic", seed },
    posts,
    rate: { rate, rampSeconds: 0 },
    retries: 12,
    runId,
    verifyTimeoutMs: 6 * 60_000,
    settleMs: 4_000,
    stallMs: 120_000,
  });
}

/** Posts counted too few (lost) and too many (duplicated) over every publication of a run. */
function tally(report: LoadTestReport): { lost: number; duplicated: number; exact: boolean; why: string[] } {
  const v = report.verification;
  const why: string[] = [];
  if (!v) return { lost: report.send.accepted, duplicated: 0, exact: false, why: ["not verified"] };
  let lost = 0;
  let duplicated = 0;
  for (const c of v.publications) {
    const expected = c.expectedMin; // baseline + accepted
    lost += Math.max(0, expected - c.actual);
    duplicated += Math.max(0, c.actual - expected);
    if (c.expectedMin !== c.expectedMax) why.push(`${c.publication}: ${c.expectedMax - c.expectedMin} posts of unknown fate`);
  }
  if (report.send.failed > 0) why.push(`${report.send.failed} posts never accepted`);
  if (v.timedOut) why.push("verification timed out");
  if (v.entityDiffs.length > 0) why.push(`${v.entityDiffs.length} entity counters differ, e.g. ${JSON.stringify(v.entityDiffs[0])}`);
  if (v.entitiesChecked === 0) why.push("no entity counters checked");
  if (lost > 0) why.push(`${lost} posts lost`);
  if (duplicated > 0) why.push(`${duplicated} posts counted twice`);
  const exact = v.pass && why.length === 0 && report.send.accepted === report.send.sent;
  return { lost, duplicated, exact, why };
}

function rowFor(scenario: string, report: LoadTestReport, extra: string[] = [], extraOk = true): Row {
  const t = tally(report);
  const pass = t.exact && extraOk;
  return {
    scenario,
    pass,
    sent: report.send.sent,
    accepted: report.send.accepted,
    postsPerS: report.send.acceptedPerS,
    lost: t.lost,
    duplicated: t.duplicated,
    detail: [...extra, ...t.why, `${report.verification?.entitiesChecked ?? 0} entity counters checked`].join("; "),
  };
}

// ---------------------------------------------------------------------------
// Hostile input

async function hostile(stack: Stack): Promise<void> {
  const run = randomBytes(4).toString("hex");
  const marker = `Hostile ${run}`;
  const set = hostileCases({ apiKey: stack.apiKey, marker });
  const known = set.cases.some((c) => c.knownIssue) ? hostileCases({ apiKey: stack.apiKey, marker: `Unfixed ${run}` }).cases.filter((c) => c.knownIssue) : [];
  const sub = await Subscription.create(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "posts");
  const started = Date.now();
  const results = await runHostileCases(
    set.cases.filter((c) => !c.knownIssue),
    { url: stack.ingestUrl, concurrency: 4 },
  );
  const summary = summariseHostile(results, set.secrets);
  const knownResults = await runHostileCases(known, { url: stack.ingestUrl, concurrency: 2 });
  const knownSummary = summariseHostile(knownResults, set.secrets);
  // Still serving: a valid request, then everything published before it is on our subscription.
  const res = await fetch(`${stack.ingestUrl}/posts`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ publication: `Valid after hostile ${run}`, content: "Ada Lovelace wrote to Charles Babbage.", id: run }),
  });
  const okIds = res.status === 202 ? ((await res.json()) as { messageIds: string[] }).messageIds : [];
  const messages: Buffer[] = [];
  const seen = new Set<string>();
  await sub.drain(3_000, 60_000, (m) => {
    messages.push(m.data);
    seen.add(m.messageId);
  });
  await sub.delete();
  const leaked = messages.filter((d) => d.includes(marker)).length;
  const served = res.status === 202 && okIds.every((id) => seen.has(id));
  const inLog = secretsIn(readFileSync(stack.logFile, "utf8"), set.secrets);
  const pass = summary.tried >= 300 && summary.serverErrors === 0 && summary.unexpected.length === 0 && summary.leaks.length === 0 && leaked === 0 && served && inLog === 0;
  for (const r of [...summary.unexpected, ...summary.leaks]) console.log(`  unexpected: ${describeResult(r)}`);
  for (const r of knownSummary.knownIssues.failing) console.log(`  known issue: ${describeResult(r)}`);
  for (const r of knownSummary.knownIssues.fixed) console.log(`  known issue now fixed (drop its tag): ${describeResult(r)}`);
  hostileStats = {
    tried: summary.tried,
    fourxx: summary.clientErrors,
    fivexx: summary.serverErrors,
    known: knownResults.length,
    knownFailing: knownSummary.knownIssues.failing.length,
    issues: [...new Set(knownSummary.knownIssues.failing.map((r) => r.case.knownIssue!))],
  };
  rows.push({
    scenario: "hostile input",
    pass,
    sent: 0,
    accepted: 0,
    postsPerS: 0,
    lost: 0,
    duplicated: 0,
    detail: [
      `${summary.tried} bad requests in ${((Date.now() - started) / 1000).toFixed(0)} s: ${summary.clientErrors} 4xx, ${summary.serverErrors} 5xx, ${summary.unexpected.length} unexpected`,
      `${leaked} hostile messages on the topic`,
      `valid request afterwards ${served ? "served (202, on the topic)" : `NOT served (HTTP ${res.status})`}`,
      `${inLog} keys in the log`,
      `${knownSummary.knownIssues.failing.length}/${knownResults.length} known-issue cases still accepted`,
    ].join("; "),
  });
}
let hostileStats = { tried: 0, fourxx: 0, fivexx: 0, known: 0, knownFailing: 0, issues: [] as string[] };

// ---------------------------------------------------------------------------
// (a) every message delivered twice

function handlerDeps(db: Firestore, extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    db,
    extract: (texts) => extractOnPool(texts),
    logger: { info: () => undefined, warn: () => undefined },
    ...extra, // the production retry policy (60 s budget) unless a scenario says otherwise
  };
}

async function duplicates(stack: Stack, db: Firestore): Promise<void> {
  const runId = `dup${randomBytes(3).toString("hex")}`;
  const publications = new Set(SYNTHETIC_PUBLICATIONS.map((p) => `${p} ${runId}`));
  const sub = await Subscription.create(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "posts");
  const inFlight = new Set<Promise<void>>();
  const outcomes = { secondDeliveries: 0, foundCounted: 0, racedAhead: 0, partly: 0, errors: [] as string[] };
  const posts = new Map<string, Post>(); // client id -> post, from the messages themselves
  let copies = 0;
  const deliverAgain = (messageId: string, data: Buffer) => {
    const decoded = decodeMessage(data);
    if (!decoded.ok || !decoded.message.posts.some((p) => publications.has(p.publication))) return;
    for (const p of decoded.message.posts) if (p.id) posts.set(p.id, p);
    // Half the copies go at once (a duplicate racing the first delivery), half
    // once the trigger's delivery has committed (a redelivery after success).
    const late = copies++ % 2 === 1;
    const p = (late ? committed(db, messageId, 120_000) : Promise.resolve())
      .then(() => handlePostsMessage({ messageId, data }, handlerDeps(db)))
      .then((r) => {
        const result = r as ProcessedResult;
        outcomes.secondDeliveries++;
        if (result.chunksAlreadyCounted === result.chunks) outcomes.foundCounted++;
        else if (result.chunksAlreadyCounted === 0) outcomes.racedAhead++;
        else outcomes.partly++;
      })
      .catch((err: Error) => void outcomes.errors.push(`${messageId}: ${err.message}`))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  let pumping = true;
  const pump = (async () => {
    while (pumping) {
      const got = await sub.pull().catch(() => []);
      for (const m of got) deliverAgain(m.messageId, m.data);
      while (inFlight.size >= 16) await Promise.race(inFlight);
      if (got.length === 0) await sleep(200);
    }
  })();
  const report = await runLoadTest(loadOptions(stack, runId, SEEDS.a, 600, 0));
  // Every accepted post's message has been copied and handled a second time.
  const deadline = Date.now() + 3 * 60_000;
  while (posts.size < report.send.accepted && Date.now() < deadline) await sleep(250);
  pumping = false;
  await pump;
  await sub.drain(3_000, 30_000, (m) => deliverAgain(m.messageId, m.data));
  await Promise.all(inFlight);
  await sub.delete();

  // Verify again, after the last second delivery: article counts and every entity counter.
  const pool = syntheticTexts(SEEDS.a);
  const indexOf = new Map(pool.map((t, i) => [t.content, i]));
  const uses: TextUses = new Map();
  for (const p of posts.values()) {
    const texts = uses.get(p.publication) ?? new Map<number, number>();
    const i = indexOf.get(p.content)!;
    texts.set(i, (texts.get(i) ?? 0) + 1);
    uses.set(p.publication, texts);
  }
  const entities = await verifyEntities(db, expectedEntities(pool, uses));
  const counts = await db.getAll(...[...publications].map((p) => db.collection("publications").doc(publicationKey(p))));
  const articleCounts = counts.reduce((n, s) => n + Number(s.get("articleCount") ?? 0), 0);
  const ok =
    outcomes.errors.length === 0 &&
    posts.size === report.send.accepted &&
    entities.diffs.length === 0 &&
    articleCounts === report.send.accepted;
  rows.push(
    rowFor(
      "(a) every message delivered twice",
      report,
      [
        `${outcomes.secondDeliveries} second deliveries (${outcomes.foundCounted} found the message counted, ${outcomes.racedAhead} ran first, ${outcomes.partly} overlapped)`,
        `after them: ${articleCounts} articles counted of ${report.send.accepted} accepted, ${entities.checked} entity counters re-checked, ${entities.diffs.length} differ`,
        ...outcomes.errors.slice(0, 3),
      ],
      ok,
    ),
  );
}

/** Resolves once some ledger document of the message exists (or after timeoutMs). */
async function committed(db: Firestore, messageId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await db.collection("ledger").where("messageId", "==", messageId).limit(1).get()).empty) return;
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------
// (b) Firestore paused, (d) Pub/Sub paused: SIGSTOP the process on the port mid-run

async function pausedDuring(
  name: string,
  stack: Stack,
  port: number,
  opts: { seed: number; posts: number; rate: number; pauseAfterS: number; pauseS: number },
  check: (report: LoadTestReport) => { extra: string[]; ok: boolean },
): Promise<void> {
  const runId = `${name.slice(1, 2)}${randomBytes(3).toString("hex")}`;
  const pids = pidsListeningOn(port);
  if (pids.length === 0) throw new Error(`nothing listens on port ${port}`);
  let paused = 0;
  const fault = (async () => {
    await sleep(opts.pauseAfterS * 1000);
    for (const pid of pids) process.kill(pid, "SIGSTOP");
    const t = Date.now();
    log(`  ${name}: SIGSTOP ${pids.join(",")} (port ${port}) for ${opts.pauseS} s`);
    try {
      await sleep(opts.pauseS * 1000);
    } finally {
      for (const pid of pids) process.kill(pid, "SIGCONT");
      paused = (Date.now() - t) / 1000;
      log(`  ${name}: SIGCONT after ${paused.toFixed(1)} s`);
    }
  })();
  const report = await runLoadTest(loadOptions(stack, runId, opts.seed, opts.posts, opts.rate));
  await fault;
  const { extra, ok } = check(report);
  const lastSent = report.send.durationS;
  rows.push(
    rowFor(
      name,
      report,
      [`paused ${paused.toFixed(1)} s from t=${opts.pauseAfterS} s of a ${lastSent.toFixed(0)} s send`, ...extra, `converged ${report.verification?.convergenceS?.toFixed(1) ?? "?"} s after the last 202`],
      ok && paused >= opts.pauseS && lastSent > opts.pauseAfterS,
    ),
  );
}

// ---------------------------------------------------------------------------
// (c) a worker killed in the middle of a multi-chunk message, then redelivery

async function killedWorker(stack: Stack, db: Firestore): Promise<void> {
  const runId = randomBytes(3).toString("hex");
  const chunkLimits = { maxWrites: 12, maxBytes: 1 << 20 };
  const texts = syntheticTexts(303).slice(0, 24);
  const make = (publication: string, prefix: string): Post[] => texts.map((t, i) => ({ publication, content: t.content, id: `${prefix}-${i}` }));
  const victim = `Killed worker ${runId}`;
  const control = `Control ${runId}`;
  const messageId = `kill-${runId}`;
  const data = encodeMessage(make(victim, "k"), new Date());

  const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts/reliability/kill-child.ts"), JSON.stringify({ messageId, data: data.toString("base64"), chunkLimits })], {
    env: { ...process.env, EXTRACT_THREADS: "1" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  const blockedIn = await Promise.race([
    new Promise<string>((resolve) => child.on("message", (m: { blockedIn?: string }) => m.blockedIn && resolve(m.blockedIn))),
    exited.then((how) => Promise.reject(new Error(`the worker ended (${String(how)}) before it was killed`))),
    sleep(180_000).then(() => Promise.reject(new Error("the worker never reached its second chunk"))),
  ]);
  const ledgerBefore = (await db.collection("ledger").where("messageId", "==", messageId).get()).docs.map((d) => d.id);
  child.kill("SIGKILL");
  const how = await exited;
  const partial = Number((await db.collection("publications").doc(publicationKey(victim)).get()).get("articleCount") ?? 0);
  log(`  (c): worker SIGKILLed inside ${blockedIn} (exit: ${String(how)}); ledger then held ${ledgerBefore.join(", ")}; ${partial} of ${texts.length} articles counted`);

  // Redelivery: the same message, in this process, with the same limits, until
  // an attempt succeeds, as Pub/Sub (retry: true) would (at most 3 here).
  const t0 = Date.now();
  const failures: string[] = [];
  let again: ProcessedResult | undefined;
  for (let attempt = 1; attempt <= 3 && !again; attempt++) {
    try {
      again = (await handlePostsMessage({ messageId, data }, handlerDeps(db, { chunkLimits }))) as ProcessedResult;
    } catch (err) {
      failures.push((err as Error).message.slice(0, 120));
    }
  }
  if (!again) throw new Error(`redelivery failed 3 times: ${failures.join(" | ")}`);
  const redeliverS = (Date.now() - t0) / 1000;
  const third = (await handlePostsMessage({ messageId, data }, handlerDeps(db, { chunkLimits }))) as ProcessedResult;
  // The same posts under another publication, delivered once, is what the counts must equal.
  await handlePostsMessage({ messageId: `control-${runId}`, data: encodeMessage(make(control, "c"), new Date()) }, handlerDeps(db, { chunkLimits }));
  const counters = async (publication: string) => {
    const ref = db.collection("publications").doc(publicationKey(publication));
    const [pub, ents] = await Promise.all([ref.get(), ref.collection("ents").get()]);
    const e = Object.fromEntries(ents.docs.map((d) => [d.id, `${String(d.get("word"))}|${String(d.get("type"))}|${String(d.get("count"))}|${String(d.get("articles"))}`]));
    return { articleCount: Number(pub.get("articleCount") ?? 0), ents: e };
  };
  const [got, want] = await Promise.all([counters(victim), counters(control)]);
  const ledgerAfter = (await db.collection("ledger").where("messageId", "==", messageId).get()).size;
  const entsEqual = JSON.stringify(Object.entries(got.ents).sort()) === JSON.stringify(Object.entries(want.ents).sort());
  const ok =
    how === "SIGKILL" &&
    ledgerBefore.length === 1 &&
    partial > 0 &&
    partial < texts.length &&
    again.chunksAlreadyCounted === 1 &&
    partial + again.counted === texts.length &&
    third.counted === 0 &&
    third.chunksAlreadyCounted === third.chunks &&
    ledgerAfter === again.chunks &&
    got.articleCount === texts.length &&
    want.articleCount === texts.length &&
    entsEqual &&
    Object.keys(want.ents).length > 0;
  rows.push({
    scenario: "(c) worker killed mid-message",
    pass: ok,
    sent: texts.length,
    accepted: texts.length,
    postsPerS: 0,
    lost: Math.max(0, texts.length - got.articleCount),
    duplicated: Math.max(0, got.articleCount - texts.length),
    detail: [
      `${again.chunks} chunks; killed (${String(how)}) inside chunk 2's transaction with ${ledgerBefore.length} chunk committed (${partial} articles)`,
      `redelivery: ${again.chunksAlreadyCounted} chunk already counted, ${again.counted} posts counted, ${redeliverS.toFixed(1)} s${failures.length ? ` (${failures.length} failed deliveries first: ${failures[0]})` : ""}`,
      `third delivery counted ${third.counted}`,
      `counts vs one clean delivery: articles ${got.articleCount}/${want.articleCount}, ${Object.keys(want.ents).length} entity counters ${entsEqual ? "equal" : "DIFFER"}`,
    ].join("; "),
  });
}

// ---------------------------------------------------------------------------

function table(): string {
  const head = ["scenario", "result", "posts sent", "accepted", "posts/s", "lost", "counted twice"];
  const body = rows.map((r) => [
    r.scenario,
    r.pass ? "pass" : "FAIL",
    r.sent ? String(r.sent) : "-",
    r.accepted ? String(r.accepted) : "-",
    r.postsPerS ? r.postsPerS.toFixed(1) : "-",
    String(r.lost),
    String(r.duplicated),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function summary(totalS: number): string {
  const load = rows.filter((r) => r.postsPerS > 0);
  const sent = rows.reduce((n, r) => n + r.sent, 0);
  const accepted = rows.reduce((n, r) => n + r.accepted, 0);
  const faults = rows.filter((r) => r.scenario.startsWith("("));
  const lost = rows.reduce((n, r) => n + r.lost, 0);
  const twice = rows.reduce((n, r) => n + r.duplicated, 0);
  const lines: Array<[string, string]> = [
    ["load held", `${sent} posts sent, ${accepted} accepted; ${load.map((r) => `${r.postsPerS.toFixed(1)}`).join(" / ")} posts/s accepted in the load runs`],
    ["faults survived", `${faults.filter((r) => r.pass).length} of ${faults.length}`],
    [
      "bad inputs tried",
      `${hostileStats.tried} (${hostileStats.fourxx} answered 4xx, ${hostileStats.fivexx} 5xx)${hostileStats.known ? `; ${hostileStats.known} more for known issues, ${hostileStats.knownFailing} still accepted` : ""}`,
    ],
    ["posts lost", String(lost)],
    ["posts counted twice", String(twice)],
    ["time", `${(totalS / 60).toFixed(1)} min`],
  ];
  const w = Math.max(...lines.map(([k]) => k.length));
  return [`| ${"".padEnd(w)} |  |`, `|${"-".repeat(w + 2)}|--|`, ...lines.map(([k, v]) => `| ${k.padEnd(w)} | ${v} |`)].join("\n");
}

async function main(): Promise<number> {
  const started = Date.now();
  log("starting the emulators...");
  // The same short publish timeout as npm test (503 after 3 s, not 15 s); everything else as deployed.
  const stack = await startStack({ params: { INGEST_PUBLISH_TIMEOUT_MS: "3000" } });
  Object.assign(process.env, stack.env);
  log(`emulators up (backend ${stack.backend}, functions port ${stack.ports.functions}, log ${stack.logFile})`);
  const db = firestoreFor(stack.project);
  const step = async (key: string, title: string, fn: () => Promise<void>) => {
    if (!only.has(key)) return;
    log(`${title}...`);
    const t = Date.now();
    try {
      await fn();
    } catch (err) {
      rows.push({ scenario: title, pass: false, sent: 0, accepted: 0, postsPerS: 0, lost: 0, duplicated: 0, detail: `error: ${(err as Error).stack ?? String(err)}` });
    }
    const r = rows.at(-1)!;
    log(`${title}: ${r.pass ? "pass" : "FAIL"} in ${((Date.now() - t) / 1000).toFixed(0)} s: ${r.detail}`);
  };
  try {
    await step("hostile", "hostile input", () => hostile(stack));
    await step("a", "(a) every message delivered twice", () => duplicates(stack, db));
    await step("b", "(b) Firestore paused 15 s", () =>
      pausedDuring("(b) Firestore paused 15 s", stack, stack.ports.firestore, { seed: SEEDS.b, posts: 1_000, rate: 35, pauseAfterS: 8, pauseS: 15 }, () => ({ extra: [], ok: true })),
    );
    await step("c", "(c) worker killed mid-message", () => killedWorker(stack, db));
    await step("d", "(d) Pub/Sub paused during ingest", () =>
      pausedDuring("(d) Pub/Sub paused during ingest", stack, stack.ports.pubsub, { seed: SEEDS.d, posts: 800, rate: 40, pauseAfterS: 5, pauseS: 10 }, (report) => {
        const n503 = report.send.errors["http_503"] ?? 0;
        return { extra: [`${n503} answers 503, ${report.send.retries} retries`, `errors: ${JSON.stringify(report.send.errors)}`], ok: n503 > 0 };
      }),
    );
  } finally {
    await destroyExtractionPool();
    log("stopping the emulators...");
    await stack.stop();
  }
  const totalS = (Date.now() - started) / 1000;
  console.log(`\nReliability (${new Date().toISOString().slice(0, 16)}Z, ${(totalS / 60).toFixed(1)} min)\n\n${table()}\n\n${summary(totalS)}\n`);
  for (const r of rows) console.log(`- ${r.scenario}: ${r.detail}`);
  if (hostileStats.issues.length > 0) console.log(`\nKnown issues still open (not failing this run):\n${hostileStats.issues.map((i) => `- ${i}`).join("\n")}`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ rows, hostile: hostileStats, totalS }, null, 2));
  const failed = rows.filter((r) => !r.pass);
  console.log(failed.length === 0 ? "\nreliability: PASS" : `\nreliability: FAIL (${failed.map((r) => r.scenario).join(", ")})`);
  return failed.length === 0 && rows.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`reliability: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
