// Deploy-time configuration shared by more than one function: Firebase params
// (set per project in functions/.env.<project>, prompted on deploy) and secrets
// (Secret Manager in production, functions/.secret.local in the emulator).
import { dateBounds, DEFAULT_DATE_BOUNDS, type DateBounds } from "@newsroom/core/dates";
import { ROLLUP_DEFAULTS } from "@newsroom/core/pipeline-defaults";
import { defineInt, defineSecret, defineString } from "firebase-functions/params";

export const region = defineString("REGION", {
  default: "us-central1",
  description: "Region for every function in this codebase",
});

export const postsTopic = defineString("POSTS_TOPIC", {
  default: "posts",
  description: "Pub/Sub topic that carries batches of posts from ingest to processPosts",
});

export const ingestApiKey = defineSecret("INGEST_API_KEY");

export const trustedProxies = defineString("TRUSTED_PROXIES", {
  default: "",
  description:
    "Comma-separated address ranges (CIDR) of proxies in front of the functions, such as Firebase Hosting's CDN, whose X-Forwarded-For entries are believed when limiting per client address; empty: only Cloud Run's own front end",
});

export const rollupTopic = defineString("ROLLUP_TOPIC", {
  default: "rollup",
  description: "Pub/Sub topic of rollup ticks (processPosts sends one per window it wrote into)",
});

export const rollupWindowSeconds = defineInt("ROLLUP_WINDOW_SECONDS", {
  default: ROLLUP_DEFAULTS.windowSeconds,
  description: "Length of a rollup window: counts show within about this plus a few seconds, and each shared document is written once per window",
});

// Named for processPosts, which had it first; the rollup retries within the same budget.
export const firestoreRetryBudgetMs = defineInt("PROCESS_RETRY_BUDGET_MS", {
  default: 60_000,
  description: "Time spent retrying transient Firestore errors within one invocation before failing it (Pub/Sub then redelivers)",
});

// Read by ingest (a post outside them is a 400 problem) and processPosts (a
// message carrying one anyway quarantines that post): see @newsroom/core/dates.
export const publishedAtEarliest = defineString("PUBLISHED_AT_EARLIEST", {
  default: DEFAULT_DATE_BOUNDS.earliest,
  description: "The earliest day a post's publishedAt may name (YYYY-MM-DD, UTC); earlier posts are refused",
  // A bad value would fail every request and every message: refused when it is set instead.
  input: { text: { validationRegex: "^(1[0-9]|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", validationErrorMessage: "a day from 1000-01-01 to 2099-12-31, YYYY-MM-DD" } },
});

export const publishedAtAheadHours = defineInt("PUBLISHED_AT_AHEAD_HOURS", {
  default: DEFAULT_DATE_BOUNDS.aheadHours,
  description: "How many hours after its receipt a post's publishedAt may lie; later posts are refused",
});

/** The date bounds from params (call at run time). */
export const publishedAtBounds = (): DateBounds => dateBounds(publishedAtEarliest.value(), publishedAtAheadHours.value());
