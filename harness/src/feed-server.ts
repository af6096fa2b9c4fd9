// A feed and article server on loopback for the feed poller's tests, the
// benchmark and the demo. It never binds anything but a loopback address and
// never makes a request of its own.
//
//   /robots.txt                      disallows /fixtures/private/ for every agent
//   /fixtures/...                    the fixtures of feed-fixtures.ts (FIXTURES lists them with what a poller should do)
//   /fixtures/articles/NAME.html     the fixture articles' pages (ARTICLES)
//   /corpus/{slug}/feed.xml          corpus mode: RSS of the publication's newest released articles
//   /corpus/{slug}/articles/{i}.html corpus mode: article i (0-based index into the publication's articles), once released
//
// Absolute links in documents are built from the request's Host header (when it
// looks like a host), else from the listener's origin, so a test may reach the
// server under any name its resolver maps to 127.0.0.1.
import http from "node:http";
import type { Socket } from "node:net";
import { Readable, pipeline } from "node:stream";
import zlib from "node:zlib";
import { portOf } from "./net.ts";
import {
  BOMB_INFLATED_BYTES,
  FIXTURE_ETAG,
  FIXTURE_LAST_MODIFIED,
  HUGE_BYTES,
  internalRedirect,
  ROBOTS_TXT,
  articlePage,
  escapeXml,
  fixtureArticlePage,
  fixtureDocument,
  rssDocument,
  type RelatedLink,
} from "./feed-fixtures.ts";

export { ARTICLES, FIXTURES, BOMB_INFLATED_BYTES, HUGE_BYTES, FIXTURE_ETAG, FIXTURE_LAST_MODIFIED, LEAKED_PATH } from "./feed-fixtures.ts";
export type { Fixture, FixtureArticle, FixtureExpect, FixtureKind } from "./feed-fixtures.ts";

export interface CorpusArticle {
  title: string;
  /** Plain text; paragraphs split on blank lines, long blocks into groups of sentences (paragraphsOf). */
  content: string;
  /** ISO 8601; the feed's pubDate (when absent, the time the article was released). */
  publishedAt?: string;
}

export interface CorpusPublication {
  name: string;
  /** [a-z0-9-]+, unique: the path segment of its feed and pages. */
  slug: string;
  /** In release order: release(n) makes the next n of them public. */
  articles: CorpusArticle[];
}

export interface CorpusFeeds {
  publications: CorpusPublication[];
  /** How many of the newest released articles each feed lists. */
  perFeed: number;
}

export interface RequestLog {
  method: string;
  /** Path and query as requested. */
  path: string;
  /** The listener that took it. */
  origin: string;
  headers: { "user-agent"?: string; "if-none-match"?: string; "if-modified-since"?: string; "accept-encoding"?: string; host?: string };
  /** Date.now() when it arrived. */
  time: number;
  /** Set once the answer's head is written. */
  status?: number;
}

export interface FeedServerOptions {
  /** A loopback address: 127.x.y.z or ::1. Default 127.0.0.1. */
  host?: string;
  /** Port of the first listener; 0 (the default) lets the OS pick. Further listeners always get OS-picked ports. */
  port?: number;
  /** How many listeners (distinct ports, the same handler) to start. Default 1. */
  listeners?: number;
  corpus?: CorpusFeeds;
  /** How many requests `requests` keeps (the newest). Default 10,000. */
  logLimit?: number;
}

export interface FeedServer {
  /** The first listener's origin, http://127.0.0.1:PORT. */
  url: string;
  /** One origin per listener, url first; hosts(n) adds to it. */
  origins: string[];
  /** The newest requests (up to logLimit), oldest first. Clear it with `requests.length = 0`. */
  requests: RequestLog[];
  /** n origins with distinct ports, starting listeners until there are n. */
  hosts(n: number): Promise<string[]>;
  /** Corpus mode: makes the next n articles (default 1) of every publication public; returns released(). */
  release(n?: number): Record<string, number>;
  /** Corpus mode: how many articles of each publication (by slug) are public. */
  released(): Record<string, number>;
  /** Stops every listener, ends every open connection (slow.xml included) and stops every timer; resolves when all are closed. */
  close(): Promise<void>;
}

/** A corpus feed's path. */
export const corpusFeedPath = (slug: string) => `/corpus/${slug}/feed.xml`;
/** A corpus article's path; `index` is its position in the publication's `articles`. */
export const corpusArticlePath = (slug: string, index: number) => `/corpus/${slug}/articles/${index}.html`;

