// The reliability scenarios on the production-parity runtime stack (3
// processPosts instances, Eventarc-like delivery with redelivery and a
// dead-letter topic): each runs a fault or a load and pushes the rows of the
// summary table, with pass or FAIL and what it measured. The suite that names
// and runs them is scripts/test/stack/reliability.test.ts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Firestore } from "firebase-admin/firestore";
import { encodeMessage } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";
import { describeResult, hostileCases, runHostileCases, secretsIn, summariseHostile } from "@newsroom/test-support/hostile-requests";
import { syntheticTexts } from "newsroom-load-test/corpus/synthetic";
import { expectedEntities, type TextUses } from "newsroom-load-test/expected";
import { firestoreFor, localRunOptions, runLoadTest, type LoadTestOptions, type LoadTestReport } from "newsroom-load-test/run";
import { readArticleCounts, verifyEntities, verifyPublicationDays } from "newsroom-load-test/verify";
import { describeGlobalCheck, untilGlobalAgrees } from "newsroom-load-test/verify-global";
import { whilePaused } from "@newsroom/harness/procfs";
import { PubsubTrigger } from "@newsroom/harness/runtime/eventarc";
import type { RuntimeStack } from "@newsroom/harness/runtime-stack";
import { summarise } from "newsroom-load-test/stats";
import { hostileClient } from "./hostile-client.ts";
import { PullSubscription } from "@newsroom/harness/pubsub-pull";
import { articlesOf, publishRaw, recentBatches, StackLog, until } from "./probe.ts";
import { checkRow, rowFor, type HostileStats, type Row } from "./report.ts";

/** Every scenario's rows, in the order they ran: the summary table's. */
export const rows: Row[] = [];
export const hostileStats: HostileStats = { tried: 0, fourxx: 0, fivexx: 0 };
export const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
export const INSTANCES = 3;
const WINDOW_S = 30; // ROLLUP_WINDOW_SECONDS' default
const runId = (tag: string) => `${tag}${randomBytes(3).toString("hex")}`;

function loadOptions(stack: RuntimeStack, tag: string, seed: number, posts: number, rate: number, publications?: string[]): LoadTestOptions {
  return localRunOptions(stack, {
    corpus: { kind: "synthetic", seed, ...(publications ? { publications } : {}) },
    posts,
    rate: { rate, rampSeconds: 0 },
    retries: 12,
    runId: runId(tag),
    verifyTimeoutMs: 8 * 60_000,
    settleMs: 4_000,
    stallMs: 150_000,
  });
}

/** Pauses (SIGSTOP) whatever listens on `port` for `seconds` after `afterS`; resolves with the paused time. */
async function pauseLater(port: number, afterS: number, seconds: number, name: string): Promise<number> {
  await sleep(afterS * 1000);
  const t = Date.now();
  log(`  ${name}: SIGSTOP on port ${port} for ${seconds} s`);
  await whilePaused(port, () => sleep(seconds * 1000));
  return (Date.now() - t) / 1000;
}

// ---------------------------------------------------------------------------

export async function hostile(stack: RuntimeStack): Promise<void> {
  const run = randomBytes(4).toString("hex");
  const marker = `Hostile ${run}`;
  const set = hostileCases({ apiKey: stack.apiKey, marker });
  const sub = await PullSubscription.create(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "posts", { prefix: "reliability", ackDeadlineSeconds: 600 });
  const started = Date.now();
  const results = await runHostileCases(set.cases.filter((c) => !c.knownIssue), { url: stack.ingestUrl, concurrency: 4 });
  const s = summariseHostile(results, set.secrets);
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
  Object.assign(hostileStats, { tried: s.tried, fourxx: s.clientErrors, fivexx: s.serverErrors });
  for (const r of [...s.unexpected, ...s.leaks]) console.log(`  unexpected: ${describeResult(r)}`);
  rows.push(
    checkRow("hostile input", s.tried >= 300 && s.serverErrors === 0 && s.unexpected.length === 0 && s.leaks.length === 0 && leaked === 0 && served && inLog === 0, [
      `${s.tried} bad requests in ${((Date.now() - started) / 1000).toFixed(0)} s: ${s.clientErrors} 4xx, ${s.serverErrors} 5xx, ${s.unexpected.length} unexpected`,
      `${leaked} hostile messages on the topic`,
      `valid request afterwards ${served ? "served (202, on the topic)" : `NOT served (HTTP ${res.status})`}`,
      `${inLog} keys in the log`,
    ]),
  );
}

