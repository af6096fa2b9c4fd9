import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import zlib from "node:zlib";
import { escapeHtml } from "../../src/feed-fixtures.ts";
import {
  ARTICLES,
  BOMB_INFLATED_BYTES,
  FIXTURE_ETAG,
  FIXTURE_LAST_MODIFIED,
  FIXTURES,
  HUGE_BYTES,
  corpusArticlePath,
  corpusFeedPath,
  paragraphsOf,
  startFeedServer,
  type FeedServer,
} from "../../src/feed-server.ts";

/** Every entry a feed or sitemap lists: <item>, <entry>, JSON Feed items, <url> or <sitemap>. */
function entries(body: string): string[] {
  if (body.trimStart().startsWith("{")) return (JSON.parse(body) as { items: Array<{ url: string }> }).items.map((i) => i.url);
  const links = [...body.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1] as string);
  // An Atom entry's link as written, joined to the entry's xml:base (a path ending in "/" in atom.xml).
  links.push(...[...body.matchAll(/<entry(?: xml:base="([^"]*)")?>[\s\S]*?<link [^>]*href="([^"]*)"/g)].map((m) => `${m[1] ?? ""}${m[2] as string}`));
  links.push(...[...body.matchAll(/<(?:url|sitemap)>\s*<loc>([^<]*)<\/loc>/g)].map((m) => m[1] as string));
  return links;
}

const unescape = (s: string) => s.replaceAll("&amp;", "&");

/** GET with node:http (no decompression, any Host header), the raw body up to `limit` bytes. */
function rawGet(url: string, headers: Record<string, string> = {}, limit = Infinity): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= limit) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        }
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/** The first `n` bytes `gzipped` inflates to, without inflating the rest. */
function inflatePrefix(gzipped: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = zlib.createGunzip();
    const out: Buffer[] = [];
    let size = 0;
    gunzip.on("data", (c: Buffer) => {
      out.push(c);
      size += c.length;
      if (size >= n) {
        gunzip.destroy();
        resolve(Buffer.concat(out).subarray(0, n));
      }
    });
    gunzip.on("error", reject);
    gunzip.on("end", () => resolve(Buffer.concat(out)));
    gunzip.end(gzipped);
  });
}

describe("the fixture articles", () => {
  const texts = Object.entries(ARTICLES).map(([name, a]) => [name, [a.title, ...a.paragraphs].join("\n")] as const);

  it("name each person, organisation and place in one article only", () => {
    for (const [name, a] of Object.entries(ARTICLES)) {
      assert.ok(a.paragraphs.length >= 4 && a.paragraphs.length <= 6, `${name} has 4-6 paragraphs`);
      const own = texts.find(([n]) => n === name)?.[1] as string;
      for (const entity of a.names) {
        assert.ok(own.includes(entity), `${name} mentions ${entity}`);
        for (const [other, text] of texts) if (other !== name) assert.ok(!text.includes(entity), `${entity} (of ${name}) is not in ${other}`);
      }
    }
  });

  it("are each collected from exactly the fixtures that list them, and every one is listed", () => {
    const listed = new Set(Object.values(FIXTURES).flatMap((f) => f.articles ?? []));
    for (const name of listed) assert.ok(ARTICLES[name], `${name} is an article`);
    assert.deepEqual([...listed].sort(), Object.keys(ARTICLES).sort());
  });
});

