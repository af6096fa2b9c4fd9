// A poller run with its I/O faked: one worker per host, a source not started
// within the run's budget due again at once, a result Firestore refuses logged
// while the others are written, a lease lost to another poller counted.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_DATE_BOUNDS } from "@newsroom/core/dates";
import { HostQueue } from "@newsroom/feeds/politeness";
import type { StoredSource } from "@newsroom/store/sources";
import { pollDueSources, type PollerDeps } from "../../../src/feeds/handler.js";

const source = (id: string, url: string): StoredSource =>
  ({ id, url, addedUrl: url, publication: "P", pubKey: "p", state: "active", addedAt: new Date(0), intervalMs: 0, nextPollAtMs: 0, consecutiveFailures: 0, days: {}, itemsTotal: 0, seen: [] }) as StoredSource;

function deps(sources: StoredSource[], over: { clock?: () => number; finish?: PollerDeps["finish"] } = {}) {
  const finished = new Map<string, object>();
  const logs: string[] = [];
  let t = 0;
  const d: PollerDeps = {
    lease: async () => sources,
    finish: over.finish ?? (async (id, _owner, update) => (finished.set(id, update), true)),
    collect: {
      fetch: async (url) => ({ status: 304, url, headers: {}, body: Buffer.alloc(0) }),
      robots: { allowed: async () => true },
      hosts: new HostQueue({ delayMs: 0 }),
      collected: async () => new Set(),
      publish: async () => undefined,
      dateBounds: DEFAULT_DATE_BOUNDS,
      now: () => new Date(over.clock ? over.clock() : (t += 1_000)),
      limits: { intervals: { minMs: 300_000, maxMs: 86_400_000 }, itemsPerPoll: 50, childSitemaps: 5, feedBytes: 1e6, pageBytes: 1e6, minTextChars: 300, fetchPages: false, pollBudgetMs: 60_000 },
    },
    owner: "run-1",
    sourcesPerRun: 10,
    parallelHosts: 2,
    runBudgetMs: 150_000,
    leaseMs: 360_000,
    log: (message) => void logs.push(message),
  };
  return { d, finished, logs };
}

describe("pollDueSources", () => {
  it("polls every leased source and writes each result", async () => {
    const all = [source("a", "https://a.example/f"), source("b", "https://a.example/g"), source("c", "https://c.example/f")];
    const { d, finished } = deps(all);
    const summary = await pollDueSources(d);
    assert.deepEqual(summary, { leased: 3, polled: 3, failed: 0, published: 0, released: 0, lostLeases: 0 });
    assert.deepEqual([...finished.keys()].sort(), ["a", "b", "c"]);
  });
  it("frees the sources it could not start within its budget, due at once", async () => {
    let now = 0;
    const { d, finished } = deps([source("a", "https://a.example/f"), source("b", "https://a.example/g")], { clock: () => (now += 100_000) });
    const summary = await pollDueSources(d);
    assert.equal(summary.released, 1);
    const released = [...finished.values()].find((u) => Object.keys(u).length === 1) as { nextPollAtMs: number };
    assert.ok(released.nextPollAtMs > 0);
  });
  it("logs a result Firestore refuses and carries on; counts a lease another poller took", async () => {
    const { d, logs } = deps([source("a", "https://a.example/f"), source("b", "https://b.example/f"), source("c", "https://c.example/f")], {
      finish: async (id) => {
        if (id === "a") throw new Error("contention");
        return id !== "b";
      },
    });
    const summary = await pollDueSources(d);
    assert.equal(summary.polled, 3);
    assert.equal(summary.lostLeases, 2);
    assert.ok(logs.includes("feeds: result not written"));
  });
});