// (a) every message delivered twice: a second Eventarc-like trigger on the topic, into the same service.
export async function duplicates(stack: RuntimeStack): Promise<void> {
  const second = new PubsubTrigger({
    pubsubHost: stack.env.PUBSUB_EMULATOR_HOST!,
    project: stack.project,
    topic: "posts",
    subscription: `reliability-duplicates-${randomBytes(3).toString("hex")}`,
    target: stack.serviceUrls["processPosts"]!,
    ackDeadlineSeconds: 30,
    retry: true,
    backoff: { minSeconds: 1, maxSeconds: 10 },
    maxOutstanding: 200,
    log: () => undefined,
  });
  await second.start();
  const report = await runLoadTest(loadOptions(stack, "dup", 101, 600, 0));
  // Every copy delivered and acknowledged, then the counts checked again.
  let last = -1;
  await until(async () => {
    const s = second.snapshot();
    const quiet = s.inflight === 0 && s.acked === last;
    last = s.acked;
    return quiet && s.acked > 0;
  }, 5 * 60_000, 4_000, "the second deliveries");
  await second.stop();
  const d = second.snapshot();
  const again = await recheck(firestoreFor(stack.project), report);
  rows.push(rowFor("(a) every message delivered twice", report, [`${d.acked} second deliveries acknowledged (${d.nacked} nacked, ${d.deadlineExceeded} past the deadline)`, again.detail], again.ok && d.acked > 0));
}

/** The article counts of a verified run, read again (after later deliveries), and its daily sums. */
async function recheck(db: Firestore, report: LoadTestReport): Promise<{ ok: boolean; detail: string }> {
  const v = report.verification!;
  const now = await readArticleCounts(db, report.publications);
  const off = v.publications.filter((c) => now.get(c.publication) !== c.actual);
  const days = await verifyPublicationDays(db, report.publications);
  await sleep(WINDOW_S * 1000 + 8_000); // one more window: a late second delivery would show by now
  const later = await readArticleCounts(db, report.publications);
  const moved = v.publications.filter((c) => later.get(c.publication) !== c.actual);
  return {
    ok: off.length === 0 && moved.length === 0 && days.length === 0,
    detail: `re-read after the second deliveries and a window later: ${off.length + moved.length} publications changed, ${days.length} daily sums off`,
  };
}

type Pause = {
  name: string;
  /** The emulator paused (SIGSTOP), by its port. */
  port: number;
  seed: number;
  posts: number;
  rate: number;
  /** Paused from afterS seconds into the send, for pauseS seconds. */
  afterS: number;
  pauseS: number;
  /** The pause must show as 503 answers (and retries). */
  expect503?: boolean;
};

async function pausedDuring(stack: RuntimeStack, { name, port, seed, posts, rate, afterS, pauseS, expect503 = false }: Pause): Promise<void> {
  const fault = pauseLater(port, afterS, pauseS, name);
  const report = await runLoadTest(loadOptions(stack, name.slice(1, 2), seed, posts, rate));
  const paused = await fault;
  const n503 = report.send.errors["http_503"] ?? 0;
  const extra = [`paused ${paused.toFixed(1)} s from t=${afterS} s of a ${report.send.durationS.toFixed(0)} s send`, `converged ${report.verification?.convergenceS?.toFixed(1) ?? "?"} s after the last 202`];
  if (expect503) extra.push(`${n503} answers 503, ${report.send.retries} retries`);
  rows.push(rowFor(name, report, extra, paused >= pauseS && report.send.durationS > afterS && (!expect503 || n503 > 0)));
}

/** Posts of the synthetic pool for one publication; `uses` records which text each used. */
function messagePosts(publication: string, seed: number, count: number, prefix: string, uses: TextUses): Post[] {
  const pool = syntheticTexts(seed);
  const texts = uses.get(publication) ?? new Map<number, number>();
  uses.set(publication, texts);
  return Array.from({ length: count }, (_, i) => {
    const index = (i * 7 + prefix.length) % pool.length;
    texts.set(index, (texts.get(index) ?? 0) + 1);
    return { publication, content: pool[index]!.content, id: `${prefix}-${i}` };
  });
}