const DEFAULT_LOG_LIMIT = 10_000;
const RSS = "application/rss+xml; charset=utf-8";
const HTML = "text/html; charset=utf-8";
const TEXT = "text/plain; charset=utf-8";

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new Error(`the feed server listens on loopback only, not on ${host}`);
  const logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
  const corpus = options.corpus ? new Corpus(options.corpus) : undefined;
  const servers: http.Server[] = [];
  const origins: string[] = [];
  const requests: RequestLog[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closing: Promise<void> | undefined;

  const listen = async (port: number) => {
    const server = http.createServer();
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const origin = `http://${host.includes(":") ? `[${host}]` : host}:${portOf(server)}`;
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      const entry: RequestLog = { method: req.method ?? "", path: req.url ?? "", origin, headers: pickHeaders(req), time: Date.now() };
      requests.push(entry);
      if (requests.length > logLimit) requests.splice(0, requests.length - logLimit);
      try {
        handle({ req, res, origin: linkOrigin(req, origin), entry, corpus, timers });
      } catch (error) {
        if (!res.headersSent) send(res, entry, 500, TEXT, `feed server: ${(error as Error).message}\n`);
        else res.destroy();
      }
    });
    servers.push(server);
    origins.push(origin);
  };

  const count = Math.max(1, options.listeners ?? 1);
  try {
    for (let i = 0; i < count; i++) await listen(i === 0 ? (options.port ?? 0) : 0);
  } catch (error) {
    for (const s of servers) s.close();
    throw error;
  }

  return {
    url: origins[0] as string,
    origins,
    requests,
    async hosts(n) {
      if (closing) throw new Error("the feed server is closed");
      while (origins.length < n) await listen(0);
      return origins.slice(0, n);
    },
    release(n = 1) {
      if (!corpus) throw new Error("release(): the feed server was started without a corpus");
      corpus.release(n);
      return corpus.released();
    },
    released() {
      if (!corpus) throw new Error("released(): the feed server was started without a corpus");
      return corpus.released();
    },
    close() {
      closing ??= (async () => {
        for (const t of timers) clearInterval(t);
        timers.clear();
        const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
        for (const s of servers) s.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await Promise.all(closed);
      })();
      return closing;
    },
  };
}

/** 127.0.0.0/8 or ::1. */
function isLoopback(host: string): boolean {
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255);
  return host === "::1";
}

function pickHeaders(req: http.IncomingMessage): RequestLog["headers"] {
  const headers: RequestLog["headers"] = {};
  for (const name of ["user-agent", "if-none-match", "if-modified-since", "accept-encoding", "host"] as const) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return headers;
}

/** The origin absolute links are built on: the Host the client asked for when it is a plain host[:port], else the listener's. */
function linkOrigin(req: http.IncomingMessage, listener: string): string {
  const host = req.headers.host;
  return host && /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host) ? `http://${host}` : listener;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** Where absolute links point. */
  origin: string;
  entry: RequestLog;
  corpus: Corpus | undefined;
  timers: Set<NodeJS.Timeout>;
}

function head(res: http.ServerResponse, entry: RequestLog, status: number, headers: http.OutgoingHttpHeaders): void {
  entry.status = status;
  res.writeHead(status, headers);
}

function send(res: http.ServerResponse, entry: RequestLog, status: number, contentType: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): void {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  head(res, entry, status, { "content-type": contentType, "content-length": bytes.length, ...headers });
  res.end(bytes);
}

function redirect(ex: Exchange, status: number, location: string): void {
  send(ex.res, ex.entry, status, TEXT, `moved to ${location}\n`, { location });
}

function handle(ex: Exchange): void {
  const { req, res, entry } = ex;
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, entry, 405, TEXT, "GET or HEAD only\n", { allow: "GET, HEAD" });
  let path: string;
  try {
    path = new URL(req.url ?? "/", "http://loopback").pathname;
  } catch {
    return send(res, entry, 400, TEXT, "bad request target\n");
  }
  if (path === "/robots.txt") return send(res, entry, 200, TEXT, ROBOTS_TXT);
  if (path.startsWith("/fixtures/")) return fixtures(ex, path);
  if (path.startsWith("/corpus/") && ex.corpus) return ex.corpus.serve(ex, path);
  send(res, entry, 404, TEXT, "not found\n");
}

