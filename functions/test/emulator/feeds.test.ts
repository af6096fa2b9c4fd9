// Feeds end to end on a local stack (both: the emulators and the runtime
// stack): a feed server on loopback serves the fixtures, the operator adds
// them through the admin routes (each checked once) or straight into the
// store (a feed that went bad after it was added), the stack's pollFeeds
// collects them, and every good item is counted exactly once: across two
// pollers at once, a second poll, a poll killed mid-way (in-process, so on
// the runtime stack's run only), and the same story under three spellings in
// two feeds.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { ADMIN_ROUTES } from "@newsroom/core/admin-schema";
import { Batcher } from "@newsroom/core/batcher";
import { DEFAULT_DATE_BOUNDS } from "@newsroom/core/dates";
import { publicationKey } from "@newsroom/core/keys";
import { collectSource } from "@newsroom/feeds/collect";
import { createFetcher } from "@newsroom/feeds/fetch";
import { HostQueue } from "@newsroom/feeds/politeness";
import { normaliseUrl } from "@newsroom/feeds/url";
import { addSource, finishPoll, getSource, leaseDueSources, setSourceState, type StoredSource } from "@newsroom/store/sources";
import { ARTICLES, FIXTURES, LEAKED_PATH, startFeedServer, type FeedServer } from "@newsroom/harness/feed-server";
import { pollFeedsNow } from "@newsroom/harness/scheduler";
import { pollDueSources } from "../../src/feeds/handler.js";
import { SOURCE_LEASE_MS } from "../../src/feeds/params.js";
import { topicPublisher } from "../../src/pubsub/publisher.js";
import { emulator, required } from "./support/env.js";
import { request, type Answer } from "./support/ingest.js";

