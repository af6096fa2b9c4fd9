// The shapes the feeds package's modules hand each other and their callers.
// Types only: each module owns its behaviour.

import type { SourceKind } from "@newsroom/core/firestore-schema";

/** What a feed or sitemap is, as found by parsing it (not by its URL or media type): what a source's kind records. */
export type FeedKind = SourceKind;

/** One entry of a feed or sitemap: an article to collect. */
export interface FeedItem {
  /** Absolute http(s) URL, resolved against the feed's URL (not yet normalised). */
  url: string;
  title?: string;
  /** The date as the feed wrote it (RFC 822, ISO 8601, ...), unchecked. */
  published?: string;
  /** The feed's own text for the item (HTML or plain), the fallback when the page yields too little. */
  content?: string;
}

export interface ParsedFeed {
  kind: FeedKind;
  title?: string;
  items: FeedItem[];
  /** A sitemap index's child sitemaps (absolute URLs), newest first where dated. */
  sitemaps: string[];
}

/** Why a fetch did not produce a usable answer: a short machine code and a sentence. */
export type FetchFailure =
  | "bad-url" // not http(s), or unparsable
  | "forbidden-address" // resolves to a private, loopback, link-local or metadata address
  | "dns" // the name did not resolve
  | "connect" // refused, reset, or the connect timed out
  | "timeout" // the whole answer took too long
  | "too-large" // body (after inflation) over the cap
  | "too-many-redirects"
  | "bad-encoding" // a compressed body that does not inflate
  | "robots"; // robots.txt disallows the URL

export interface FetchResult {
  /** Final HTTP status after redirects (200, 304, 404, 410, 429, 503, ...). */
  status: number;
  /** The URL that answered (after redirects). */
  url: string;
  /**
   * Set when every redirect on the way was permanent (301, 308): where the
   * requested URL now lives, so a stored feed URL can be updated.
   */
  movedTo?: string;
  /** Lower-case header names; the last value where repeated. */
  headers: Record<string, string>;
  /** The body, inflated, at most the cap; empty for 304 and HEAD. */
  body: Buffer;
}

export interface FetchOptions {
  /** Conditional GET validators from the last 200. */
  etag?: string;
  lastModified?: string;
  /** Overrides the fetcher's default body cap (after inflation), bytes. */
  maxBytes?: number;
  accept?: string;
}

/** A name's addresses, every one of them (A and AAAA). Injected in tests. */
export type Resolver = (hostname: string) => Promise<string[]>;