/** Waits until `publication` counts `expected` articles (rolled up) and holds; then checks every entity. */
async function exactly(stack: RuntimeStack, seed: number, uses: TextUses, expected: Map<string, number>, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  const db = firestoreFor(stack.project);
  const names = [...expected.keys()];
  let counts = new Map<string, number>();
  try {
    await until(async () => {
      counts = await readArticleCounts(db, names);
      return names.every((n) => counts.get(n) === expected.get(n));
    }, timeoutMs, 1_000, "the article counts");
  } catch {
    return { ok: false, detail: `article counts ${JSON.stringify([...counts])}, expected ${JSON.stringify([...expected])}` };
  }
  await sleep(WINDOW_S * 1000 + 5_000);
  counts = await readArticleCounts(db, names);
  const held = names.every((n) => counts.get(n) === expected.get(n));
  const entities = await verifyEntities(db, expectedEntities(syntheticTexts(seed), uses));
  const days = await verifyPublicationDays(db, names);
  return {
    ok: held && entities.diffs.length === 0 && entities.checked > 0 && days.length === 0,
    detail: `${[...expected.values()].reduce((a, b) => a + b, 0)} articles ${held ? "exact, still a window later" : `MOVED to ${JSON.stringify([...counts])}`}; ${entities.checked} entity counters, ${entities.diffs.length} differ; ${days.length} daily sums off`,
  };
}

// (c) the instance committing a 500-post message (5 commits of 100) SIGKILLed between its commits.
export async function killedMidMessage(stack: RuntimeStack): Promise<void> {
  const db = firestoreFor(stack.project);
  const seed = 303;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const publication = `Killed mid-message ${runId("c")}`;
    const uses: TextUses = new Map();
    const posts = messagePosts(publication, seed, 500, publication, uses);
    const trigger = stack.state().triggers["processPosts"]!;
    const redeliveredBefore = trigger.redelivered;
    await publishRaw(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "posts", [encodeMessage(posts, new Date())]);
    let committed = 0;
    await until(async () => {
      committed = await articlesOf(db, publication);
      return committed > 0;
    }, 120_000, 20, "the first commit");
    if (committed >= posts.length) {
      log(`  (c): attempt ${attempt} committed all ${committed} before the kill; again`);
      continue;
    }
    const busy = stack.state().routers["processPosts"]!.perInstance.find((p) => p.inflight > 0);
    const index = busy ? Number(busy.instance.split("#")[1]) : 0;
    const pid = stack.kill("processPosts", index);
    log(`  (c): SIGKILLed processPosts#${index} (pid ${pid}) with ${committed} of ${posts.length} articles committed`);
    const result = await exactly(stack, seed, uses, new Map([[publication, posts.length]]), 5 * 60_000);
    const redelivered = stack.state().triggers["processPosts"]!.redelivered - redeliveredBefore;
    rows.push({
      scenario: "(c) instance killed mid-message",
      pass: result.ok && committed < posts.length,
      sent: posts.length,
      accepted: posts.length,
      postsPerS: 0,
      lost: 0,
      duplicated: 0,
      detail: `killed with ${committed}/${posts.length} articles committed (${committed / 100} of 5 commits); ${redelivered} message redelivered; ${result.detail}`,
    });
    return;
  }
  throw new Error("the message was always committed before the kill (3 attempts)");
}