const run = randomBytes(3).toString("hex");
const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};
const pub = (name: string) => `Feeds ${name} ${run}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An admin route, with the operator's key (or another). */
const admin = (method: string, path: string, body?: unknown, key = emulator.apiKey()): Promise<Answer> =>
  request(`${required("API_URL")}${path}`, method, { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body !== undefined ? JSON.stringify(body) : undefined);

/** Sources by fixture; the good ones each count for a publication of their own, dupes A and B for one. */
const GOOD = ["rss", "atom", "jsonFeed", "newsSitemap", "sitemapIndex", "relative", "etag", "moved", "tempMoved", "forbiddenPages", "robots", "dupesA", "dupesB"] as const;
const BAD = ["gone", "busy", "slow", "huge", "bomb", "laughs", "xxe", "malformed"] as const;
const publicationOf = (fixture: string) => pub(fixture.startsWith("dupes") ? "dupes" : fixture);
/** Distinct articles each publication must count. */
const expected = new Map<string, string[]>();
for (const f of GOOD) expected.set(publicationOf(f), [...new Set([...(expected.get(publicationOf(f)) ?? []), ...FIXTURES[f]!.articles!])]);

let server: FeedServer;
const ids = new Map<string, string>();
/** Before the first source was added: the stack's own minute may poll them before the test asks. */
let addedSince = 0;
const origin = new Map<string, string>();
let ajv: Ajv2020;

async function articlesOf(publication: string) {
  const snap = await db().collection("articles").where("pubKey", "==", publicationKey(publication)).get();
  return snap.docs.map((d) => d.data());
}

/** Waits until the publication's articleCount is `count` (after the rollup) and holds. */
async function counted(publication: string, count: number, timeoutMs = 180_000): Promise<void> {
  const ref = db().doc(`publications/${publicationKey(publication)}`);
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = (await ref.get()).data()?.articleCount;
    if (last === count) {
      await sleep(3_000); // a late duplicate would show now
      assert.equal((await ref.get()).data()?.articleCount, count, `${publication}: counted again`);
      return;
    }
    await sleep(500);
  }
  assert.fail(`${publication}: articleCount ${String(last)} after ${timeoutMs} ms, expected ${count}`);
}

async function polledSince(id: string, sinceMs: number, timeoutMs = 150_000): Promise<StoredSource> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await getSource(db(), id);
    if (s?.lastPollAt && s.lastPollAt.getTime() >= sinceMs && s.leaseOwner === undefined) return s;
    if (Date.now() > deadline) assert.fail(`source ${id} not polled since ${new Date(sinceMs).toISOString()}: ${JSON.stringify(s)}`);
    await sleep(500);
  }
}

describe("feeds on a local stack", { timeout: 15 * 60_000 }, () => {
  before(async () => {
    // One listener per source: each is a host of its own, so politeness (one request at a time per host) never queues one behind another.
    server = await startFeedServer({ listeners: GOOD.length + BAD.length });
    [...GOOD, ...BAD].forEach((f, i) => origin.set(f, server.origins[i]!));
    origin.set("dupesB", origin.get("dupesA")!); // one site carrying one story in two feeds
    const document = (await (await fetch(`${required("API_URL")}/v1/openapi.json`)).json()) as any; // the validator checks it next
    const validator = new Validator();
    assert.ok((await validator.validate(document)).valid, "the served document is valid OpenAPI 3.1");
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document, "openapi");
  });
  after(() => server?.close());

  const conforms = (route: string, a: Answer) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${a.status < 300 ? route : "Error"}`)!;
    assert.ok(validate(a.body), `${route} ${a.status}: ${JSON.stringify(validate.errors)} for ${a.text.slice(0, 300)}`);
  };

  it("the admin routes take only the operator's key, and check a URL once before adding it", async () => {
    addedSince = Date.now();
    assert.equal((await admin("GET", "/v1/sources", undefined, "")).status, 401);
    const wrong = await admin("GET", "/v1/sources", undefined, "not-the-key");
    assert.equal(wrong.status, 403);
    conforms("listSources", wrong);
    const invalid = await admin("POST", "/v1/sources", { url: "ftp://x", publication: "" });
    assert.equal(invalid.status, 400, invalid.text);
    conforms("addSource", invalid);
    assert.equal((await admin("POST", "/v1/sources", { url: `${origin.get("rss")}/fixtures/rss.xml`, publication: pub("rss"), extra: 1 })).status, 400, "unknown fields are refused");

    for (const f of GOOD) {
      const a = await admin("POST", "/v1/sources", { url: `${origin.get(f)}${FIXTURES[f]!.path}`, publication: publicationOf(f) });
      assert.equal(a.status, 201, `${f}: ${a.text}`);
      conforms("addSource", a);
      assert.equal(a.body.check.kind, f === "moved" ? "rss" : f === "tempMoved" ? "atom" : FIXTURES[f]!.kind, f);
      ids.set(f, a.body.source.id);
    }
    assert.equal(ids.size, GOOD.length);
    assert.equal((await admin("POST", "/v1/sources", { url: `${origin.get("rss")}/fixtures/rss.xml`, publication: pub("rss") })).status, 409, "once per publication");
    // A 301 is followed and the source stored at its new URL; a 302 keeps the URL it was given.
    assert.equal((await getSource(db(), ids.get("moved")!))?.url, `${origin.get("moved")}/fixtures/rss.xml`);
    assert.equal((await getSource(db(), ids.get("tempMoved")!))?.url, `${origin.get("tempMoved")}/fixtures/temp-moved.xml`);

    // Each bad one is refused with its reason, and nothing is added.
    const reasons: Record<string, RegExp> = { gone: /410/, busy: /429/, slow: /timeout/, huge: /too-large/, bomb: /too-large/, laughs: /DTD|entit/i, xxe: /DTD|entit/i, malformed: /not a feed/ };
    for (const f of BAD) {
      const a = await admin("POST", "/v1/sources", { url: `${origin.get(f)}${FIXTURES[f]!.path}`, publication: pub(f) });
      assert.equal(a.status, 422, `${f}: ${a.text}`);
      conforms("addSource", a);
      assert.match(a.body.message, reasons[f]!, f);
    }
    // Feeds that went bad after they were added: straight into the store.
    for (const f of BAD) ids.set(f, (await addSource(db(), { url: `${origin.get(f)}${FIXTURES[f]!.path}`, publication: pub(f) })).id);
  });

  it("two pollers at once collect every good item once, honour 410, 429, robots.txt and refused redirects, and record each failure", async () => {
    const since = addedSince;
    await Promise.all([pollFeedsNow(), pollFeedsNow()]);
    const polled = new Map<string, StoredSource>();
    for (const f of [...GOOD, ...BAD]) polled.set(f, await polledSince(ids.get(f)!, since));

    for (const [publication, articles] of expected) await counted(publication, articles.length);
    for (const f of GOOD) {
      const s = polled.get(f)!;
      assert.equal(s.consecutiveFailures, 0, `${f}: ${s.lastError}`);
      assert.equal(s.state, "active");
    }
    // Each article under its one normalised URL, text from the page or (robots.txt, refused redirects) the feed.
    for (const [publication, names] of expected) {
      const stored = await articlesOf(publication);
      assert.equal(stored.length, names.length, publication);
      const urls = stored.map((a) => a.url as string).sort();
      const fixture = [...GOOD].find((f) => publicationOf(f) === publication)!;
      const want = names.map((n) => normaliseUrl(`${origin.get(fixture)}${ARTICLES[n]!.path}`) ?? "").sort();
      if (!["forbiddenPages", "newsSitemap", "sitemapIndex"].includes(fixture)) assert.deepEqual(urls, want, publication);
    }
    assert.ok(!server.requests.some((r) => r.path.includes("/fixtures/private/")), "robots.txt is honoured for article pages");
    assert.equal(server.requests.filter((r) => r.path.startsWith("/fixtures/redirect-to-internal/")).length >= 2, true, "both pages were asked for (at least once)");
    assert.ok(!server.requests.some((r) => r.path.startsWith(LEAKED_PATH)), "no redirect to 0.0.0.0 got through the address check");
    assert.ok(server.requests.some((r) => r.path === "/robots.txt"));
    assert.ok(server.requests.every((r) => (r.headers["user-agent"] ?? "").startsWith("newsroom-feeds/1.0 (+http")), "every request names the project and a contact URL");

    assert.equal(polled.get("gone")!.state, "gone");
    assert.equal(polled.get("gone")!.nextPollAtMs >= Date.UTC(9999, 0, 1), true);
    assert.ok(polled.get("busy")!.nextPollAtMs >= since + 120_000, "Retry-After: 120 honoured");
    const errors: Record<string, RegExp> = { busy: /429/, slow: /timeout/, huge: /too-large/, bomb: /too-large/, laughs: /DTD|entit/i, xxe: /DTD|entit/i, malformed: /not a feed/ };
    for (const [f, re] of Object.entries(errors)) {
      const s = polled.get(f)!;
      assert.equal(s.consecutiveFailures, 1, f);
      assert.match(s.lastError ?? "", re, f);
    }

    const list = await admin("GET", "/v1/sources");
    assert.equal(list.status, 200);
    conforms("listSources", list);
    const rss = list.body.sources.find((s: { id: string }) => s.id === ids.get("rss"));
    assert.equal(rss.health.today, 3);
    assert.equal(rss.health.days.length, 30);
  });

  it("polls again conditionally: 304 for an unchanged feed, and nothing counted twice", async () => {
    const since = Date.now();
    for (const f of ["etag", "rss", "dupesA"]) assert.equal((await admin("PATCH", `/v1/sources/${ids.get(f)}`, { state: "active" })).status, 200);
    await pollFeedsNow();
    const etag = await polledSince(ids.get("etag")!, since);
    assert.equal(etag.lastStatus, 304);
    assert.ok(server.requests.some((r) => r.path === "/fixtures/etag.xml" && r.headers["if-none-match"] !== undefined));
    await polledSince(ids.get("rss")!, since);
    await polledSince(ids.get("dupesA")!, since);
    for (const f of ["etag", "rss", "dupes"]) await counted(pub(f), expected.get(pub(f))!.length);
  });

  // In-process pollers against the store and the topic, whichever stack runs the functions: once, on the runtime stack.
  const inProcessOnce = { skip: process.env.STACK_ADMIN_URL === undefined && "in-process: runs once, on the runtime stack" };

  it("a poll killed after publishing part of a source's items, then taken over when its lease runs out, counts each item once", inProcessOnce, async () => {
    // Only this test's source is due: the others are done with.
    for (const id of ids.values()) await setSourceState(db(), id, "paused");
    const publication = pub("killed");
    const source = await addSource(db(), { url: `${origin.get("atom")}/fixtures/atom.xml`, publication });
    const fetch = createFetcher({ userAgent: "newsroom-feeds/1.0 (+https://example.invalid/test)", allowLoopback: true, connectTimeoutMs: 5_000, totalTimeoutMs: 20_000, maxBytes: 5e6 });
    const publish = topicPublisher(process.env.POSTS_TOPIC ?? "posts", 30_000);
    const batcher = new Batcher({ publish, maxPosts: 1, maxBytes: 256 * 1024, windowMs: 1 });
    const limits = { intervals: { minMs: 300_000, maxMs: 86_400_000 }, itemsPerPoll: 50, childSitemaps: 5, feedBytes: 5e6, pageBytes: 2e6, minTextChars: 300, fetchPages: true, pollBudgetMs: 60_000 };
    const deps = (now: () => Date, onPublish: (posts: readonly unknown[]) => Promise<void>) => ({
      fetch,
      robots: { allowed: async () => true },
      hosts: new HostQueue({ delayMs: 0 }),
      collected: async () => new Set<string>(),
      publish: onPublish as never,
      dateBounds: DEFAULT_DATE_BOUNDS,
      now,
      limits,
    });
    // The first poller leases the source, publishes two of its three items, and dies (its publish never returns).
    const leasedAt = Date.now();
    const [held] = (await leaseDueSources(db(), { nowMs: leasedAt, limit: 500, leaseMs: SOURCE_LEASE_MS, owner: `dead-${run}` })).filter((s) => s.id === source.id);
    assert.ok(held, "leased by the first poller");
    void collectSource(held, deps(() => new Date(), async (posts) => {
      await batcher.submit((posts as never[]).slice(0, 2));
      await new Promise(() => undefined); // killed here
    }));
    await counted(publication, 2);

    // Before its lease runs out nobody else takes it; after, a second poller does, and publishes all three.
    const later = Date.now() + SOURCE_LEASE_MS + 1_000;
    const summary = await pollDueSources({
      lease: (r) => leaseDueSources(db(), r),
      finish: (id, owner, update) => finishPoll(db(), id, owner, update),
      collect: deps(() => new Date(later), async (posts) => void (await batcher.submit(posts as never))),
      owner: `second-${run}`,
      sourcesPerRun: 500,
      parallelHosts: 4,
      runBudgetMs: 60_000,
      leaseMs: SOURCE_LEASE_MS,
      log: () => undefined,
    });
    assert.ok(summary.polled >= 1);
    await counted(publication, 3);
    const after = await getSource(db(), source.id);
    assert.equal(after?.itemsTotal, 3);
    await setSourceState(db(), source.id, "paused");
  });
});
