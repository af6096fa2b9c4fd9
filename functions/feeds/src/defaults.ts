// The fetcher's defaults, once: the deployed params (functions/src/fetcher.ts)
// default to them, and the operator's CLI uses them as they are.

export const FETCH_DEFAULTS = {
  /** Where a site's operator learns who polls them (FEEDS_CONTACT_URL). */
  contactUrl: "https://github.com/newsroom-pipeline/newsroom",
  connectTimeoutMs: 5_000,
  fetchTimeoutMs: 20_000,
  maxFeedBytes: 5 * 1024 * 1024,
  maxPageBytes: 2 * 1024 * 1024,
} as const;

/** The User-Agent of every request: the project, and where to reach whoever runs it (robots.txt rules match "newsroom-feeds"). */
export const userAgent = (contactUrl: string) => `newsroom-feeds/1.0 (+${contactUrl})`;

/** What a feed request accepts, and an article page request. */
export const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
export const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
