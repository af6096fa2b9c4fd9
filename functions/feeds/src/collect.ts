// One poll of one source: fetch the feed (conditionally), parse it, keep the
// items not collected yet, fetch each article page (robots.txt permitting)
// and take its text, and hand the posts to the same validation and Pub/Sub
// path as a POST. Every effect is injected, so this runs in unit tests; what
// it returns is the source document's update, written only while the poller
// still holds the lease.
import type { DateBounds } from "@newsroom/core/dates";
import { publishedAtProblem } from "@newsroom/core/dates";
import { NEVER_MS, SOURCE_LIMITS, type SourceDoc } from "@newsroom/core/firestore-schema";
import { sha1Hex } from "@newsroom/core/keys";
import { POST_LIMITS, type Post } from "@newsroom/core/post";
import { validatePosts } from "@newsroom/core/post-validation";
import { extractArticle, htmlToText } from "./article-text.js";
import { FEED_ACCEPT, PAGE_ACCEPT } from "./defaults.js";
import { FetchError, type Fetch } from "./fetch.js";
import { addItems } from "./health.js";
import { FeedParseError, parseFeed } from "./parse.js";
import type { HostQueue } from "./politeness.js";
import { failureDelayMs, nextIntervalMs, retryAfterMs, type IntervalLimits } from "./schedule.js";
import type { FeedItem, FetchResult, ParsedFeed } from "./types.js";
import { normaliseUrl, postIdForUrl, sameSite } from "./url.js";

export interface CollectLimits {
  intervals: IntervalLimits;
  /** New items collected per poll at most; the rest wait for the next poll, which comes at the shortest interval. */
  itemsPerPoll: number;
  /** Child sitemaps of a sitemap index read per poll (the newest). */
  childSitemaps: number;
  feedBytes: number;
  pageBytes: number;
  /** A page whose article text is shorter than this gives way to the feed's own content. */
  minTextChars: number;
  /** Fetch article pages at all (off: the feed's content only). */
  fetchPages: boolean;
  /** Time one poll may spend on pages; items not reached wait for the next poll. */
  pollBudgetMs: number;
}


/** Items of a source considered per poll, newest first (half of what it remembers: SOURCE_LIMITS.seenIds). */
export const WINDOW_ITEMS = SOURCE_LIMITS.seenIds / 2;

export interface CollectDeps {
  fetch: Fetch;
  robots: { allowed(url: string): Promise<boolean> };
  hosts: HostQueue;
  /** Which of these post ids the publication has counted already (their articles exist). */
  collected(pubKey: string, postIds: readonly string[]): Promise<Set<string>>;
  /** Publishes validated posts; resolves once Pub/Sub confirmed them all. */
  publish(posts: readonly Post[]): Promise<void>;
  dateBounds: DateBounds;
  now(): Date;
  limits: CollectLimits;
}

/** What a poll needs of its source's document. */
export type SourceSnapshot = Pick<
  SourceDoc<Date>,
  "publication" | "pubKey" | "url" | "etag" | "lastModified" | "intervalMs" | "consecutiveFailures" | "days" | "itemsTotal" | "seen"
> & { id: string };

/** The source document's changes after a poll (undefined: remove the field). */
export type SourceUpdate = { [K in keyof SourceDoc<Date>]?: SourceDoc<Date>[K] | undefined };

export interface CollectResult {
  update: SourceUpdate;
  /** Posts handed to Pub/Sub. */
  published: number;
  /** Items left out, and why (a count per reason). */
  skipped: Record<string, number>;
  /** Why the poll failed, when it did. */
  error?: string;
}

