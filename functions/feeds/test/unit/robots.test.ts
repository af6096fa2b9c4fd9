// robots.txt per origin over a fake Fetch: no network.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FetchError, type Fetch } from "../../src/fetch.js";
import { productToken, ROBOTS_MAX_BYTES, RobotsRules } from "../../src/robots.js";
import type { FetchOptions, FetchResult } from "../../src/types.js";

type Answer = Partial<FetchResult> | Error | (() => Promise<FetchResult>);

/** A Fetch answering robots.txt URLs from a table (a body string means 200), recording its calls. */
function fakeFetch(answers: Record<string, Answer | string>): Fetch & { calls: [string, FetchOptions | undefined][] } {
  const calls: [string, FetchOptions | undefined][] = [];
  const fetch = async (url: string, options?: FetchOptions): Promise<FetchResult> => {
    calls.push([url, options]);
    const answer = answers[url];
    if (answer === undefined) return { status: 404, url, headers: {}, body: Buffer.alloc(0) };
    if (typeof answer === "string") return { status: 200, url, headers: { "content-type": "text/plain" }, body: Buffer.from(answer) };
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer();
    return { status: 200, url, headers: {}, body: Buffer.alloc(0), ...answer };
  };
  return Object.assign(fetch, { calls });
}

const UA = "NewsroomBot/1.0 (+https://newsroom.example/bot)";

function rules(fetch: Fetch, extra: { ttlMs?: number; maxHosts?: number; now?: () => number } = {}) {
  return new RobotsRules({ fetch, userAgent: UA, ttlMs: extra.ttlMs ?? 60_000, maxHosts: extra.maxHosts ?? 100, ...(extra.now ? { now: extra.now } : {}) });
}

const ROBOTS = `# news site
User-agent: *
Disallow: /

User-agent: NewsroomBot
Disallow: /private/
Allow: /private/press-releases/
Disallow: /*.pdf$

User-agent: OtherBot
Allow: /
`;

describe("productToken", () => {
  it("is the User-Agent's first product name", () => {
    assert.equal(productToken(UA), "NewsroomBot");
    assert.equal(productToken("NewsroomBot"), "NewsroomBot");
    assert.equal(productToken("  NewsroomBot (+https://x.example)"), "NewsroomBot");
    assert.equal(productToken(""), "*");
  });
});

