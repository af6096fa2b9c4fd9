// Checking a URL once before it becomes a source: what it is, how many items
// it lists, the newest item's date; or why it cannot be a source.
import { FetchError, type Fetch } from "./fetch.js";
import { FeedParseError, parseFeed } from "./parse.js";
import { FEED_ACCEPT } from "./defaults.js";
import type { FeedKind } from "./types.js";
import { normaliseUrl } from "./url.js";

export type SourceCheck =
  | {
      ok: true;
      /** Where the feed lives: the URL as given, or where permanent redirects took it (fetched as is). */
      url: string;
      /** That URL normalised: the source's identity. */
      normalisedUrl: string;
      kind: FeedKind;
      title?: string;
      items: number;
      /** A sitemap index's child sitemaps. */
      sitemaps: number;
      /** The newest item's date (ISO), when the feed dates its items. */
      newest?: string;
    }
  | { ok: false; error: string };

export async function checkSource(fetch: Fetch, rawUrl: string, maxBytes: number): Promise<SourceCheck> {
  const url = rawUrl.trim();
  if (normaliseUrl(url) === undefined) return { ok: false, error: "not an http(s) URL" };
  try {
    const res = await fetch(url, { accept: FEED_ACCEPT, maxBytes });
    if (res.status !== 200) return { ok: false, error: `the URL answered HTTP ${res.status}` };
    const feed = parseFeed(res.body, res.url);
    const times = feed.items.map((i) => Date.parse(i.published ?? "")).filter(Number.isFinite);
    return {
      ok: true,
      url: res.movedTo ?? url,
      normalisedUrl: normaliseUrl(res.movedTo ?? url) ?? url,
      kind: feed.kind,
      ...(feed.title ? { title: feed.title.replace(/\p{Cc}+/gu, " ").trim() } : {}),
      items: feed.items.length,
      sitemaps: feed.sitemaps.length,
      ...(times.length > 0 ? { newest: new Date(Math.max(...times)).toISOString() } : {}),
    };
  } catch (err) {
    if (err instanceof FetchError) return { ok: false, error: `${err.reason}: ${err.message}` };
    if (err instanceof FeedParseError) return { ok: false, error: `not a feed or sitemap: ${err.message}` };
    throw err;
  }
}