/** Polls one source. Never throws for anything a feed or site does; a failure is in the result. */
export async function collectSource(source: SourceSnapshot, deps: CollectDeps): Promise<CollectResult> {
  const now = deps.now();
  let feed: FetchResult;
  try {
    feed = await deps.hosts.run(source.url, () =>
      deps.fetch(source.url, { accept: FEED_ACCEPT, maxBytes: deps.limits.feedBytes, ...(source.etag ? { etag: source.etag } : {}), ...(source.lastModified ? { lastModified: source.lastModified } : {}) }),
    );
  } catch (err) {
    return failed(source, deps, now, describe(err));
  }

  const base: SourceUpdate = { lastPollAt: now, lastStatus: feed.status };
  if (feed.status === 304) return succeeded(source, deps, now, { ...base }, { published: 0, pending: 0, skipped: {} });
  if (feed.status === 410) {
    return { update: { ...base, state: "gone", nextPollAtMs: NEVER_MS, lastError: "the feed answered 410 Gone: no longer polled (resume it to try again)" }, published: 0, skipped: {}, error: "410 Gone" };
  }
  if (feed.status === 429 || feed.status === 503) {
    const wait = retryAfterMs(feed.headers["retry-after"], now.getTime());
    return failed(source, deps, now, `HTTP ${feed.status}${wait !== undefined ? ` (Retry-After ${Math.round(wait / 1000)} s)` : ""}`, { ...base, waitMs: wait });
  }
  if (feed.status < 200 || feed.status > 299) return failed(source, deps, now, `HTTP ${feed.status}`, base);

  let parsed: ParsedFeed;
  try {
    parsed = parseFeed(feed.body, feed.url);
  } catch (err) {
    return failed(source, deps, now, describe(err), base);
  }
  const described: SourceUpdate = {
    kind: parsed.kind,
    ...(parsed.title ? { title: oneLine(parsed.title).slice(0, SOURCE_LIMITS.titleChars) } : {}),
    ...(feed.movedTo !== undefined ? { url: feed.movedTo } : {}),
  };

  const skipped: Record<string, number> = {};
  const items = parsed.kind === "sitemap-index" ? await childItems(parsed, deps, skipped) : parsed.items;
  const outcome = await collectItems(source, items, deps, now, skipped);
  // No validators for the next poll while items are owed (a 304 would skip them), nor for a sitemap
  // index (its file rarely changes when its children do): the next poll then reads the whole document.
  const owed = "error" in outcome || outcome.pending > 0 || parsed.kind === "sitemap-index";
  const validators: SourceUpdate = owed
    ? { etag: undefined, lastModified: undefined }
    : { etag: clip(feed.headers["etag"], 500), lastModified: clip(feed.headers["last-modified"], 100) };
  if ("error" in outcome) return failed(source, deps, now, outcome.error, { ...base, ...described, ...validators });
  return succeeded(source, deps, now, { ...base, ...described, ...validators, seen: outcome.seen }, outcome);
}

/** The items of a sitemap index's newest child sitemaps (each fetched politely, a failing one skipped). */
async function childItems(index: ParsedFeed, deps: CollectDeps, skipped: Record<string, number>): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  for (const url of index.sitemaps.slice(0, deps.limits.childSitemaps)) {
    try {
      const child = await deps.hosts.run(url, () => deps.fetch(url, { accept: FEED_ACCEPT, maxBytes: deps.limits.feedBytes }));
      if (child.status !== 200) throw new Error(`HTTP ${child.status}`);
      const parsed = parseFeed(child.body, child.url);
      if (parsed.kind === "sitemap-index") throw new Error("a sitemap index inside a sitemap index");
      items.push(...parsed.items);
    } catch {
      count(skipped, "child sitemap failed");
    }
  }
  return items;
}

type Collected = { published: number; pending: number; skipped: Record<string, number>; seen: string[] } | { error: string };

