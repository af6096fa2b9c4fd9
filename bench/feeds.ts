// npm run bench:feeds -- [--sources 1000] [--hosts N] [--rounds 3] [--items 1] [--host-delay-ms MS]
//                        [--parallel-hosts N] [--sources-per-run N] [--publications 20] [--round-timeout S] [--json]
// The feed poller under load, on the runtime stack (functions-framework, as
// production runs it): a loopback feed server in corpus mode serves one feed
// per source (one listener, i.e. one host, per source unless --hosts says
// fewer), the sources go straight into Firestore, and each round releases
// --items new articles in every feed, makes every source due (the bench's
// setup, not the poller's work) and runs pollFeeds (callScheduled, as Cloud
// Scheduler would; the stack's own scheduler keeps calling it every minute
// too, and leases keep the two apart) until every source has been polled
// since the round began. It reports sources polled per minute, items collected
// per second (the sources' itemsTotal deltas), the pollFeeds instance's peak
// RSS (VmHWM, reset before each round), failures, and where the machine's CPU
// went meanwhile: processPosts extracts and commits the published posts on
// the same cores, as do the emulators and this process (the feed server).
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore, type Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, paths } from "@newsroom/core/firestore-schema";
import { normaliseUrl } from "@newsroom/feeds/url";
import { addSource } from "@newsroom/store/sources";
import { corpusFeedPath, startFeedServer, type FeedServer, type RequestLog } from "@newsroom/harness/feed-server";
import { startRuntimeStack, type RuntimeStack } from "@newsroom/harness/runtime-stack";
import { callScheduled } from "@newsroom/harness/scheduler";
import { pidsListeningOn } from "@newsroom/harness/procfs";
import { abortable, interruptSignal } from "@newsroom/harness/signals";
import { wholeNumber } from "@newsroom/harness/args";
import { table } from "@newsroom/harness/table";
import { articlePool, benchPublications, slugOf, storePublication } from "./feeds/corpus.ts";
import { cpuSeconds, entries, feedParamsOf, linesSince, logOffset, machineCpu, type RunLine } from "./feeds/observe.ts";