describe("RobotsRules", () => {
  it("fetches /robots.txt of the URL's origin with a 500 KiB cap and follows the group of the product token", async () => {
    const fetch = fakeFetch({ "https://news.example/robots.txt": ROBOTS });
    const robots = rules(fetch);
    assert.equal(await robots.allowed("https://news.example/"), true);
    assert.equal(await robots.allowed("https://news.example/2026/12/06/story.html?ref=rss#top"), true);
    assert.equal(await robots.allowed("https://news.example/private/budget"), false);
    assert.equal(await robots.allowed("https://news.example/private/press-releases/1"), true);
    assert.equal(await robots.allowed("https://news.example/report.pdf"), false);
    assert.deepEqual(fetch.calls.map(([url]) => url), ["https://news.example/robots.txt"]);
    assert.equal(fetch.calls[0]?.[1]?.maxBytes, ROBOTS_MAX_BYTES);
    assert.equal(ROBOTS_MAX_BYTES, 500 * 1024);
  });

  it("falls back to the * group when none names the crawler, and matches the token case-insensitively", async () => {
    const fetch = fakeFetch({
      "https://a.example/robots.txt": "User-agent: *\nDisallow: /search\n",
      "https://b.example/robots.txt": "User-agent: newsroombot\nDisallow: /drafts\n\nUser-agent: *\nDisallow: /\n",
    });
    const robots = rules(fetch);
    assert.equal(await robots.allowed("https://a.example/search?q=x"), false);
    assert.equal(await robots.allowed("https://a.example/story"), true);
    assert.equal(await robots.allowed("https://b.example/drafts/1"), false);
    assert.equal(await robots.allowed("https://b.example/story"), true);
  });

  it("allows everything when robots.txt is empty or unavailable (404, 410, 401, 403)", async () => {
    const fetch = fakeFetch({
      "https://empty.example/robots.txt": "",
      "https://gone.example/robots.txt": { status: 410 },
      "https://auth.example/robots.txt": { status: 401 },
      "https://forbidden.example/robots.txt": { status: 403 },
      "https://bom.example/robots.txt": "\ufeffUser-agent: *\r\nDisallow: /x\r\n",
    });
    const robots = rules(fetch);
    for (const host of ["missing", "empty", "gone", "auth", "forbidden"]) assert.equal(await robots.allowed(`https://${host}.example/any/page`), true, host);
    assert.equal(await robots.allowed("https://bom.example/x"), false, "a BOM and CRLF lines are read");
    assert.equal(await robots.allowed("https://bom.example/y"), true);
  });

  it("disallows everything when robots.txt is unreachable: 5xx, 429, a fetch failure (refused address, timeout, too large) or any error", async () => {
    const fetch = fakeFetch({
      "https://down.example/robots.txt": { status: 503, headers: { "retry-after": "60" } },
      "https://broken.example/robots.txt": { status: 500 },
      "https://busy.example/robots.txt": { status: 429 },
      "https://odd.example/robots.txt": { status: 301 },
      "https://internal.example/robots.txt": new FetchError("forbidden-address", "internal.example resolves to private address 10.0.0.5"),
      "https://dns.example/robots.txt": new FetchError("dns", "no such host"),
      "https://slow.example/robots.txt": new FetchError("timeout", "too slow"),
      "https://huge.example/robots.txt": new FetchError("too-large", "over the cap"),
      "https://bug.example/robots.txt": new TypeError("something else"),
    });
    const robots = rules(fetch);
    for (const host of ["down", "broken", "busy", "odd", "internal", "dns", "slow", "huge", "bug"]) assert.equal(await robots.allowed(`https://${host}.example/`), false, host);
  });

  it("applies a redirected robots.txt to the origin asked about", async () => {
    const fetch = fakeFetch({
      "http://news.example/robots.txt": { status: 200, url: "https://www.news.example/robots.txt", body: Buffer.from("User-agent: *\nDisallow: /admin\n") },
    });
    const robots = rules(fetch);
    assert.equal(await robots.allowed("http://news.example/admin/x"), false);
    assert.equal(await robots.allowed("http://news.example/story"), true);
  });

  it("keeps one robots.txt per origin: scheme, host and port each make another", async () => {
    const fetch = fakeFetch({
      "https://news.example/robots.txt": "User-agent: *\nDisallow: /a\n",
      "http://news.example/robots.txt": "User-agent: *\nDisallow: /b\n",
      "https://news.example:8443/robots.txt": "User-agent: *\nDisallow: /c\n",
    });
    const robots = rules(fetch);
    assert.equal(await robots.allowed("https://news.example/a"), false);
    assert.equal(await robots.allowed("https://NEWS.example:443/b"), true);
    assert.equal(await robots.allowed("http://news.example/b"), false);
    assert.equal(await robots.allowed("https://news.example:8443/c"), false);
    assert.equal(await robots.allowed("https://news.example:8443/a"), true);
    assert.deepEqual(fetch.calls.map(([url]) => url), ["https://news.example/robots.txt", "http://news.example/robots.txt", "https://news.example:8443/robots.txt"]);
  });

  it("fetches an origin's robots.txt once for concurrent questions", async () => {
    let release: (result: FetchResult) => void = () => {};
    const fetch = fakeFetch({
      "https://news.example/robots.txt": () => new Promise<FetchResult>((resolve) => (release = resolve)),
    });
    const robots = rules(fetch);
    const answers = Promise.all([robots.allowed("https://news.example/a"), robots.allowed("https://news.example/b"), robots.allowed("https://news.example/c")]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fetch.calls.length, 1);
    release({ status: 200, url: "https://news.example/robots.txt", headers: {}, body: Buffer.from("User-agent: *\nDisallow: /b\n") });
    assert.deepEqual(await answers, [true, false, true]);
    assert.equal(fetch.calls.length, 1);
  });

  it("asks again after the TTL, counted from when the answer came, and holds a failure until then", async () => {
    let now = 1_000_000;
    let status = 503;
    const fetch = fakeFetch({
      "https://news.example/robots.txt": async () => ({ status, url: "https://news.example/robots.txt", headers: {}, body: Buffer.from("User-agent: *\nDisallow: /x\n") }),
    });
    const robots = rules(fetch, { ttlMs: 60_000, now: () => now });
    assert.equal(await robots.allowed("https://news.example/story"), false);
    status = 200;
    now += 59_999;
    assert.equal(await robots.allowed("https://news.example/story"), false, "the failure holds until the TTL");
    assert.equal(fetch.calls.length, 1);
    now += 1;
    assert.equal(await robots.allowed("https://news.example/story"), true);
    assert.equal(await robots.allowed("https://news.example/x"), false);
    assert.equal(fetch.calls.length, 2);
    now += 30_000;
    await robots.allowed("https://news.example/story");
    assert.equal(fetch.calls.length, 2);
  });

  it("keeps at most maxHosts origins, forgetting the oldest", async () => {
    const fetch = fakeFetch({});
    const robots = rules(fetch, { maxHosts: 2 });
    await robots.allowed("https://a.example/");
    await robots.allowed("https://b.example/");
    await robots.allowed("https://a.example/again");
    assert.equal(fetch.calls.length, 2);
    await robots.allowed("https://c.example/"); // forgets a
    await robots.allowed("https://b.example/again");
    assert.equal(fetch.calls.length, 3);
    await robots.allowed("https://a.example/"); // fetched again, forgets b
    assert.equal(fetch.calls.length, 4);
    await robots.allowed("https://c.example/");
    assert.equal(fetch.calls.length, 4);
    assert.deepEqual(fetch.calls.map(([url]) => new URL(url).hostname), ["a.example", "b.example", "c.example", "a.example"]);
    assert.throws(() => rules(fetch, { maxHosts: 0 }), RangeError);
  });

  it("refuses a URL that is not http(s) without fetching anything", async () => {
    const fetch = fakeFetch({});
    const robots = rules(fetch);
    for (const url of ["not a url", "", "ftp://news.example/file", "file:///etc/passwd", "javascript:void(0)"]) assert.equal(await robots.allowed(url), false, url);
    assert.equal(fetch.calls.length, 0);
  });
});