async function collectItems(source: SourceSnapshot, items: readonly FeedItem[], deps: CollectDeps, now: Date, skipped: Record<string, number>): Promise<Collected> {
  // One candidate per normalised URL, newest first where the feed dates them, and only the newest
  // WINDOW_ITEMS: the source remembers twice that many, so what it sent stays remembered while listed.
  const byId = new Map<string, { item: FeedItem; url: string; id: string }>();
  for (const item of items) {
    const url = normaliseUrl(item.url);
    if (url === undefined) {
      count(skipped, "not an http(s) URL");
      continue;
    }
    const id = postIdForUrl(url);
    if (!byId.has(id)) byId.set(id, { item, url, id });
  }
  const seen = new Set(source.seen);
  const window = [...byId.values()].sort((a, b) => timeOf(b.item.published) - timeOf(a.item.published)).slice(0, WINDOW_ITEMS);
  const unseen = window.filter((c) => !seen.has(seenKey(c.id)));
  // Bounded reads: the newest few times a poll's worth are looked up; the rest wait, as pending.
  const fresh = unseen.slice(0, deps.limits.itemsPerPoll * 4);
  const already = fresh.length > 0 ? await deps.collected(source.pubKey, fresh.map((c) => c.id)) : new Set<string>();
  const newSeen: string[] = fresh.filter((c) => already.has(c.id)).map((c) => seenKey(c.id));
  const todo = fresh.filter((c) => !already.has(c.id));
  const batch = todo.slice(0, deps.limits.itemsPerPoll);

  const posts: Post[] = [];
  const deadline = now.getTime() + deps.limits.pollBudgetMs;
  let reached = 0;
  for (const candidate of batch) {
    if (deps.now().getTime() > deadline) break;
    reached++;
    const post = await postFor(source, candidate, deps, now, skipped);
    newSeen.push(seenKey(candidate.id));
    if (post) posts.push(post);
  }
  if (posts.length > 0) {
    try {
      await deps.publish(posts);
    } catch (err) {
      return { error: `Pub/Sub did not confirm the posts: ${describe(err)}` };
    }
  }
  return { published: posts.length, pending: unseen.length - fresh.length + todo.length - reached, skipped, seen: [...source.seen, ...newSeen].slice(-SOURCE_LIMITS.seenIds) };
}

/** The post for one item, through the same validation as a POST; undefined (and a reason counted) when it has no usable text. */
async function postFor(source: SourceSnapshot, c: { item: FeedItem; url: string; id: string }, deps: CollectDeps, now: Date, skipped: Record<string, number>): Promise<Post | undefined> {
  let url = c.url;
  let id = c.id;
  let text = "";
  // Feed titles may carry HTML or entities a feed escaped twice ("A &amp;amp; B" in CDATA).
  let title = c.item.title !== undefined ? htmlToText(c.item.title, POST_LIMITS.title) : undefined;
  if (deps.limits.fetchPages) {
    // Fetched as the feed lists it: normalising is for identity, and some servers answer only the URL as written.
    const page = await articlePage(c.item.url, deps, skipped);
    if (page) {
      // A page that names its canonical URL on the same site: that is the story's one URL.
      const canonical = page.canonical !== undefined && sameSite(page.canonical, c.url) ? normaliseUrl(page.canonical) : undefined;
      if (canonical !== undefined) {
        url = canonical;
        id = postIdForUrl(canonical);
      }
      if (page.text.length >= deps.limits.minTextChars) text = page.text;
      title ??= page.title;
    }
  }
  if (text === "" && c.item.content) text = htmlToText(c.item.content, POST_LIMITS.content);
  if (text.trim() === "") {
    count(skipped, "no text");
    return undefined;
  }
  const candidate: Record<string, unknown> = {
    publication: source.publication,
    content: text.slice(0, POST_LIMITS.content),
    url,
    id,
  };
  if (title && title.trim() !== "") candidate.title = title.trim().slice(0, POST_LIMITS.title);
  const published = publishedAt(c.item.published, now, deps.dateBounds);
  if (published !== undefined) candidate.publishedAt = published;
  const valid = validatePosts([candidate], { dates: deps.dateBounds, now });
  if (!valid.ok) {
    count(skipped, "invalid post");
    return undefined;
  }
  return valid.posts[0];
}

