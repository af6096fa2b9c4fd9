// Deploy-time options of the feed poller (Firebase params).
import { defineBoolean, defineInt } from "firebase-functions/params";

export const feedParams = {
  minIntervalMinutes: defineInt("FEEDS_MIN_INTERVAL_MINUTES", { default: 5, description: "Shortest time between two polls of one source (it finds new items every poll)" }),
  maxIntervalHours: defineInt("FEEDS_MAX_INTERVAL_HOURS", { default: 24, description: "Longest time between two polls of one source (it stays quiet), and the longest back-off of a failing one" }),
  hostDelayMs: defineInt("FEEDS_HOST_DELAY_MS", { default: 1_000, description: "Pause between two requests to one host (one at a time per host in any case)" }),
  sourcesPerRun: defineInt("FEEDS_SOURCES_PER_RUN", { default: 200, description: "Due sources one poller run takes at most (the rest the next minute)" }),
  parallelHosts: defineInt("FEEDS_PARALLEL_HOSTS", { default: 16, description: "Sources polled at once by one run (one host never more than once at a time)" }),
  itemsPerPoll: defineInt("FEEDS_ITEMS_PER_POLL", { default: 50, description: "New items collected from one source per poll; more wait for its next poll, soon after" }),
  minTextChars: defineInt("FEEDS_MIN_TEXT_CHARS", { default: 300, description: "An article page giving less text than this falls back to the feed's own content" }),
  fetchPages: defineBoolean("FEEDS_FETCH_PAGES", { default: true, description: "Fetch each new item's page for its text (false: the feed's content only)" }),
};

/** The scheduled poller's timeout, and its plan inside it: no source started after RUN_BUDGET, none polled longer than POLL_BUDGET (plus one fetch's timeout). */
export const POLLER_TIMEOUT_SECONDS = 300;
export const RUN_BUDGET_MS = 150_000;
export const POLL_BUDGET_MS = 90_000;
/** A source's lease outlasts the poller's timeout, so only a poller that died leaves one to expire. */
export const SOURCE_LEASE_MS = 360_000;
