// One poll of one source against a scripted web (no network): what it
// publishes, what it remembers, how it reschedules, and that nothing a feed
// or a site does makes it throw.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_DATE_BOUNDS } from "@newsroom/core/dates";
import { NEVER_MS } from "@newsroom/core/firestore-schema";
import type { Post } from "@newsroom/core/post";
import { collectSource, publishedAt, seenKey, WINDOW_ITEMS, type CollectDeps, type SourceSnapshot } from "../../src/collect.js";
import { FetchError, type Fetch } from "../../src/fetch.js";
import { HostQueue } from "../../src/politeness.js";
import type { FetchResult } from "../../src/types.js";

const MIN = 5 * 60_000;
const MAX = 24 * 3_600_000;
const NOW = new Date("2026-12-06T12:00:00Z");
const FEED = "https://news.example/feed.xml";

const paragraphs = (name: string) => Array.from({ length: 5 }, (_, i) => `${name} paragraph ${i + 1}: Angela Merkel met Emmanuel Macron in Paris to talk about the budget of the European Union and the weather in Berlin.`);
const page = (name: string, canonical?: string) =>
  `<!doctype html><html><head><title>${name}</title>${canonical ? `<link rel="canonical" href="${canonical}">` : ""}</head><body>
  <nav><a href="/">Home</a><a href="/world">World</a></nav>
  <article><h1>${name}</h1>${paragraphs(name).map((p) => `<p>${p}</p>`).join("\n")}</article>
  <footer>Copyright News Example</footer></body></html>`;

