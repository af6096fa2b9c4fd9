// The feed poller's run: lease the due sources, poll them (one worker per
// host, several hosts at once, none started after the run's budget), and
// write each source's result while its lease is still this run's.
import type { CollectDeps, CollectResult } from "@newsroom/feeds/collect";
import { collectSource } from "@newsroom/feeds/collect";
import { hostOf } from "@newsroom/feeds/politeness";
import { failureDelayMs } from "@newsroom/feeds/schedule";
import type { LeaseRequest, PollUpdate, StoredSource } from "@newsroom/store/sources";

export interface PollerDeps {
  lease(request: LeaseRequest): Promise<StoredSource[]>;
  /** Writes a source's update and frees its lease; false when the lease was no longer ours. */
  finish(id: string, owner: string, update: PollUpdate): Promise<boolean>;
  collect: CollectDeps;
  owner: string;
  sourcesPerRun: number;
  parallelHosts: number;
  runBudgetMs: number;
  leaseMs: number;
  log(message: string, entry: Record<string, unknown>): void;
}

export interface RunSummary {
  leased: number;
  polled: number;
  failed: number;
  published: number;
  /** Leased but not started within the run's budget: freed for the next run. */
  released: number;
  /** Results not written: the lease had passed to another poller. */
  lostLeases: number;
}

export async function pollDueSources(deps: PollerDeps): Promise<RunSummary> {
  const started = deps.collect.now().getTime();
  const sources = await deps.lease({ nowMs: started, limit: deps.sourcesPerRun, leaseMs: deps.leaseMs, owner: deps.owner });
  const summary: RunSummary = { leased: sources.length, polled: 0, failed: 0, published: 0, released: 0, lostLeases: 0 };

  // One queue per host, so a slow host holds one worker, not all of them.
  const byHost = new Map<string, StoredSource[]>();
  for (const s of sources) {
    const host = hostOf(s.url) ?? s.url;
    byHost.set(host, [...(byHost.get(host) ?? []), s]);
  }
  const queues = [...byHost.values()];
  // A result Firestore would not take is logged, not thrown: the other workers carry on, and the source is due again when its lease ends.
  const finish = async (source: StoredSource, update: PollUpdate) => {
    try {
      return await deps.finish(source.id, deps.owner, update);
    } catch (err) {
      deps.log("feeds: result not written", { source: source.id, error: String(err).slice(0, 300) });
      return false;
    }
  };
  const worker = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const source of queue) {
        if (deps.collect.now().getTime() - started > deps.runBudgetMs) {
          summary.released++;
          await finish(source, { nextPollAtMs: deps.collect.now().getTime() }); // due again at once
          continue;
        }
        const result = await pollOne(source, deps);
        summary.polled++;
        if (result.error !== undefined) summary.failed++;
        summary.published += result.published;
        if (!(await finish(source, result.update))) summary.lostLeases++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.parallelHosts, queues.length)) }, worker));
  deps.log("feeds: run", { ...summary, ms: deps.collect.now().getTime() - started });
  return summary;
}

async function pollOne(source: StoredSource, deps: PollerDeps): Promise<CollectResult> {
  try {
    const result = await collectSource(source, deps.collect);
    deps.log("feeds: polled", { source: source.id, url: source.url.slice(0, 200), published: result.published, skipped: result.skipped, ...(result.error ? { error: result.error.slice(0, 300) } : {}) });
    return result;
  } catch (err) {
    // collectSource turns what feeds and sites do into results; this is a bug or an outage (Firestore, Pub/Sub).
    const error = String(err).slice(0, 300);
    deps.log("feeds: poll failed", { source: source.id, error });
    const failures = source.consecutiveFailures + 1;
    const now = deps.collect.now();
    return { update: { lastPollAt: now, lastError: error, consecutiveFailures: failures, nextPollAtMs: now.getTime() + failureDelayMs(failures, deps.collect.limits.intervals) }, published: 0, skipped: {}, error };
  }
}