function fixtures(ex: Exchange, path: string): void {
  const { req, res, entry, origin } = ex;
  switch (path) {
    case "/fixtures/etag.xml": {
      const validators = { etag: FIXTURE_ETAG, "last-modified": FIXTURE_LAST_MODIFIED };
      if (notModified(req)) {
        head(res, entry, 304, validators);
        return void res.end();
      }
      const doc = fixtureDocument(path, origin);
      return send(res, entry, 200, doc?.contentType ?? RSS, doc?.body ?? "", validators);
    }
    case "/fixtures/gone.xml":
      return send(res, entry, 410, TEXT, "This feed has been discontinued.\n");
    case "/fixtures/moved.xml":
      return redirect(ex, 301, "/fixtures/rss.xml");
    case "/fixtures/temp-moved.xml":
      return redirect(ex, 302, "/fixtures/atom.xml");
    case "/fixtures/busy.xml":
      return send(res, entry, 429, TEXT, "Too many requests: try again later.\n", { "retry-after": "120" });
    case "/fixtures/slow.xml":
      return slow(ex);
    case "/fixtures/huge.xml":
      return huge(ex);
    case "/fixtures/bomb.xml":
      return send(res, entry, 200, RSS, bombBody(), { "content-encoding": "gzip" });
  }
  const internal = internalRedirect(path, new URL(ex.origin).port);
  if (internal) return redirect(ex, 302, internal);
  const doc = fixtureDocument(path, origin);
  if (doc) return send(res, entry, 200, doc.contentType, doc.body);
  if (path.startsWith("/fixtures/articles/") || path.startsWith("/fixtures/private/")) {
    const page = fixtureArticlePage(path.length > 1 ? path.replace(/\/+$/, "") : path, origin);
    if (page) return send(res, entry, 200, HTML, page);
  }
  send(res, entry, 404, TEXT, "not found\n");
}

/** If-None-Match decides when present (a list, weak or strong, or *); else If-Modified-Since at or after Last-Modified. */
function notModified(req: http.IncomingMessage): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    return inm.split(",").some((tag) => {
      const t = tag.trim();
      return t === "*" || t.replace(/^W\//, "") === FIXTURE_ETAG;
    });
  }
  const ims = req.headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && since >= Date.parse(FIXTURE_LAST_MODIFIED);
}

const SLOW_TEXT = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>The Loopback Gazette: eventually</title>\n';

/** The head at once, then one byte a second until the client goes or the server closes. */
function slow({ req, res, entry, timers }: Exchange): void {
  head(res, entry, 200, { "content-type": RSS, "cache-control": "no-store" });
  if (req.method === "HEAD") return void res.end();
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    res.write(sent < SLOW_TEXT.length ? SLOW_TEXT.charAt(sent) : " ");
    sent++;
  }, 1000);
  timers.add(timer);
  res.once("close", () => {
    clearInterval(timer);
    timers.delete(timer);
  });
}

/** HUGE_BYTES of valid RSS (filler items, whitespace to make up the size), generated as it is sent. */
function huge({ req, res, entry, origin }: Exchange): void {
  head(res, entry, 200, { "content-type": RSS, "content-length": HUGE_BYTES });
  if (req.method === "HEAD") return void res.end();
  pipeline(Readable.from(hugeChunks(origin)), res, () => {});
}

function* hugeChunks(origin: string): Generator<Buffer> {
  const start = Buffer.from(rssDocument({ title: "The Loopback Gazette: everything", link: `${origin}/fixtures/`, description: "Every story we have ever published" }, []).replace(/<\/channel>\s*<\/rss>\s*$/, ""));
  const end = Buffer.from("</channel>\n</rss>\n");
  const filler = "Filler text for the size test. ".repeat(24);
  const item = (i: number) => {
    const n = String(i).padStart(8, "0");
    return `<item><title>Filler item ${n}</title><link>${escapeXml(origin)}/fixtures/articles/filler-${n}.html</link><guid isPermaLink="false">filler-${n}</guid><description>${filler}</description></item>\n`;
  };
  const itemBytes = Buffer.byteLength(item(0));
  const items = Math.floor((HUGE_BYTES - start.length - end.length) / itemBytes);
  const padding = HUGE_BYTES - start.length - end.length - items * itemBytes;
  yield start;
  const perChunk = Math.max(1, Math.floor(65536 / itemBytes));
  for (let i = 0; i < items; i += perChunk) {
    let chunk = "";
    for (let j = i; j < Math.min(items, i + perChunk); j++) chunk += item(j);
    yield Buffer.from(chunk);
  }
  yield Buffer.alloc(padding, "\n");
  yield end;
}

let bomb: Buffer | undefined;

/** About 1 MB of gzip: 1,024 members (concatenated gzip members are one legal gzip body), each inflating to 1 MiB, the first starting an RSS document. */
export function bombBody(): Buffer {
  if (bomb) return bomb;
  const size = 1024 * 1024;
  const first = Buffer.alloc(size, " ");
  first.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>');
  const member = zlib.gzipSync(Buffer.alloc(size, " "), { level: 9 });
  const members = [zlib.gzipSync(first, { level: 9 })];
  for (let i = 1; i < BOMB_INFLATED_BYTES / size; i++) members.push(member);
  bomb = Buffer.concat(members);
  return bomb;
}