describe("the feed server", () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: "manual", ...init });

  it("listens on 127.0.0.1 only and refuses any other address", async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(server.origins, [server.url]);
    await assert.rejects(startFeedServer({ host: "0.0.0.0" }), /loopback only/);
    await assert.rejects(startFeedServer({ host: "10.0.0.5" }), /loopback only/);
  });

  it("serves rss.xml as RSS with its three items, an &amp; title and a CDATA title", async () => {
    const res = await get("/fixtures/rss.xml");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/rss+xml; charset=utf-8");
    const body = await res.text();
    assert.deepEqual(entries(body), ["rss-1", "rss-2", "rss-3"].map((n) => `${server.url}${ARTICLES[n]?.path}`));
    assert.match(body, /<title>Ports &amp; power/);
    assert.match(body, /<title><!\[CDATA\[Rain, records & a photo finish/);
    assert.match(body, /<content:encoded><!\[CDATA\[<p>Vatnajökull/);
  });

  it("lists in each feed and sitemap as many entries as FIXTURES says, linking its articles", async () => {
    for (const [key, fixture] of Object.entries(FIXTURES)) {
      if (fixture.status !== 200 || !fixture.kind || fixture.failure) continue;
      const res = await get(fixture.path);
      assert.equal(res.status, 200, key);
      const links = entries(await res.text());
      if (fixture.kind === "sitemap-index") {
        assert.deepEqual(links, fixture.sitemaps?.map((p) => `${server.url}${p}`), key);
        continue;
      }
      assert.equal(links.length, fixture.items, key);
      const resolved = links.map((l) => new URL(unescape(l), `${server.url}${fixture.path}`));
      for (const name of fixture.articles ?? []) {
        const path = ARTICLES[name]?.path as string;
        assert.ok(resolved.some((u) => u.pathname.replace(/\/$/, "") === path), `${key} links ${name}`);
      }
    }
  });

  it("resolves relative.xml's and atom.xml's relative links to article pages", async () => {
    const relative = entries(await (await get("/fixtures/relative.xml")).text());
    assert.deepEqual(relative, ["/fixtures/articles/relative-1.html", "articles/relative-2.html"]);
    assert.equal(new URL(relative[1] as string, `${server.url}/fixtures/relative.xml`).pathname, "/fixtures/articles/relative-2.html");
    const atom = await (await get("/fixtures/atom.xml")).text();
    assert.match(atom, /<entry xml:base="\/fixtures\/articles\/">[\s\S]*?href="atom-3.html"/);
    assert.equal((await get("/fixtures/articles/atom-3.html")).status, 200);
  });

  it("answers etag.xml's validators with 304 and no body", async () => {
    const first = await get("/fixtures/etag.xml");
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("etag"), FIXTURE_ETAG);
    assert.equal(first.headers.get("last-modified"), FIXTURE_LAST_MODIFIED);
    await first.text();
    const byTag = await get("/fixtures/etag.xml", { headers: { "if-none-match": FIXTURE_ETAG } });
    assert.equal(byTag.status, 304);
    assert.equal(await byTag.text(), "");
    const byDate = await get("/fixtures/etag.xml", { headers: { "if-modified-since": FIXTURE_LAST_MODIFIED } });
    assert.equal(byDate.status, 304);
    await byDate.text();
    const stale = await get("/fixtures/etag.xml", { headers: { "if-none-match": '"other"', "if-modified-since": FIXTURE_LAST_MODIFIED } });
    assert.equal(stale.status, 200, "If-None-Match decides over If-Modified-Since");
    await stale.text();
  });

  it("answers gone, moved, temp-moved, busy and the internal redirects with their status and headers", async () => {
    const status = async (path: string) => {
      const res = await get(path);
      await res.arrayBuffer();
      return res;
    };
    assert.equal((await status("/fixtures/gone.xml")).status, 410);
    const moved = await status("/fixtures/moved.xml");
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get("location"), FIXTURES.moved?.location);
    const temp = await status("/fixtures/temp-moved.xml");
    assert.equal(temp.status, 302);
    assert.equal(temp.headers.get("location"), "/fixtures/atom.xml");
    const busy = await status("/fixtures/busy.xml");
    assert.equal(busy.status, 429);
    assert.equal(busy.headers.get("retry-after"), "120");
    const port = new URL(server.url).port;
    assert.equal((await status("/fixtures/redirect-to-internal/1")).headers.get("location"), `http://0.0.0.0:${port}/fixtures/leaked/1`);
    assert.equal((await status("/fixtures/redirect-to-internal/2")).headers.get("location"), `http://[::ffff:0.0.0.0]:${port}/fixtures/leaked/2`);
    assert.equal((await status("/fixtures/nothing-here.xml")).status, 404);
  });

  it("serves every article page as HTML with its paragraphs among the boilerplate, canonical where marked", async () => {
    for (const [name, a] of Object.entries(ARTICLES)) {
      if (a.path.startsWith("/fixtures/redirect-to-internal/")) continue;
      const res = await get(a.path);
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
      const html = await res.text();
      for (const p of a.paragraphs) assert.ok(html.includes(`<p>${escapeHtml(p)}</p>`), `${name}: ${p.slice(0, 30)}`);
      assert.match(html, /Related stories/);
      assert.match(html, /cookie-banner/);
      assert.equal(html.includes(`<link rel="canonical" href="${server.url}${a.path}">`), a.canonical, `${name} canonical`);
    }
  });

  it("serves the shared story under each spelling the dupes feeds use, and builds links from the Host header", async () => {
    for (const spelling of ["/fixtures/articles/shared-story/?utm_source=a", "/fixtures/articles/shared-story?fbclid=x", "/fixtures/articles/shared-story"]) {
      const html = await (await get(spelling)).text();
      assert.ok(html.includes(`<link rel="canonical" href="${server.url}/fixtures/articles/shared-story">`), spelling);
    }
    const a = entries(await (await get("/fixtures/dupes-a.xml")).text());
    assert.deepEqual(a, [`${server.url}/fixtures/articles/shared-story/?utm_source=a#top`, `${server.url}/fixtures/articles/shared-story?fbclid=x`]);
    const b = await rawGet(`${server.url}/fixtures/dupes-b.xml`, { host: "news.test:8080" });
    assert.deepEqual(entries(b.body.toString()), ["HTTP://news.test:8080/fixtures/articles/shared-story"]);
  });

  it("serves robots.txt disallowing /fixtures/private/, and the private page robots.xml links", async () => {
    const robots = await get("/robots.txt");
    assert.equal(robots.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.match(await robots.text(), /User-agent: \*\nDisallow: \/fixtures\/private\//);
    const links = entries(await (await get("/fixtures/robots.xml")).text());
    assert.deepEqual(links, [`${server.url}/fixtures/private/robots-private.html`, `${server.url}/fixtures/articles/robots-allowed.html`]);
  });

  it("serves hostile documents: laughs, xxe, malformed", async () => {
    assert.match(await (await get("/fixtures/laughs.xml")).text(), /<!ENTITY lol9 "(&lol8;){10}">[\s\S]*<title>&lol9;<\/title>/);
    assert.match(await (await get("/fixtures/xxe.xml")).text(), /<!DOCTYPE rss \[<!ENTITY xxe SYSTEM "file:\/\/\/etc\/passwd">\]>[\s\S]*&xxe;/);
    const malformed = await (await get("/fixtures/malformed.xml")).text();
    assert.match(malformed, /<item>\s*<title>Harbour cranes st$/);
  });

  it("streams huge.xml with a 50 MB Content-Length, read here only in part", async () => {
    const abort = new AbortController();
    const res = await get("/fixtures/huge.xml", { signal: abort.signal });
    assert.equal(res.status, 200);
    assert.equal(Number(res.headers.get("content-length")), HUGE_BYTES);
    assert.equal(HUGE_BYTES, 52_428_800);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = Buffer.from((await reader.read()).value as Uint8Array).toString();
    assert.match(first, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"/);
    abort.abort();
    const head = await get("/fixtures/huge.xml", { method: "HEAD" });
    assert.equal(Number(head.headers.get("content-length")), HUGE_BYTES);
  });

  it("sends bomb.xml as under 2 MB of gzip whose first MiB inflates to an RSS head and filler", async () => {
    const res = await rawGet(`${server.url}/fixtures/bomb.xml`);
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-encoding"], "gzip");
    assert.equal(Number(res.headers["content-length"]), res.body.length);
    assert.ok(res.body.length < 2_000_000, `${res.body.length} bytes`);
    assert.ok(BOMB_INFLATED_BYTES >= 1_000_000_000);
    const prefix = (await inflatePrefix(res.body, 1024 * 1024)).toString();
    assert.equal(prefix.length, 1024 * 1024);
    assert.match(prefix, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"><channel><title> +$/);
  });

  it("logs requests with the headers a poller sends, keeping the newest logLimit", async () => {
    const small = await startFeedServer({ logLimit: 3 });
    try {
      for (let i = 0; i < 5; i++) {
        await (await fetch(`${small.url}/fixtures/etag.xml?n=${i}`, { headers: { "user-agent": "newsroom-poller/1.0", "if-none-match": FIXTURE_ETAG } })).text();
      }
      assert.deepEqual(
        small.requests.map((r) => r.path),
        ["/fixtures/etag.xml?n=2", "/fixtures/etag.xml?n=3", "/fixtures/etag.xml?n=4"],
      );
      const last = small.requests.at(-1);
      assert.equal(last?.method, "GET");
      assert.equal(last?.status, 304);
      assert.equal(last?.origin, small.url);
      assert.equal(last?.headers["user-agent"], "newsroom-poller/1.0");
      assert.equal(last?.headers["if-none-match"], FIXTURE_ETAG);
    } finally {
      await small.close();
    }
  });

  it("gives hosts(n) distinct ports on 127.0.0.1 that all serve the fixtures", async () => {
    const multi = await startFeedServer({ listeners: 2 });
    try {
      assert.equal(multi.origins.length, 2);
      const origins = await multi.hosts(3);
      assert.equal(new Set(origins).size, 3);
      assert.deepEqual(origins, multi.origins);
      for (const origin of origins) {
        assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
        const body = await (await fetch(`${origin}/fixtures/rss.xml`)).text();
        assert.ok(body.includes(`<link>${origin}/fixtures/articles/rss-1.html</link>`), origin);
      }
      assert.deepEqual(new Set(multi.requests.map((r) => r.origin)), new Set(origins));
    } finally {
      await multi.close();
    }
  });

  it("sends slow.xml a byte a second, and closes promptly while it is being read", async () => {
    const slow = await startFeedServer();
    const res = await fetch(`${slow.url}/fixtures/slow.xml`);
    assert.equal(res.status, 200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    assert.equal(Buffer.from(first.value as Uint8Array).toString(), "<");
    const reading = reader.read();
    const started = Date.now();
    await slow.close();
    assert.ok(Date.now() - started < 500, `closed in ${Date.now() - started} ms`);
    await assert.rejects(reading);
  });
});

describe("corpus mode", () => {
  const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} says the Union is strong & <growing>.`).join(" ");
  const corpus = {
    perFeed: 3,
    publications: [
      {
        name: "The Federalist Record",
        slug: "federalist",
        articles: [
          { title: "Address of 1790", content: "Fellow citizens of the Senate.\n\nI embrace with great satisfaction the opportunity.", publishedAt: "1790-01-08T12:00:00Z" },
          { title: "Address of 1791", content: long, publishedAt: "1791-10-25T12:00:00Z" },
          { title: "Address of 1792", content: "Third.", publishedAt: "1792-11-06T12:00:00Z" },
          { title: "Address of 1793", content: "Fourth.", publishedAt: "1793-12-03T12:00:00Z" },
          { title: "Address of 1794 <draft>", content: "Fifth." },
        ],
      },
      { name: "The Republican Gazette", slug: "republican", articles: [{ title: "Only one", content: "One." }] },
    ],
  };
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer({ corpus });
  });
  after(() => server.close());

  const feed = async (slug: string) => {
    const res = await fetch(`${server.url}${corpusFeedPath(slug)}`);
    assert.equal(res.headers.get("content-type"), "application/rss+xml; charset=utf-8");
    return res.text();
  };

  it("releases articles round by round, each feed listing the newest perFeed, newest first", async () => {
    assert.deepEqual(server.released(), { federalist: 0, republican: 0 });
    assert.deepEqual(entries(await feed("federalist")), []);
    assert.equal((await fetch(`${server.url}${corpusArticlePath("federalist", 0)}`)).status, 404, "not released yet");

    assert.deepEqual(server.release(2), { federalist: 2, republican: 1 });
    const two = await feed("federalist");
    assert.deepEqual(entries(two), [1, 0].map((i) => `${server.url}${corpusArticlePath("federalist", i)}`));
    assert.match(two, /<pubDate>Tue, 25 Oct 1791 12:00:00 GMT<\/pubDate>/);

    server.release(3);
    assert.deepEqual(server.released(), { federalist: 5, republican: 1 });
    const newest = await feed("federalist");
    assert.deepEqual(entries(newest), [4, 3, 2].map((i) => `${server.url}${corpusArticlePath("federalist", i)}`));
    assert.match(newest, /<title>Address of 1794 &lt;draft&gt;<\/title>\s*<link>[^<]*<\/link>\s*<guid[^>]*>federalist-4<\/guid>\s*<pubDate>\w{3}, /, "a release time when publishedAt is absent");
    assert.deepEqual(entries(await feed("republican")), [`${server.url}${corpusArticlePath("republican", 0)}`]);
  });

  it("serves released pages with the text as escaped paragraphs", async () => {
    const res = await fetch(`${server.url}${corpusArticlePath("federalist", 0)}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await res.text();
    assert.match(html, /<p>Fellow citizens of the Senate.<\/p>\n<p>I embrace with great satisfaction the opportunity.<\/p>/);
    assert.match(html, /<title>Address of 1790 \| The Federalist Record<\/title>/);
    const split = await (await fetch(`${server.url}${corpusArticlePath("federalist", 1)}`)).text();
    const paragraphs = paragraphsOf(long);
    assert.ok(paragraphs.length > 1);
    for (const p of paragraphs) assert.ok(split.includes(`<p>${escapeHtml(p)}</p>`));
    assert.ok(!split.includes("<growing>"));
    assert.equal((await fetch(`${server.url}/corpus/nobody/feed.xml`)).status, 404);
    assert.equal((await fetch(`${server.url}/corpus/federalist/articles/99.html`)).status, 404);
  });

  it("splits text on blank lines, and long blocks into whole sentences", () => {
    assert.deepEqual(paragraphsOf("One  two.\n\n\n  Three\nfour.  \n \nFive."), ["One two.", "Three four.", "Five."]);
    const paragraphs = paragraphsOf(long);
    assert.equal(paragraphs.join(" "), long);
    for (const p of paragraphs) assert.match(p, /^Sentence number \d+ .*<growing>\.$/);
  });

  it("refuses bad slugs, and release() without a corpus", async () => {
    await assert.rejects(startFeedServer({ corpus: { perFeed: 1, publications: [{ name: "x", slug: "Bad Slug", articles: [] }] } }), /slug/);
    const plain = await startFeedServer();
    try {
      assert.throws(() => plain.release(1), /without a corpus/);
      assert.equal((await fetch(`${plain.url}/corpus/federalist/feed.xml`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
