// The outbound fetcher, from params: shared by the feed poller and the admin
// routes that check a source before adding it. Every address it connects to
// is public unless FEEDS_ALLOW_LOOPBACK (the local harnesses) allows loopback.
import { defineBoolean, defineInt, defineString } from "firebase-functions/params";
import { FETCH_DEFAULTS, userAgent } from "@newsroom/feeds/defaults";
import { createFetcher, type Fetch } from "@newsroom/feeds/fetch";

export const fetchParams = {
  allowLoopback: defineBoolean("FEEDS_ALLOW_LOOPBACK", {
    default: false,
    description: "Let the feed fetcher reach 127.0.0.0/8 and ::1 (local feed servers in the harnesses); private and link-local addresses stay refused",
  }),
  contactUrl: defineString("FEEDS_CONTACT_URL", {
    default: FETCH_DEFAULTS.contactUrl,
    description: "The URL the fetcher's User-Agent names, where a site's operator learns who polls them and how to reach you",
    input: { text: { validationRegex: "^https?://\\S+$", validationErrorMessage: "an http or https URL" } },
  }),
  connectTimeoutMs: defineInt("FEEDS_CONNECT_TIMEOUT_MS", { default: FETCH_DEFAULTS.connectTimeoutMs, description: "Time to connect to a feed's or page's server" }),
  fetchTimeoutMs: defineInt("FEEDS_FETCH_TIMEOUT_MS", { default: FETCH_DEFAULTS.fetchTimeoutMs, description: "Time for a whole answer, body included" }),
  maxFeedBytes: defineInt("FEEDS_MAX_FEED_BYTES", { default: FETCH_DEFAULTS.maxFeedBytes, description: "Bytes of a feed or sitemap read at most (after decompression); a larger one fails" }),
  maxPageBytes: defineInt("FEEDS_MAX_PAGE_BYTES", { default: FETCH_DEFAULTS.maxPageBytes, description: "Bytes of an article page read at most (after decompression); a larger one falls back to the feed's text" }),
};

export { userAgent };

let fetcher: Fetch | undefined;
/** One per instance (params have values only at run time). */
export function feedFetcher(): Fetch {
  return (fetcher ??= createFetcher({
    userAgent: userAgent(fetchParams.contactUrl.value()),
    allowLoopback: fetchParams.allowLoopback.value(),
    connectTimeoutMs: fetchParams.connectTimeoutMs.value(),
    totalTimeoutMs: fetchParams.fetchTimeoutMs.value(),
    maxBytes: fetchParams.maxFeedBytes.value(),
  }));
}