// (e) and (f): a backlog on one publication, delivered as fast as the platform's push window grows.
export async function burst(stack: RuntimeStack, logs: StackLog): Promise<void> {
  const seed = 505;
  const publication = `Burst ${runId("ef")}`;
  const uses: TextUses = new Map();
  const messages: Buffer[] = [];
  const perMessage = 3;
  const count = 2_400;
  for (let m = 0; m < count; m++) messages.push(encodeMessage(messagePosts(publication, seed, perMessage, `${publication}-${m}`, uses), new Date()));
  stack.resetMaxima();
  logs.mark();
  const t0 = Date.now();
  await publishRaw(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "posts", messages);
  const db = firestoreFor(stack.project);
  await until(async () => (await articlesOf(db, publication)) >= count * perMessage, 10 * 60_000, 250, "every article of the burst");
  const seconds = (Date.now() - t0) / 1000;
  const state = stack.state();
  const perInstance = state.routers["processPosts"]!.perInstance.map((p) => p.maxInflight);
  const processed = logs.messages(/^processPosts: message processed$/).map((l) => l.fields);
  const commits = processed.reduce((n, f) => n + Number(f["commits"] ?? 0), 0);
  const commitMs = processed.filter((f) => Number(f["commits"]) > 0).map((f) => Number(f["commitMs"]) / Number(f["commits"]));
  const retries = logs.messages(/transient Firestore error, retrying/).map((l) => l.fields);
  const aborted = retries.filter((f) => f["code"] === 10);
  // The Firestore emulator's lock manager times out some commits under this load
  // (ReactiveLockManager at commit), around the moments a rollup claims a window:
  // processPosts' transactions write no document another message or the rollup writes.
  const latency = summarise(commitMs);
  const lockTimeouts = aborted.filter((f) => /Transaction lock timeout/.test(String(f["error"]))).length;
  const contention = aborted.length - lockTimeouts;
  const result = await exactly(stack, seed, uses, new Map([[publication, count * perMessage]]), 5 * 60_000);
  const stats = `${count} messages of ${perMessage} posts in ${seconds.toFixed(1)} s; max in flight per instance ${perInstance.join(" / ")}; ${(commits / seconds).toFixed(1)} commits/s, ${contention} transactions aborted by contention and ${lockTimeouts} by the emulator's lock timeout at commit, all retried (${retries.length} transient retries in all), commit latency p50 ${(latency.p50 || 0).toFixed(0)} ms, p99 ${(latency.p99 || 0).toFixed(0)} ms; trigger window reached ${state.triggers["processPosts"]!.maxInflight}, ${state.triggers["processPosts"]!.deadlineExceeded} deliveries past the ack deadline`;
  const row = (scenario: string, ok: boolean): Row => ({ scenario, pass: ok && result.ok, sent: count * perMessage, accepted: count * perMessage, postsPerS: (count * perMessage) / seconds, lost: 0, duplicated: 0, detail: `${stats}; ${result.detail}` });
  rows.push(row("(e) 80 concurrent deliveries into one instance", Math.max(...perInstance) >= 80));
  rows.push(row(`(f) ${INSTANCES} instances × 80 on one publication`, perInstance.length === INSTANCES && perInstance.every((n) => n >= 80) && contention === 0));
}

// (g) instances SIGKILLed under load.
export async function killedUnderLoad(stack: RuntimeStack): Promise<void> {
  const before = stack.state().instances.filter((i) => i.service === "processPosts").reduce((n, i) => n + i.crashes, 0);
  const kills = (async () => {
    await sleep(6_000);
    const a = stack.kill("processPosts", 1);
    await sleep(6_000);
    const b = stack.kill("processPosts", 2);
    log(`  (g): SIGKILLed processPosts#1 (pid ${a}) at 6 s and processPosts#2 (pid ${b}) at 12 s`);
  })();
  const report = await runLoadTest(loadOptions(stack, "g", 707, 1_000, 45));
  await kills;
  const after = stack.state().instances.filter((i) => i.service === "processPosts");
  const crashes = after.reduce((n, i) => n + i.crashes, 0) - before;
  rows.push(rowFor("(g) instances SIGKILLed under load", report, [`${crashes} instance deaths, all replaced (${after.map((i) => `${i.index}: ${i.starts} starts`).join(", ")})`], crashes >= 2 && after.every((i) => i.alive)));
}

/** 100 publications: windows with many documents, so a rollup takes long enough to be hit. */
const manyPublications = (tag: string) => Array.from({ length: 100 }, (_, i) => `Rollup ${tag} ${i}`);

/** Runs `fault` once, the first time a window is planned but not yet applied (a rollup mid-commit). */
async function onRollupInProgress(db: Firestore, stop: () => boolean, fault: (windowEnd: number) => Promise<void>): Promise<number | undefined> {
  while (!stop()) {
    const w = (await recentBatches(db)).find((d) => d.plan && !d.appliedAt);
    if (w) {
      await fault(w.windowEnd);
      return w.windowEnd;
    }
    await sleep(50);
  }
  return undefined;
}