/**
 * Plain text as paragraphs: split on blank lines; a block longer than 1,200
 * characters (text without blank lines) is split into groups of whole
 * sentences of about 600 characters. Whitespace inside a paragraph collapses.
 */
export function paragraphsOf(content: string): string[] {
  const out: string[] = [];
  for (const block of content.split(/\n\s*\n/)) {
    const text = block.replace(/\s+/g, " ").trim();
    if (!text) continue;
    if (text.length <= 1200) {
      out.push(text);
      continue;
    }
    let paragraph = "";
    for (const sentence of text.split(/(?<=[.!?]["'”’)]?)\s+(?=["'“‘(]?[A-Z0-9])/)) {
      paragraph = paragraph ? `${paragraph} ${sentence}` : sentence;
      if (paragraph.length >= 600) {
        out.push(paragraph);
        paragraph = "";
      }
    }
    if (paragraph) out.push(paragraph);
  }
  return out;
}

class Corpus {
  private readonly feeds: CorpusFeeds;
  private readonly bySlug = new Map<string, { publication: CorpusPublication; releasedAt: number[] }>();

  constructor(feeds: CorpusFeeds) {
    if (!Number.isInteger(feeds.perFeed) || feeds.perFeed < 1) throw new Error(`corpus perFeed must be a positive whole number, got ${feeds.perFeed}`);
    for (const publication of feeds.publications) {
      if (!/^[a-z0-9-]+$/.test(publication.slug)) throw new Error(`corpus slug "${publication.slug}" must be [a-z0-9-]+`);
      if (this.bySlug.has(publication.slug)) throw new Error(`corpus slug "${publication.slug}" appears twice`);
      this.bySlug.set(publication.slug, { publication, releasedAt: [] });
    }
    this.feeds = feeds;
  }

  release(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`release(n): n must be a whole number, got ${n}`);
    const now = Date.now();
    for (const { publication, releasedAt } of this.bySlug.values()) {
      const upTo = Math.min(publication.articles.length, releasedAt.length + n);
      while (releasedAt.length < upTo) releasedAt.push(now);
    }
  }

  released(): Record<string, number> {
    return Object.fromEntries([...this.bySlug].map(([slug, { releasedAt }]) => [slug, releasedAt.length]));
  }

  serve(ex: Exchange, path: string): void {
    const { res, entry, origin } = ex;
    const m = /^\/corpus\/([a-z0-9-]+)\/(?:(feed\.xml)|articles\/(\d{1,9})\.html)$/.exec(path);
    const pub = m ? this.bySlug.get(m[1] as string) : undefined;
    if (!m || !pub) return send(res, entry, 404, TEXT, "not found\n");
    const { publication, releasedAt } = pub;
    const published = (i: number) => publication.articles[i]?.publishedAt ?? new Date(releasedAt[i] as number).toISOString();
    if (m[2]) {
      const newest: number[] = [];
      for (let i = releasedAt.length - 1; i >= 0 && newest.length < this.feeds.perFeed; i--) newest.push(i);
      const body = rssDocument(
        { title: publication.name, link: `${origin}/corpus/${publication.slug}/`, self: `${origin}${corpusFeedPath(publication.slug)}`, description: `The latest from ${publication.name}` },
        newest.map((i) => {
          const a = publication.articles[i] as CorpusArticle;
          const date = new Date(published(i));
          return {
            title: a.title,
            link: `${origin}${corpusArticlePath(publication.slug, i)}`,
            guid: `${publication.slug}-${i}`,
            ...(Number.isNaN(date.getTime()) ? {} : { pubDate: date.toUTCString() }),
            description: summary(a.content),
          };
        }),
      );
      return send(res, entry, 200, RSS, body);
    }
    const index = Number(m[3]);
    if (index >= releasedAt.length) return send(res, entry, 404, TEXT, "not found\n");
    const a = publication.articles[index] as CorpusArticle;
    const related: RelatedLink[] = [];
    for (let i = releasedAt.length - 1; i >= 0 && related.length < 3; i--) {
      if (i !== index) related.push({ title: (publication.articles[i] as CorpusArticle).title, href: corpusArticlePath(publication.slug, i) });
    }
    const page = articlePage({ site: publication.name, title: a.title, paragraphs: paragraphsOf(a.content), published: published(index), canonical: `${origin}${corpusArticlePath(publication.slug, index)}`, related });
    send(res, entry, 200, HTML, page);
  }
}

/** The first paragraph, cut at a word to about 300 characters. */
function summary(content: string): string {
  const first = paragraphsOf(content)[0] ?? "";
  if (first.length <= 300) return first;
  const cut = first.slice(0, 300);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 200))}…`;
}