const rss = (items: Array<{ link: string; title: string; date?: string; description?: string }>) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>News Example</title><link>https://news.example/</link>${items
    .map((i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.date ? `<pubDate>${i.date}</pubDate>` : ""}${i.description ? `<description>${i.description}</description>` : ""}</item>`)
    .join("")}</channel></rss>`;

type Route = (url: string, options: Parameters<Fetch>[1]) => FetchResult | Promise<FetchResult>;
const ok = (url: string, body: string, headers: Record<string, string> = {}): FetchResult => ({ status: 200, url, headers: { "content-type": "text/html", ...headers }, body: Buffer.from(body) });

function web(routes: Record<string, Route>) {
  const requests: string[] = [];
  const fetch: Fetch = async (url, options) => {
    requests.push(url);
    const route = routes[url];
    if (!route) return { status: 404, url, headers: {}, body: Buffer.alloc(0) };
    return route(url, options);
  };
  return { fetch, requests };
}

function deps(fetch: Fetch, over: Partial<CollectDeps> = {}) {
  const published: Post[] = [];
  const d: CollectDeps = {
    fetch,
    robots: { allowed: async () => true },
    hosts: new HostQueue({ delayMs: 0 }),
    collected: async () => new Set(),
    publish: async (posts) => {
      published.push(...posts);
    },
    dateBounds: DEFAULT_DATE_BOUNDS,
    now: () => NOW,
    limits: { intervals: { minMs: MIN, maxMs: MAX }, itemsPerPoll: 50, childSitemaps: 5, feedBytes: 1e6, pageBytes: 1e6, minTextChars: 200, fetchPages: true, pollBudgetMs: 60_000 },
    ...over,
  };
  return { deps: d, published };
}

const source = (over: Partial<SourceSnapshot> = {}): SourceSnapshot => ({
  id: "s1",
  publication: "News Example",
  pubKey: "news example",
  url: FEED,
  intervalMs: 3_600_000,
  consecutiveFailures: 0,
  days: {},
  itemsTotal: 0,
  seen: [],
  ...over,
});

describe("collectSource", () => {
  it("publishes each new item once, with the page's article text, the feed's title and date, and the normalised URL as its id", async () => {
    const { fetch } = web({
      [FEED]: (u) =>
        ok(u, rss([
          { link: "https://news.example/a/?utm_source=rss#top", title: "A &amp; B", date: "Sun, 06 Dec 2026 10:00:00 GMT" },
          { link: "https://NEWS.example:443/a", title: "A again" },
          { link: "https://news.example/b", title: "B", date: "not a date" },
        ]), { etag: '"v1"', "last-modified": "Sun, 06 Dec 2026 10:00:00 GMT" }),
      // Pages are fetched as the feed lists them (the first spelling of A), not as normalised.
      "https://news.example/a/?utm_source=rss#top": (u) => ok(u, page("Story A")),
      "https://news.example/b": (u) => ok(u, page("Story B")),
    });
    const { deps: d, published } = deps(fetch);
    const r = await collectSource(source(), d);
    assert.equal(r.error, undefined);
    assert.equal(r.published, 2);
    assert.deepEqual(published.map((p) => [p.id, p.url, p.title, p.publishedAt]), [
      ["https://news.example/a", "https://news.example/a", "A & B", "2026-12-06T10:00:00.000Z"],
      ["https://news.example/b", "https://news.example/b", "B", undefined],
    ]);
    for (const p of published) assert.ok(paragraphs(p.id!.endsWith("a") ? "Story A" : "Story B").every((para) => p.content.includes(para)), p.content);
    assert.ok(!published[0]!.content.includes("Copyright"), "boilerplate left out");
    assert.equal(r.update.etag, '"v1"');
    assert.equal(r.update.kind, "rss");
    assert.equal(r.update.consecutiveFailures, 0);
    assert.deepEqual(r.update.days, { "2026-12-06": 2 });
    assert.equal(r.update.itemsTotal, 2);
    assert.deepEqual(r.update.seen, [seenKey("https://news.example/a"), seenKey("https://news.example/b")]);
    assert.ok(r.update.intervalMs! < 3_600_000, "new items shorten the interval");
  });

  it("skips what it has seen or what the publication already has, and fetches no page for them", async () => {
    const { fetch, requests } = web({
      [FEED]: (u) => ok(u, rss([{ link: "https://news.example/a", title: "A" }, { link: "https://news.example/b", title: "B" }, { link: "https://news.example/c", title: "C" }])),
      "https://news.example/c": (u) => ok(u, page("Story C")),
    });
    const { deps: d, published } = deps(fetch, { collected: async (_pub, ids) => new Set(ids.filter((id) => id.endsWith("/b"))) });
    const r = await collectSource(source({ seen: [seenKey("https://news.example/a")] }), d);
    assert.deepEqual(published.map((p) => p.id), ["https://news.example/c"]);
    assert.deepEqual(requests, [FEED, "https://news.example/c"]);
    assert.deepEqual(r.update.seen, [seenKey("https://news.example/a"), seenKey("https://news.example/b"), seenKey("https://news.example/c")]);
    assert.ok(r.update.intervalMs! < 3_600_000);
  });

  it("falls back to the feed's text when robots.txt forbids the page, the page fails, or it gives too little", async () => {
    const { fetch, requests } = web({
      [FEED]: (u) =>
        ok(u, rss([
          { link: "https://news.example/private/a", title: "A", description: "&lt;p&gt;Feed text about Berlin.&lt;/p&gt;" },
          { link: "https://news.example/broken", title: "B", description: "Feed text about Rome." },
          { link: "https://news.example/short", title: "C", description: "Feed text about Madrid." },
          { link: "https://news.example/empty", title: "D" },
        ])),
      "https://news.example/broken": () => {
        throw new FetchError("timeout", "too slow");
      },
      "https://news.example/short": (u) => ok(u, "<html><body><p>Too short.</p></body></html>"),
      "https://news.example/empty": (u) => ok(u, "<html><body></body></html>"),
    });
    const { deps: d, published } = deps(fetch, { robots: { allowed: async (u) => !u.includes("/private/") } });
    const r = await collectSource(source(), d);
    assert.deepEqual(published.map((p) => [p.id, p.content]), [
      ["https://news.example/private/a", "Feed text about Berlin."],
      ["https://news.example/broken", "Feed text about Rome."],
      ["https://news.example/short", "Feed text about Madrid."],
    ]);
    assert.ok(!requests.includes("https://news.example/private/a"), "a page robots.txt forbids is never fetched");
    assert.deepEqual(r.skipped, { "page disallowed by robots.txt": 1, "page not fetched": 1, "no text": 1 });
    assert.equal(r.update.seen?.length, 4, "an item without text is not tried again");
  });

  it("takes the page's canonical URL on the same site as the id, and ignores one on another site", async () => {
    const { fetch } = web({
      [FEED]: (u) => ok(u, rss([{ link: "https://news.example/amp/a", title: "A" }, { link: "https://news.example/b", title: "B" }])),
      "https://news.example/amp/a": (u) => ok(u, page("Story A", "https://www.news.example/stories/a/")),
      "https://news.example/b": (u) => ok(u, page("Story B", "https://elsewhere.example/b")),
    });
    const { deps: d, published } = deps(fetch);
    await collectSource(source(), d);
    assert.deepEqual(published.map((p) => p.id), ["https://www.news.example/stories/a", "https://news.example/b"]);
  });

  it("answers a 304 with a longer interval and sends the stored validators", async () => {
    let sent: Parameters<Fetch>[1];
    const { deps: d, published } = deps(async (url, options) => {
      sent = options;
      return { status: 304, url, headers: {}, body: Buffer.alloc(0) };
    });
    const r = await collectSource(source({ etag: '"v1"', lastModified: "Sun, 06 Dec 2026 10:00:00 GMT" }), d);
    assert.equal(sent?.etag, '"v1"');
    assert.equal(sent?.lastModified, "Sun, 06 Dec 2026 10:00:00 GMT");
    assert.equal(published.length, 0);
    assert.equal(r.error, undefined);
    assert.ok(r.update.intervalMs! > 3_600_000, "quiet: longer");
    assert.equal(r.update.nextPollAtMs, NOW.getTime() + r.update.intervalMs!);
    assert.deepEqual(r.update.days, { "2026-12-06": 0 });
  });

  it("marks a 410 source gone, honours Retry-After on 429, and follows a permanent redirect", async () => {
    const gone = await collectSource(source(), deps(async (url) => ({ status: 410, url, headers: {}, body: Buffer.alloc(0) })).deps);
    assert.equal(gone.update.state, "gone");
    assert.equal(gone.update.nextPollAtMs, NEVER_MS);

    const busy = await collectSource(source(), deps(async (url) => ({ status: 429, url, headers: { "retry-after": "7200" }, body: Buffer.alloc(0) })).deps);
    assert.equal(busy.update.nextPollAtMs, NOW.getTime() + 7_200_000);
    assert.equal(busy.update.consecutiveFailures, 1);
    assert.match(busy.update.lastError ?? "", /429/);

    const moved = await collectSource(source(), deps(async () => ({ status: 200, url: "https://news.example/new.xml", movedTo: "https://news.example/new.xml", headers: {}, body: Buffer.from(rss([])) })).deps);
    assert.equal(moved.update.url, "https://news.example/new.xml");
  });

  it("backs off a failing source and records the error, never throwing", async () => {
    for (const fetch of [
      (async () => {
        throw new FetchError("forbidden-address", "news.example resolves to 10.0.0.1");
      }) as Fetch,
      (async (url: string) => ok(url, "<rss><channel><item>")) as Fetch,
      (async (url: string) => ok(url, "<html><body>not a feed</body></html>")) as Fetch,
      (async (url: string) => ({ status: 500, url, headers: {}, body: Buffer.alloc(0) })) as Fetch,
    ]) {
      const r = await collectSource(source({ consecutiveFailures: 3 }), deps(fetch).deps);
      assert.ok(r.error, "a failure");
      assert.equal(r.update.consecutiveFailures, 4);
      assert.ok((r.update.lastError ?? "").length > 0 && (r.update.lastError ?? "").length <= 500);
      assert.ok(r.update.nextPollAtMs! > NOW.getTime() + MIN, "backs off beyond the shortest interval");
      assert.equal(r.published, 0);
    }
  });

  it("publishes nothing and remembers nothing when Pub/Sub does not confirm, so the next poll tries again", async () => {
    const { fetch } = web({ [FEED]: (u) => ok(u, rss([{ link: "https://news.example/a", title: "A", description: "Text about Paris." }])) });
    const r = await collectSource(source(), deps(fetch, { publish: async () => Promise.reject(new Error("deadline")) }).deps);
    assert.match(r.error ?? "", /Pub\/Sub/);
    assert.equal(r.update.seen, undefined);
    assert.equal(r.update.consecutiveFailures, 1);
  });

  it("collects at most itemsPerPoll items and comes back at the shortest interval for the rest", async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ link: `https://news.example/${i}`, title: `T${i}`, description: `Text ${i} about Paris.` }));
    const { fetch } = web({ [FEED]: (u) => ok(u, rss(items)) });
    const { deps: d, published } = deps(fetch, { limits: { ...deps(fetch).deps.limits, itemsPerPoll: 3, fetchPages: false } });
    const r = await collectSource(source(), d);
    assert.equal(published.length, 3);
    assert.equal(r.update.nextPollAtMs, NOW.getTime() + MIN);
  });

  it("keeps no validators while items are owed, nor for a sitemap index, so the next poll reads the whole document", async () => {
    const items = Array.from({ length: 4 }, (_, i) => ({ link: `https://news.example/${i}`, title: `T${i}`, description: `Text ${i} about Paris.` }));
    const { fetch } = web({ [FEED]: (u) => ok(u, rss(items), { etag: '"v2"' }) });
    const base = deps(fetch).deps;
    const owed = await collectSource(source({ etag: '"v1"' }), deps(fetch, { limits: { ...base.limits, itemsPerPoll: 2, fetchPages: false } }).deps);
    assert.equal(owed.published, 2);
    assert.ok("etag" in owed.update && owed.update.etag === undefined, "the old validator is removed, the new one not kept");
    const failedPublish = await collectSource(source(), deps(fetch, { publish: async () => Promise.reject(new Error("deadline")) }).deps);
    assert.equal(failedPublish.update.etag, undefined);
    const done = await collectSource(source(), deps(fetch, { limits: { ...base.limits, fetchPages: false } }).deps);
    assert.equal(done.update.etag, '"v2"');
  });

  it("considers a feed's newest WINDOW_ITEMS items only, so what it sent stays remembered", async () => {
    const items = Array.from({ length: WINDOW_ITEMS + 50 }, (_, i) => ({ link: `https://news.example/${i}`, title: `T${i}`, description: `Text ${i}.`, date: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString() }));
    const { fetch } = web({ [FEED]: (u) => ok(u, rss(items)) });
    const limits = { ...deps(fetch).deps.limits, itemsPerPoll: 10_000, fetchPages: false };
    let seen: string[] = [];
    const first = await collectSource(source(), deps(fetch, { limits }).deps);
    seen = first.update.seen!;
    assert.equal(first.published, WINDOW_ITEMS, "the oldest 50 are outside the window");
    const again = await collectSource(source({ seen }), deps(fetch, { limits }).deps);
    assert.equal(again.published, 0);
    assert.ok(again.update.intervalMs! > 3_600_000, "nothing pending: a quiet poll");
  });

  it("reads a sitemap index's child sitemaps", async () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>`;
    const child = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc><lastmod>2026-12-05</lastmod></url></urlset>`;
    const { fetch } = web({ [FEED]: (u) => ok(u, index), "https://news.example/s1.xml": (u) => ok(u, child), "https://news.example/a": (u) => ok(u, page("Story A")) });
    const { deps: d, published } = deps(fetch);
    const r = await collectSource(source(), d);
    assert.equal(r.update.kind, "sitemap-index");
    assert.deepEqual(published.map((p) => [p.id, p.publishedAt]), [["https://news.example/a", "2026-12-05T00:00:00.000Z"]]);
  });
});

describe("publishedAt", () => {
  it("keeps a real date inside the bounds and drops a missing, unparsable, too early or far future one", () => {
    assert.equal(publishedAt("Sun, 06 Dec 2026 10:00:00 GMT", NOW, DEFAULT_DATE_BOUNDS), "2026-12-06T10:00:00.000Z");
    assert.equal(publishedAt("2026-12-06T10:00:00+02:00", NOW, DEFAULT_DATE_BOUNDS), "2026-12-06T08:00:00.000Z");
    for (const raw of [undefined, "", "yesterday", "1200-01-01T00:00:00Z", "2031-01-01T00:00:00Z"]) assert.equal(publishedAt(raw, NOW, DEFAULT_DATE_BOUNDS), undefined, String(raw));
  });
});