async function rollupScenario(stack: RuntimeStack, logs: StackLog, name: string, tag: string, seed: number, fault: (windowEnd: number) => Promise<string>): Promise<void> {
  const db = firestoreFor(stack.project);
  logs.mark();
  let done = false;
  let what = "";
  const watcher = onRollupInProgress(db, () => done, async (w) => {
    what = await fault(w);
  });
  const report = await runLoadTest(loadOptions(stack, tag, seed, 2_000, 80, manyPublications(tag)));
  done = true;
  const hit = await watcher;
  const claims = logs.messages(/^rollup: window claimed$/).map((l) => Number(l.fields["windowEnd"]));
  const takenOver = [...new Set(claims.filter((w, i) => claims.indexOf(w) !== i))];
  const skipped = logs.messages(/^rollup: windows left to others$/).reduce((n, l) => n + ((l.fields["busy"] as unknown[]) ?? []).length, 0);
  rows.push(
    rowFor(name, report, [hit ? `${what} (window ${new Date(hit).toISOString().slice(11, 19)})` : "the fault never found a rollup at work", `${takenOver.length} windows claimed twice, ${skipped} rollups found a window busy`], hit !== undefined),
  );
}

export async function convergence(stack: RuntimeStack): Promise<void> {
  const report = await runLoadTest(loadOptions(stack, "h", 909, 3_000, 100));
  const c = report.verification?.convergenceS;
  rows.push(rowFor("(h) convergence at 100 posts/s", report, [`counts converged ${c?.toFixed(1) ?? "?"} s after the last 202 (bound: window ${WINDOW_S} s + 10 s)`], c !== undefined && c <= WINDOW_S + 10));
}

// The scenarios the suite runs, each pushing its rows.

export async function hostileBesideHonest(stack: RuntimeStack): Promise<void> {
  rows.push(await hostileClient(stack, (publications) => loadOptions(stack, "hc", 707, 1_000, 40, publications), log));
}

export const firestorePaused = (stack: RuntimeStack) => pausedDuring(stack, { name: "(b) Firestore paused 15 s", port: stack.ports.firestore, seed: 202, posts: 1_000, rate: 35, afterS: 8, pauseS: 15 });

export const pubsubPaused = (stack: RuntimeStack) => pausedDuring(stack, { name: "(d) Pub/Sub paused during ingest", port: stack.ports.pubsub, seed: 404, posts: 800, rate: 40, afterS: 5, pauseS: 10, expect503: true });

export const rollupKilled = (stack: RuntimeStack, logs: StackLog) =>
  rollupScenario(stack, logs, "(r1) rollup killed mid-commit", "r1", 611, async (w) => {
    // The instance whose rollup holds the window's lease.
    const claim = logs.messages(/^rollup: window claimed$/).findLast((l) => Number(l.fields["windowEnd"]) === w);
    const index = claim ? Number(claim.instance.split("#")[1]) : 0;
    return `SIGKILLed rollup#${index} (pid ${stack.kill("rollup", index)}), whose rollup held the window, mid-window`;
  });

export const rollupsAtOnce = (stack: RuntimeStack, logs: StackLog) =>
  rollupScenario(stack, logs, "(r2) rollups of one window at once", "r2", 622, async (w) => {
    const ticks = Array.from({ length: 4 }, () => Buffer.from(JSON.stringify({ windowEnd: w })));
    await publishRaw(stack.env.PUBSUB_EMULATOR_HOST!, stack.project, "rollup", ticks);
    return "4 more ticks for the window being applied";
  });

/**
 * After every fault above: the counts over all publications equal the publications' own, summed, once the
 * sweeps have folded every pending piece (the stack folds at each sweep: GLOBAL_FOLD_SECONDS=0).
 */
export async function globalSums(stack: RuntimeStack): Promise<void> {
  // A sweep a minute (Cloud Scheduler's period) folds what is due; a few of them, to be sure none is left.
  const c = await untilGlobalAgrees(firestoreFor(stack.project), 240_000);
  rows.push(checkRow("(i) counts over all publications = the sum", c.ok, describeGlobalCheck(c)));
}

export const rollupFirestorePaused = (stack: RuntimeStack, logs: StackLog) =>
  rollupScenario(stack, logs, "(r3) Firestore paused during a rollup", "r3", 633, async () => `paused Firestore ${(await pauseLater(stack.ports.firestore, 0, 10, "(r3)")).toFixed(1)} s mid-window`);