const { values: flags } = parseArgs({
  options: {
    sources: { type: "string" },
    hosts: { type: "string" },
    rounds: { type: "string" },
    items: { type: "string" },
    "host-delay-ms": { type: "string" },
    "parallel-hosts": { type: "string" },
    "sources-per-run": { type: "string" },
    publications: { type: "string" },
    "round-timeout": { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const sources = wholeNumber("sources", flags.sources) ?? 1_000;
const hosts = wholeNumber("hosts", flags.hosts) ?? sources;
const rounds = wholeNumber("rounds", flags.rounds) ?? 3;
const items = wholeNumber("items", flags.items) ?? 1;
const hostDelayMs = wholeNumber("host-delay-ms", flags["host-delay-ms"], { min: 0 });
const parallelHosts = wholeNumber("parallel-hosts", flags["parallel-hosts"]);
const sourcesPerRun = wholeNumber("sources-per-run", flags["sources-per-run"]) ?? sources;
const publications = wholeNumber("publications", flags.publications) ?? 20;
const roundTimeoutS = wholeNumber("round-timeout", flags["round-timeout"]) ?? 600;
const json = flags.json;
if (hosts > sources) throw new Error(`--hosts (${hosts}) cannot exceed --sources (${sources})`);
// The poller takes at most FEEDS_ITEMS_PER_POLL (default 50) new items per poll; the rest would wait 5 minutes.
if (items > 50) throw new Error(`--items must be at most 50 (the poller's FEEDS_ITEMS_PER_POLL), got ${items}`);
const say = (s: string) => json || console.error(s);
const command = `npm run bench:feeds${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
/** Each feed lists its newest articles: more than a round releases, so every poll also sees items it has already collected. */
const perFeed = Math.max(10, items);
const WORDS = 300;

const params: Record<string, string> = { FEEDS_SOURCES_PER_RUN: String(sourcesPerRun) };
if (hostDelayMs !== undefined) params.FEEDS_HOST_DELAY_MS = String(hostDelayMs);
if (parallelHosts !== undefined) params.FEEDS_PARALLEL_HOSTS = String(parallelHosts);

type Row = { id: string; lastPollAtMs: number | undefined; itemsTotal: number; consecutiveFailures: number; lastError: string | undefined; leased: boolean; nextPollAtMs: number };

type Round = {
  round: number;
  wallS: number;
  /** From the round's first pollFeeds call to the feed server's first request: leasing the due sources, one transaction each. */
  leaseS: number | undefined;
  sourcesPolled: number;
  sourcesPerMinute: number;
  items: number;
  expectedItems: number;
  itemsPerSecond: number;
  /** "feeds: run" lines in the round: the bench's calls and the scheduler's. */
  runs: number;
  benchCalls: number;
  runErrors: string[];
  /** Concurrent pollFeeds requests at most on the instance (a scheduler call beside the bench's). */
  maxConcurrentRuns: number;
  releasedByBudget: number;
  /** Runs that leased nothing (every due source held by another run), and their time in all. */
  emptyRuns: { count: number; ms: number };
  lostLeases: number;
  /** Sources with consecutiveFailures > 0 at the round's end. */
  failing: number;
  failingSample: string[];
  /** Items left out by polls, by reason. */
  skipped: Record<string, number>;
  /** Sources a run that started before the round polled (so not due again): made due again by the bench. */
  madeDueAgain: number;
  poller: { peakRssMB: number; rssStartMB: number; rssEndMB: number; memoryLimitMB: number; restarts: number; oomKills: number; cpuS: number };
  cpuS: { processPosts: number; otherFunctions: number; firestore: number; pubsub: number; benchProcess: number; machineBusy: number; machineTotal: number };
  requests: { feeds: number; robots: number; pages: number; other: number; non2xx: number; minSameHostGapMs: number | undefined; politenessFloorS: number };
};

const signal = interruptSignal();
const MB = 1024 * 1024;

say(`feed server: ${sources} feeds on ${hosts} loopback listeners, ${rounds * items} articles each (about ${WORDS} words, synthetic)...`);
const pool = articlePool(Math.min(500, Math.max(50, sources)), WORDS);
const server = await startFeedServer({
  listeners: hosts,
  corpus: { publications: benchPublications(sources, rounds * items, pool), perFeed },
  logLimit: sources * (3 + items) * 4 + 10_000,
});

let result: { command: string; config: Record<string, unknown>; params: Record<string, string>; rounds: Round[] } | undefined;
try {
  say(`runtime stack (params ${JSON.stringify(params)})...`);
  // processPosts' ack deadline as bench:e2e sets it: no redelivery storms on a slow machine, so its CPU is its work.
  const stack = await startRuntimeStack({ params, ackDeadlineSeconds: 600, signal });
  try {
    result = await abortable(measure(stack, server), signal);
  } finally {
    say("stopping the stack...");
    await stack.stop();
  }
} finally {
  await server.close();
}

report(result!);
process.exit(0);

async function measure(stack: RuntimeStack, server: FeedServer) {
  Object.assign(process.env, stack.env);
  const db = getFirestore(initializeApp({ projectId: stack.project }, "bench-feeds"));
  const pollUrl = stack.env.POLL_FEEDS_URL;
  if (!pollUrl) throw new Error("the stack has no pollFeeds function");
  const poller = () => {
    const s = stack.state().instances.find((i) => i.service === "pollFeeds");
    if (!s) throw new Error("the stack has no pollFeeds instance");
    return s;
  };
  const effective = feedParamsOf(poller().pid);

  say(`adding ${sources} sources to Firestore...`);
  const ids: string[] = [];
  for (let s = 0; s < sources; s += 50) {
    const chunk = Array.from({ length: Math.min(50, sources - s) }, (_, k) => s + k);
    const added = await Promise.all(
      chunk.map((i) => {
        const url = normaliseUrl(`${server.origins[i % hosts]}${corpusFeedPath(slugOf(i))}`);
        if (url === undefined) throw new Error(`feed URL of source ${i} does not normalise`);
        return addSource(db, { url, publication: storePublication(i, publications) });
      }),
    );
    ids.push(...added.map((a) => a.id));
  }
  const idSet = new Set(ids);

  const snapshot = async (): Promise<Map<string, Row>> => {
    const snap = await db.collection(COLLECTIONS.sources).select("lastPollAt", "itemsTotal", "consecutiveFailures", "lastError", "leaseOwner", "nextPollAtMs").get();
    const rows = new Map<string, Row>();
    for (const d of snap.docs) {
      if (!idSet.has(d.id)) continue;
      const x = d.data() as { lastPollAt?: Timestamp; itemsTotal?: number; consecutiveFailures?: number; lastError?: string; leaseOwner?: string; nextPollAtMs?: number };
      rows.set(d.id, { id: d.id, lastPollAtMs: x.lastPollAt?.toMillis(), itemsTotal: x.itemsTotal ?? 0, consecutiveFailures: x.consecutiveFailures ?? 0, lastError: x.lastError, leased: x.leaseOwner !== undefined, nextPollAtMs: x.nextPollAtMs ?? 0 });
    }
    return rows;
  };

  const out: Round[] = [];
  for (let r = 1; r <= rounds; r++) {
    // Setup: fresh maxima, new items, every source due.
    stack.resetMaxima();
    await fetch(`${stack.adminUrl}/instances/pollFeeds/0/reset-peak`, { method: "POST" }).then((res) => res.arrayBuffer());
    server.requests.length = 0;
    const before = await snapshot();
    const pollerBefore = poller();
    server.release(items);
    const since = Date.now();
    await makeDue(db, ids, since);

    const logAt = logOffset(stack.logFile);
    const cpu0 = cpuNow(stack);
    const t0 = performance.now();
    const firstCallAt = Date.now();
    const deadline = t0 + roundTimeoutS * 1000;
    let benchCalls = 0;
    let madeDueAgain = 0;
    const runErrors: string[] = [];
    let rows = before;
    say(`round ${r}: ${items} new item(s) in each of ${sources} feeds; running pollFeeds until every source is polled...`);
    for (;;) {
      const callStarted = performance.now();
      const call = callScheduled(pollUrl).then(
        () => undefined,
        (err: Error) => void runErrors.push(err.message),
      );
      const left = deadline - performance.now();
      const timedOut = await Promise.race([call.then(() => false), sleep(Math.max(0, left), true)]);
      benchCalls++;
      rows = await snapshot();
      const stale = [...rows.values()].filter((x) => x.lastPollAtMs === undefined || x.lastPollAtMs < since);
      const elapsedS = (performance.now() - t0) / 1000;
      say(`  run ${benchCalls} answered after ${((performance.now() - callStarted) / 1000).toFixed(1)} s: ${sources - stale.length} of ${sources} sources polled this round (${elapsedS.toFixed(1)} s)`);
      if (stale.length === 0) break;
      if (timedOut || performance.now() > deadline) {
        const runs = entries<RunLine>(linesSince(stack.logFile, logAt), "feeds: run");
        throw new Error(
          `round ${r} timed out: ${stale.length} of ${sources} sources not polled after ${roundTimeoutS} s (--round-timeout); ` +
            `${stale.filter((x) => x.leased).length} of them leased; pollFeeds runs so far: ${JSON.stringify(runs)}${runErrors.length ? `; run errors: ${runErrors.join(" | ")}` : ""}`,
        );
      }
      // A run that leased sources before the round began (the stack's own minute) polled them at its start time and scheduled them later: due again.
      const missed = stale.filter((x) => !x.leased && x.nextPollAtMs > Date.now());
      if (missed.length > 0) {
        madeDueAgain += missed.length;
        await makeDue(db, missed.map((x) => x.id), Date.now());
      }
      // Sources held by a concurrent run: wait for it rather than spin.
      if (performance.now() - callStarted < 2_000) await sleep(1_000);
    }
    const wallS = (performance.now() - t0) / 1000;
    const cpu1 = cpuNow(stack);
    const pollerAfter = poller();
    const lines = linesSince(stack.logFile, logAt);
    const runs = entries<RunLine>(lines, "feeds: run");
    const skipped: Record<string, number> = {};
    for (const p of entries<{ skipped?: Record<string, number> }>(lines, "feeds: polled")) {
      for (const [reason, n] of Object.entries(p.skipped ?? {})) skipped[reason] = (skipped[reason] ?? 0) + n;
    }
    let collected = 0;
    for (const [id, row] of rows) collected += row.itemsTotal - (before.get(id)?.itemsTotal ?? 0);
    const failing = [...rows.values()].filter((x) => x.consecutiveFailures > 0);
    const routerStats = stack.state().routers["pollFeeds"];
    out.push({
      round: r,
      wallS,
      leaseS: server.requests.length > 0 ? (Math.min(...server.requests.map((q) => q.time)) - firstCallAt) / 1000 : undefined,
      sourcesPolled: sources,
      sourcesPerMinute: (sources / wallS) * 60,
      items: collected,
      expectedItems: sources * items,
      itemsPerSecond: collected / wallS,
      runs: runs.length,
      benchCalls,
      runErrors,
      maxConcurrentRuns: Math.max(0, ...(routerStats?.perInstance.map((p) => p.maxInflight) ?? [])),
      releasedByBudget: runs.reduce((a, x) => a + x.released, 0),
      emptyRuns: { count: runs.filter((x) => x.leased === 0).length, ms: runs.filter((x) => x.leased === 0).reduce((a, x) => a + x.ms, 0) },
      lostLeases: runs.reduce((a, x) => a + x.lostLeases, 0),
      failing: failing.length,
      failingSample: failing.slice(0, 3).map((x) => `${x.id}: ${x.lastError ?? "?"}`),
      skipped,
      madeDueAgain,
      poller: {
        peakRssMB: pollerAfter.peakRssBytes / MB,
        rssStartMB: pollerBefore.rssBytes / MB,
        rssEndMB: pollerAfter.rssBytes / MB,
        memoryLimitMB: pollerAfter.memoryLimitBytes / MB,
        restarts: pollerAfter.starts - pollerBefore.starts,
        oomKills: pollerAfter.oomKills - pollerBefore.oomKills,
        cpuS: cpu1.poller - cpu0.poller,
      },
      cpuS: {
        processPosts: cpu1.processPosts - cpu0.processPosts,
        otherFunctions: cpu1.otherFunctions - cpu0.otherFunctions,
        firestore: cpu1.firestore - cpu0.firestore,
        pubsub: cpu1.pubsub - cpu0.pubsub,
        benchProcess: cpu1.bench - cpu0.bench,
        machineBusy: cpu1.machine.busy - cpu0.machine.busy,
        machineTotal: cpu1.machine.total - cpu0.machine.total,
      },
      requests: requestStats(server.requests, Number(effective.FEEDS_HOST_DELAY_MS ?? 1_000), Number(effective.FEEDS_PARALLEL_HOSTS ?? 16)),
    });
    const last = out.at(-1)!;
    say(`round ${r}: ${wallS.toFixed(1)} s, ${last.sourcesPerMinute.toFixed(0)} sources/min, ${last.items} items (${last.itemsPerSecond.toFixed(1)}/s), poller peak RSS ${last.poller.peakRssMB.toFixed(0)} MB, ${last.failing} failing`);
  }

  return {
    command,
    config: {
      sources,
      hosts,
      rounds,
      itemsPerRound: items,
      perFeed,
      publications,
      wordsPerArticle: WORDS,
      roundTimeoutS,
      stack: "runtime (functions-framework), one pollFeeds instance, processPosts ack deadline 600 s",
      cpus: (await import("node:os")).availableParallelism(),
    },
    params: effective,
    rounds: out,
  };
}

/** Sets every source's nextPollAtMs to `at`, 500 per batch: due now. */
async function makeDue(db: Firestore, ids: readonly string[], at: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const batch = db.batch();
    for (const id of ids.slice(i, i + 500)) batch.update(db.doc(paths.source(id)), { nextPollAtMs: at });
    await batch.commit();
  }
}

function cpuNow(stack: RuntimeStack) {
  const instances = stack.state().instances;
  const sum = (pred: (service: string) => boolean) => instances.filter((i) => pred(i.service)).reduce((a, i) => a + cpuSeconds(i.pid), 0);
  const usage = process.cpuUsage();
  return {
    poller: sum((s) => s === "pollFeeds"),
    processPosts: sum((s) => s === "processPosts"),
    otherFunctions: sum((s) => s !== "pollFeeds" && s !== "processPosts"),
    firestore: pidsListeningOn(stack.ports.firestore).reduce((a, pid) => a + cpuSeconds(pid), 0),
    pubsub: pidsListeningOn(stack.ports.pubsub).reduce((a, pid) => a + cpuSeconds(pid), 0),
    bench: (usage.user + usage.system) / 1e6,
    machine: machineCpu(),
  };
}

/**
 * The feed server's view of a round: requests by kind, the shortest gap between
 * two requests to one host (politeness says at least the host delay, plus the
 * first request's own time), and the politeness floor: the time the host
 * delays alone take when the poller's parallel workers share them evenly.
 */
function requestStats(log: readonly RequestLog[], delayMs: number, parallel: number): Round["requests"] {
  const stats = { feeds: 0, robots: 0, pages: 0, other: 0, non2xx: 0 };
  const byOrigin = new Map<string, number[]>();
  for (const q of log) {
    if (q.path.endsWith("/feed.xml")) stats.feeds++;
    else if (q.path === "/robots.txt") stats.robots++;
    else if (q.path.includes("/articles/")) stats.pages++;
    else stats.other++;
    if (q.status !== undefined && (q.status < 200 || q.status > 299)) stats.non2xx++;
    byOrigin.set(q.origin, [...(byOrigin.get(q.origin) ?? []), q.time]);
  }
  let minGap: number | undefined;
  let delays = 0;
  for (const times of byOrigin.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) minGap = Math.min(minGap ?? Infinity, times[i]! - times[i - 1]!);
    delays += Math.max(0, times.length - 1);
  }
  return { ...stats, minSameHostGapMs: minGap, politenessFloorS: (delays * delayMs) / 1000 / Math.max(1, Math.min(parallel, byOrigin.size)) };
}

function report(res: NonNullable<typeof result>): void {
  const rs = res.rounds;
  const total = (pick: (r: Round) => number, of = rs) => of.reduce((a, r) => a + pick(r), 0);
  const warm = rs.length > 1 ? rs.slice(1) : [];
  const summary = (of: Round[]) => ({
    rounds: of.length,
    wallS: total((r) => r.wallS, of),
    sourcesPerMinute: (total((r) => r.sourcesPolled, of) / total((r) => r.wallS, of)) * 60,
    itemsPerSecond: total((r) => r.items, of) / total((r) => r.wallS, of),
    items: total((r) => r.items, of),
    expectedItems: total((r) => r.expectedItems, of),
    pollerPeakRssMB: Math.max(...of.map((r) => r.poller.peakRssMB)),
    failing: Math.max(...of.map((r) => r.failing)),
    pollerCpuShare: total((r) => r.poller.cpuS, of) / total((r) => r.wallS, of),
  });
  const all = summary(rs);
  const warmSummary = warm.length > 0 ? summary(warm) : undefined;
  if (json) {
    console.log(JSON.stringify({ ...res, summary: { all, warm: warmSummary } }));
    return;
  }
  const p = res.params;
  const c = res.config;
  const f1 = (n: number) => n.toFixed(1);
  const f0 = (n: number) => n.toFixed(0);
  console.log(`
${res.command}

${c.sources} sources on ${c.hosts} loopback hosts (one feed-server listener each, in the bench's process), ${c.publications} publications; ${c.rounds} rounds of ${c.itemsPerRound} new item(s) per source; each feed lists its newest ${c.perFeed}; articles of about ${c.wordsPerArticle} synthetic words; ${c.cpus} vCPUs
stack: ${c.stack}
params of the pollFeeds instance (its environment): ${Object.entries(p).map(([k, v]) => `${k}=${v}`).join(", ")}
set by the bench: ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(", ")} (the rest are the deployed defaults)
`);
  console.log(
    table(
      ["round", "wall s", "leasing s", "sources/min", "items (expected)", "items/s", "runs (bench calls)", "left to next run", "failing", "poller RSS MB start / peak", "poller CPU s", "processPosts CPU s", "emulators CPU s", "bench process CPU s", "machine busy"],
      rs.map((r) => [
        r.round,
        f1(r.wallS),
        r.leaseS === undefined ? "-" : f1(r.leaseS),
        f0(r.sourcesPerMinute),
        `${r.items} (${r.expectedItems})`,
        f1(r.itemsPerSecond),
        `${r.runs} (${r.benchCalls})`,
        r.releasedByBudget,
        r.failing,
        `${f0(r.poller.rssStartMB)} / ${f0(r.poller.peakRssMB)}`,
        f1(r.poller.cpuS),
        f1(r.cpuS.processPosts),
        f1(r.cpuS.firestore + r.cpuS.pubsub),
        f1(r.cpuS.benchProcess),
        `${f0((100 * r.cpuS.machineBusy) / Math.max(1e-9, r.cpuS.machineTotal))}%`,
      ]),
    ),
  );
  console.log("\nRequests the feed server answered per round:\n");
  console.log(
    table(
      ["round", "feeds", "robots.txt", "pages", "other", "not 2xx", "shortest gap, one host (ms)", "politeness floor s"],
      rs.map((r) => [r.round, r.requests.feeds, r.requests.robots, r.requests.pages, r.requests.other, r.requests.non2xx, r.requests.minSameHostGapMs ?? "-", f1(r.requests.politenessFloorS)]),
    ),
  );
  console.log("\nSummary:\n");
  const col = (s: ReturnType<typeof summary>) => [f0(s.sourcesPerMinute), f1(s.itemsPerSecond), `${s.items} (${s.expectedItems})`, f0(s.pollerPeakRssMB), s.failing, `${f0(100 * s.pollerCpuShare)}%`];
  const heads = ["", "sources/min", "items/s", "items (expected)", "poller peak RSS MB", "failing sources (worst round)", "poller CPU (of one core)"];
  console.log(table(heads, [["all rounds", ...col(all)], ...(warmSummary ? [["rounds 2+ (robots.txt cached)", ...col(warmSummary)]] : [])]));
  const odd: string[] = [];
  for (const r of rs) {
    if (r.runErrors.length) odd.push(`round ${r.round}: pollFeeds answered with errors: ${r.runErrors.join(" | ")}`);
    if (r.failingSample.length) odd.push(`round ${r.round}: failing sources, e.g. ${r.failingSample.join("; ")}`);
    if (Object.keys(r.skipped).length) odd.push(`round ${r.round}: items skipped: ${JSON.stringify(r.skipped)}`);
    if (r.lostLeases) odd.push(`round ${r.round}: ${r.lostLeases} results not written (lease lost)`);
    if (r.madeDueAgain) odd.push(`round ${r.round}: ${r.madeDueAgain} sources polled by a run that began before the round, made due again`);
    if (r.poller.restarts || r.poller.oomKills) odd.push(`round ${r.round}: pollFeeds instance restarted ${r.poller.restarts}x (${r.poller.oomKills} out of memory)`);
    if (r.emptyRuns.count) odd.push(`round ${r.round}: ${r.emptyRuns.count} run(s) leased nothing (the due sources were held by another run) and took ${(r.emptyRuns.ms / 1000).toFixed(1)} s in all`);
    if (r.maxConcurrentRuns > 1) odd.push(`round ${r.round}: up to ${r.maxConcurrentRuns} pollFeeds runs at once (the scheduler's minute beside the bench's call)`);
  }
  console.log(`
What the figures include:
- wall time: from every source being due (releasing the items and updating nextPollAtMs are the bench's setup, not timed) to the check after the run that polled the last source; it includes leasing, the feed and page fetches under the politeness rules, robots.txt (round 1 only: cached an hour per instance), Pub/Sub confirmations and one finishing transaction per source
- leasing: from the round's first call to the feed server's first request: the run taking its sources, one transaction each (a run polls nothing until it holds them all)
- left to next run: sources a run leased but did not start within its 150 s budget (RUN_BUDGET_MS), freed for the next run
- runs: every "feeds: run" in the round, the stack's own minute included (bench calls: the bench's own)
- peak RSS: the pollFeeds process's VmHWM, reset before each round (memory limit ${f0(rs[0]?.poller.memoryLimitMB ?? 0)} MB); start: its RSS then
- politeness floor: the host delays alone, spread over the parallel workers; the wall time above it is the poller's own work and its waits on Firestore and Pub/Sub
- CPU: everything shares the machine's ${c.cpus} vCPUs: processPosts extracts and commits the published posts while the poller runs (both at nice 19), the Firestore and Pub/Sub emulators (Java), and this process (the feed server, the stack's routers and Eventarc trigger); "machine busy" counts every process on the machine, other work included${odd.length ? `\n\nNoted:\n${odd.map((o) => `- ${o}`).join("\n")}` : ""}`);
}