/** The page's article, or undefined when robots.txt forbids it or it cannot be fetched as HTML. */
async function articlePage(url: string, deps: CollectDeps, skipped: Record<string, number>) {
  try {
    if (!(await deps.robots.allowed(url))) {
      count(skipped, "page disallowed by robots.txt");
      return undefined;
    }
    const page = await deps.hosts.run(url, () => deps.fetch(url, { accept: PAGE_ACCEPT, maxBytes: deps.limits.pageBytes }));
    if (page.status !== 200 || !/html/i.test(page.headers["content-type"] ?? "text/html")) {
      count(skipped, "page not fetched");
      return undefined;
    }
    return extractArticle(page.body.toString("utf8"), page.url);
  } catch {
    count(skipped, "page not fetched");
    return undefined;
  }
}

/**
 * The feed's date as an ISO instant when it is a real date inside the bounds
 * every post's date is held to; otherwise undefined, and the post counts on
 * the day it is seen.
 */
export function publishedAt(raw: string | undefined, now: Date, bounds: DateBounds): string | undefined {
  if (raw === undefined) return undefined;
  const t = timeOf(raw);
  if (!Number.isFinite(t)) return undefined;
  const iso = new Date(t).toISOString();
  return publishedAtProblem(iso, now, bounds) === undefined ? iso : undefined;
}

function timeOf(raw: string | undefined): number {
  if (raw === undefined) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(raw.trim());
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

/** A post id as the source remembers it: short, fixed length. */
export const seenKey = (postId: string) => sha1Hex(postId).slice(0, 16);

function succeeded(source: SourceSnapshot, deps: CollectDeps, now: Date, update: SourceUpdate, outcome: { published: number; pending: number; skipped: Record<string, number> }): CollectResult {
  const intervalMs = nextIntervalMs(source.intervalMs > 0 ? source.intervalMs : undefined, outcome.published, deps.limits.intervals);
  // Items left for the next poll: come back soon, whatever the interval says.
  const wait = outcome.pending > 0 ? deps.limits.intervals.minMs : intervalMs;
  return {
    update: {
      ...update,
      intervalMs,
      nextPollAtMs: now.getTime() + wait,
      lastSuccessAt: now,
      consecutiveFailures: 0,
      lastError: undefined,
      days: addItems(source.days, now.toISOString().slice(0, 10), outcome.published),
      itemsTotal: source.itemsTotal + outcome.published,
    },
    published: outcome.published,
    skipped: outcome.skipped,
  };
}

function failed(source: SourceSnapshot, deps: CollectDeps, now: Date, error: string, extra: SourceUpdate & { waitMs?: number | undefined } = {}): CollectResult {
  const { waitMs, ...update } = extra;
  const failures = source.consecutiveFailures + 1;
  const wait = Math.max(failureDelayMs(failures, deps.limits.intervals), waitMs ?? 0);
  return {
    update: {
      lastPollAt: now,
      ...update,
      consecutiveFailures: failures,
      lastError: error.slice(0, SOURCE_LIMITS.errorChars),
      nextPollAtMs: now.getTime() + wait,
      // A quiet day still counts as a day of the source's health.
      days: addItems(source.days, now.toISOString().slice(0, 10), 0),
    },
    published: 0,
    skipped: {},
    error,
  };
}

function describe(err: unknown): string {
  if (err instanceof FetchError) return `${err.reason}: ${err.message}`;
  if (err instanceof FeedParseError) return `not a feed: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Text for one line of a listing: no control characters (a title could carry terminal escapes). */
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, " ").trim();

/** A header value as stored: dropped, not cut, when longer (a cut validator would never match). */
function clip(value: string | undefined, chars: number): string | undefined {
  return value === undefined || value.length > chars ? undefined : value;
}

function count(tally: Record<string, number>, reason: string): void {
  tally[reason] = (tally[reason] ?? 0) + 1;
}
