// The Firestore layout: every collection, document id, document shape and
// lifetime, in one place. Every writer (processPosts, the rollup, migration)
// and reader (the read API, the dashboard, load-test verification) takes its
// paths and types from here. Pure; timestamps are a type parameter so the
// Admin SDK and the Web SDK can both use the shapes.
//
//   publications/{pubKey}                      PublicationDoc   totals, per year, per day of this year
//   publications/{pubKey}/years/{yyyy}         PublicationYearDoc  articles per day of other years
//   publications/{pubKey}/ents/{entityId}      EntityDoc        totals, per year, per day of this year
//   publications/{pubKey}/ents/{entityId}/years/{yyyy}  EntityYearDoc  per day of other years
//   global/totals                              GlobalTotalsDoc  all publications' articles: totals, per year, per day
//   global/totals/years/{yyyy}                 PublicationYearDoc  their articles per day of other years
//   entities/{entityId}                        EntityDoc        one entity over all publications (same ids as
//                                                               ents/): totals, per year, per day of this year
//   entities/{entityId}/years/{yyyy}           EntityYearDoc    its mentions and articles per day of other years
//   globalPending/{batchTo}.{n}                GlobalPendingDoc a rollup batch's counts over all publications,
//                                                               until folded into global/ and entities/
//   articles/{articleId}                       ArticleDoc       one per counted post; for a post with
//                                                               a client id also the record that it
//                                                               was counted (top level: creating one
//                                                               never touches a publication's path)
//   deltas/{deltaId}                           DeltaDoc         one message's counts, until rolled up
//   batches/{batchId}                          BatchDoc         a rollup batch: the deltas committed in
//                                                               (from, to], its plan, whether applied
//   batches/{batchId}/parts/{range}            (marker)         one applied rollup commit
//   windows/{windowEnd} (+ parts/{n})          WindowDoc        the batches of the code before plans v2, left by a deploy
//   rollup/state                               RollupStateDoc   where the last planned batch ends
//   rollup/status                              RollupStatusDoc  how far the counts are complete
//   quarantine/{id}                            QuarantineDoc    a poison message or one post that failed
//   keys/{keyId}                               ClientKeyDoc     an ingest key issued to a client, by the
//                                                               SHA-256 of the key (never the key itself)
//   sources/{sourceId}                         SourceDoc        a feed or sitemap the poller collects
//                                                               articles from, with its polling state
//                                                               and health
//   ledger/{id}, clientIds/{key}               legacy (before the rollup), read during the upgrade
import { clientIdKey, sha1Hex, sha256Hex, toDocumentId } from "./keys.js";

export const COLLECTIONS = {
  publications: "publications",
  ents: "ents",
  years: "years",
  articles: "articles",
  deltas: "deltas",
  batches: "batches",
  windows: "windows",
  parts: "parts",
  rollup: "rollup",
  quarantine: "quarantine",
  legacyLedger: "ledger",
  legacyClientIds: "clientIds",
  clientKeys: "keys",
  sources: "sources",
  global: "global",
  entities: "entities",
  globalPending: "globalPending",
} as const;

export type EntityType = "person" | "organization" | "place";

/** A calendar day in UTC, "YYYY-MM-DD". */
export type Day = string;

/** A calendar year, "YYYY" (four digits: dates are bounded, see dates.ts). */
export type Year = string;

export type DayCounts = { m: number; a: number };

// Daily series. A batch of the rollup writes the days of its own year (the
// year of its end, by Firestore's clock: live news) into the totals' document
// itself, `days`, in the same write as the totals, and every other day (an
// archive, a backfill, a post dated last December that arrives in January)
// into one document per year, years/{yyyy}, at most 366 days each. Early in
// each year the sweep moves the days of past years out of the totals'
// documents into their year documents (@newsroom/store/series-compaction;
// `inlineYears` says which are there), so no document grows with the span of
// the dates it counts, however long, while live news costs no write beyond
// the totals'.
// A day's count is its `days` entry plus its year document's. `yearly` holds
// each year's total (bounded by the date bounds): a whole history at a glance.

/** The series fields a totals' document carries, V per day and per year (see above). */
export interface SeriesFields<V> {
  /** Per year: the day of publishedAt, else of receipt. */
  yearly?: Record<Year, V>;
  /** Per day, for the days of the years in `inlineYears` (the rest: years/{yyyy}). */
  days?: Record<Day, V>;
  /** The years whose days `days` holds (until compaction moves them). */
  inlineYears?: number[];
  /** 2 once `yearly` was computed from every day (@newsroom/store/series-compaction); absent on documents the code before wrote. */
  seriesV?: number;
}

/** A year document (years/{yyyy}): V per day of that year, beyond its totals' document's own `days`. */
export interface YearDoc<V> {
  year: number;
  days: Record<Day, V>;
}

/** publications/{pub}: articles in all, and per year and day. */
export interface PublicationDoc<Time = unknown> extends SeriesFields<number> {
  name: string;
  articleCount: number;
  updatedAt?: Time;
}

/** publications/{pub}/years/{yyyy}: articles per day of that year. */
export type PublicationYearDoc = YearDoc<number>;

/** publications/{pub}/ents/{id}: an entity's mentions and articles in all, and per year and day (m mentions, a articles). */
export interface EntityDoc<Time = unknown> extends SeriesFields<DayCounts> {
  word: string;
  /** The name lower-cased and NFKC-normalised (prefix search). */
  key?: string;
  type: EntityType;
  /** Mentions. */
  count: number;
  /** Articles that mention it. */
  articles: number;
  /** A person's full name: the lone surnames it claims ("donald trump" -> ["trump"]), for the rollup's alias lookup. */
  aliases?: string[];
  /** Ids of lone-surname entities the rollup counted into this one (their articles list them under those ids). */
  absorbed?: string[];
  updatedAt?: Time;
}

/** publications/{pub}/ents/{id}/years/{yyyy}: mentions and articles per day of that year. */
export type EntityYearDoc = YearDoc<DayCounts>;

// Counts over all publications. Each rollup batch stores its counts summed
// over publications in a few globalPending documents (in its parts, so exactly
// once); the sweep folds pending documents older than the fold period
// (GLOBAL_FOLD_SECONDS) into global/totals and entities/{id}, in one transaction
// that also deletes them (so exactly once again). An entity is written once per
// fold, not once per batch and publication: that is what makes the global
// counts cheaper than the per-publication ones (rollup-plan.ts), at the price
// of lagging them by up to the fold period. entities/{id} has EntityDoc's
// fields but never `aliases` or `absorbed` (alias merges are per publication and
// come in already applied: the global counts are the sums of the publications').

/** global/totals: articles over all publications, as a publication document (`name` is GLOBAL_NAME). */
export type GlobalTotalsDoc<Time = unknown> = PublicationDoc<Time>;

/** Display name of the global totals (never a publication: it lives in global/, not publications/). */
export const GLOBAL_NAME = "All publications";

/** globalPending/{batchTo}.{n}: piece n of a batch's counts over all publications (plain values), until folded. */
export interface GlobalPendingDoc<Time = unknown> {
  /** The batch's end (epoch ms, its plan's `to`). */
  batch: number;
  piece: number;
  counts: DeltaPublication;
  createdAt: Time;
}

export interface ArticleDoc<Time = unknown> {
  pubKey: string;
  publication: string;
  title?: string;
  url?: string;
  /** As the client sent it. */
  publishedAt?: string;
  /** The day it counts on, and the instant it sorts by (publishedAt, else receivedAt). */
  day: Day;
  at: Time;
  receivedAt: Time;
  messageId: string;
  index: number;
  clientId?: string;
  /** Entity ids (array-contains queries) and, aligned, their mentions in this article. */
  ents: string[];
  mentions: number[];
  /** Entities beyond the per-post caps were left out. */
  truncated?: boolean;
  expireAt?: Time;
}

/** One entity's counts in a delta: word, type, mentions, articles, and per day [mentions, articles]. */
export interface DeltaEntity {
  w: string;
  t: EntityType;
  c: number;
  a: number;
  d: Record<Day, DayCounts>;
}

export interface DeltaPublication {
  /** Display name. */
  n: string;
  /** Articles, and articles per day. */
  a: number;
  d: Record<Day, number>;
  e: Record<string, DeltaEntity>;
}

export interface DeltaDoc<Time = unknown> {
  /** End of the rollup window it was committed in by its instance's clock (epoch ms): the tick it sends. */
  windowEnd: number;
  messageId: string;
  /** Which part of the message's delta (a large one is split over documents). */
  part: number;
  parts: number;
  posts: number;
  pubs: Record<string, DeltaPublication>;
  /** The commit's server timestamp: which rollup batch holds it. */
  createdAt: Time;
  expireAt: Time;
}

/** In one publication, the lone-surname entity `from` counted as the full name `to` (its display word `word`). */
export interface AliasMerge {
  pub: string;
  from: string;
  to: string;
  word: string;
}

/**
 * batches/{id}: one rollup batch. `id` is its window's end, or for a batch that
 * ended early (a backlog) the instant it ends, or "legacy-{windowEnd}" for a
 * batch the code before plans v2 planned and this code finishes.
 */
export interface BatchDoc<Time = unknown> {
  /** Where the batch ends (epoch ms): its window's, or its own when it ended early. */
  windowEnd: number;
  claimedAt: Time;
  /**
   * Set once, in the transaction that moves rollup/state: the deltas committed in (from, to] (epoch ms), and
   * the commits to make, by item-key range; `v` the key scheme (rollup-plan.ts PLAN_VERSION).
   */
  plan?: { v?: number; from: number; to: number; parts: Array<{ first: string; last: string }>; deltas: number; posts: number; merges?: AliasMerge[] };
  /** Planned and not yet applied (set with the plan, removed when applied): what sweeps finish and status waits for. */
  open?: boolean;
  applied: boolean;
  /** Items of the plan Firestore refused for good (quarantined; the rest applied). */
  failed?: number;
  /** A rollup working on it until then (epoch ms), and which one. */
  leaseUntil?: number;
  leaseOwner?: string;
  appliedAt?: Time;
  expireAt: Time;
}

/** windows/{windowEnd}: a batch of the code before plans v2 (no `v`, no `open`); read only to finish one a deploy left. */
export type WindowDoc<Time = unknown> = Omit<BatchDoc<Time>, "open">;

export interface RollupStateDoc {
  /** Every delta committed at or before this instant (epoch ms) belongs to a planned batch. */
  through: number;
}

/** A rollup write Firestore refused for good: quarantined, the rest of its window applied. */
export interface RollupFailure {
  windowEnd: number;
  /** The items' range within their part ("3" or "3.0-41"). */
  range: string;
  /** Documents whose counts in that window were not applied. */
  items: number;
  reason: string;
  /** Epoch ms. */
  at: number;
}

export interface RollupStatusDoc<Time = unknown> {
  /** Counts include every post committed at or before this instant (epoch ms): every batch up to it fully applied. */
  completeThrough: number;
  /** The end of the latest batch applied, even with failures or earlier batches unfinished (epoch ms). */
  appliedThrough?: number;
  appliedAt: Time;
  windowSeconds: number;
  /** The latest failures (at most ROLLUP_STATUS_FAILURES). */
  failures?: RollupFailure[];
  /** Where the earliest batch with a failure starts (epoch ms): completeThrough never passes it. */
  failedFrom?: number;
}

/** quarantine/rollup~{batch}~{range}: one rollup write Firestore refused for good, kept for an operator. */
export interface RollupQuarantineDoc<Time = unknown> {
  kind: "rollup";
  /** The batch's document id (batches/{batch}). */
  batch: string;
  range: string;
  /** The document the write was for, and the write itself as JSON (capped). */
  path: string;
  reason: string;
  excerpt: string;
  truncated: boolean;
  quarantinedAt: Time;
  expireAt: Time;
}

/** Failures rollup/status lists at most (the quarantine keeps each one). */
export const ROLLUP_STATUS_FAILURES = 20;

export interface QuarantineDoc<Time = unknown> {
  messageId: string;
  /** The post's position in its message; absent when the whole message is poison. */
  index?: number;
  publication?: string;
  reason: string;
  bytes: number;
  excerpt: string;
  truncated: boolean;
  quarantinedAt: Time;
  expireAt: Time;
}

/**
 * An ingest key issued to a client (`npm run keys`). Only the key's hash names
 * it, so reading the collection does not give anyone a key; it stays private
 * under firestore.rules all the same.
 */
export interface ClientKeyDoc<Time = unknown> {
  /** Who holds it (shown in listings and logs). */
  client: string;
  /** The key's first characters: enough to tell keys apart in a listing, far too few to use. */
  prefix: string;
  /** Publication keys (publicationKey()) it may post to, and their names as given; absent: any publication. */
  publications?: string[];
  publicationNames?: string[];
  /** Posts per minute it may send (per ingest instance); absent: no limit of its own. */
  ratePerMinute?: number;
  createdAt: Time;
  /** Set once revoked: the key no longer authenticates (within the instances' cache lifetime). */
  revokedAt?: Time;
}

/** What a source is, as its last good poll found it. */
export type SourceKind = "rss" | "atom" | "json-feed" | "news-sitemap" | "sitemap" | "sitemap-index";
/** active: polled when due; paused: by its operator; gone: it answered 410 (resume to try again). */
export type SourceState = "active" | "paused" | "gone";

/**
 * A feed or sitemap the poller collects a publication's articles from
 * (`npm run sources`, the admin routes). Private under firestore.rules: the
 * read API serves it to the operator. A source that is not active has
 * nextPollAt at NEVER_MS, so "due" is one range query on one field.
 */
export interface SourceDoc<Time = unknown> {
  /** The publication's display name, and its key. */
  publication: string;
  pubKey: string;
  /** Where it is polled now (a permanent redirect updates it), and the URL it was added with (its id is made from that). */
  url: string;
  addedUrl: string;
  kind?: SourceKind;
  title?: string;
  state: SourceState;
  addedAt: Time;
  /** Conditional GET validators from the last 200. */
  etag?: string;
  lastModified?: string;
  /** The adaptive interval (between the FEEDS_*_INTERVAL params) and when the next poll is due. */
  intervalMs: number;
  nextPollAtMs: number;
  /** Held by one poller at a time: nobody else polls it before leaseUntilMs. */
  leaseOwner?: string;
  leaseUntilMs?: number;
  lastPollAt?: Time;
  lastSuccessAt?: Time;
  lastStatus?: number;
  consecutiveFailures: number;
  lastError?: string;
  /** New items collected per UTC day, the last SOURCE_LIMITS.healthDays days. */
  days: Record<Day, number>;
  itemsTotal: number;
  /** Short hashes of the post ids it sent lately (newest last, at most SOURCE_LIMITS.seenIds): not fetched again. */
  seen: string[];
}

export const SOURCE_LIMITS = {
  healthDays: 30,
  seenIds: 1_000,
  errorChars: 500,
  titleChars: 300,
} as const;

/** nextPollAtMs of a source that is not active: far beyond any real poll. */
export const NEVER_MS = Date.UTC(9999, 0, 1);

/** Document id of `sources/{id}`: the publication and the normalised URL it was added with (one source per pair). */
export function sourceId(pubKey: string, normalisedUrl: string): string {
  return sha1Hex(`${pubKey}\u0000${normalisedUrl}`).slice(0, 20);
}

/** Bounds on what is stored (after NFKC, which can make one character eighteen). */
export const STORED_LIMITS = {
  /** Entity display forms longer than this (UTF-16 units, after NFKC) are not counted. */
  entityWordChars: 128,
  /** Distinct entities kept per post (the most mentioned; ties by id). */
  entitiesPerPost: 300,
  /** UTF-8 bytes of a post's distinct entity words together. */
  entityWordBytesPerPost: 16 * 1024,
  /** Publication display names are cut to this many characters (the key uses the whole name). */
  publicationNameChars: 200,
  quarantineExcerptBytes: 16 * 1024,
  quarantineReasonChars: 2_000,
} as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

export const TTL = {
  deltasDays: 30,
  batchesDays: 30,
  quarantineDays: 30,
} as const;

export const paths = {
  publication: (pubKey: string) => `${COLLECTIONS.publications}/${pubKey}`,
  ents: (pubKey: string) => `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.ents}`,
  entity: (pubKey: string, entityId: string) => `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.ents}/${entityId}`,
  publicationYears: (pubKey: string) => `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.years}`,
  publicationYear: (pubKey: string, year: Year) => `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.years}/${year}`,
  entityYears: (pubKey: string, entityId: string) => `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.ents}/${entityId}/${COLLECTIONS.years}`,
  entityYear: (pubKey: string, entityId: string, year: Year) =>
    `${COLLECTIONS.publications}/${pubKey}/${COLLECTIONS.ents}/${entityId}/${COLLECTIONS.years}/${year}`,
  article: (articleId: string) => `${COLLECTIONS.articles}/${articleId}`,
  delta: (deltaId: string) => `${COLLECTIONS.deltas}/${deltaId}`,
  batch: (id: number | string) => `${COLLECTIONS.batches}/${id}`,
  part: (batchId: number | string, range: number | string) => `${COLLECTIONS.batches}/${batchId}/${COLLECTIONS.parts}/${range}`,
  /** The code before plans v2 kept its batches here. */
  window: (windowEnd: number) => `${COLLECTIONS.windows}/${windowEnd}`,
  rollupStatus: () => `${COLLECTIONS.rollup}/status`,
  rollupState: () => `${COLLECTIONS.rollup}/state`,
  quarantine: (id: string) => `${COLLECTIONS.quarantine}/${id}`,
  legacyClientId: (key: string) => `${COLLECTIONS.legacyClientIds}/${key}`,
  clientKey: (keyId: string) => `${COLLECTIONS.clientKeys}/${keyId}`,
  source: (id: string) => `${COLLECTIONS.sources}/${id}`,
  globalTotals: () => `${COLLECTIONS.global}/totals`,
  globalYear: (year: Year) => `${COLLECTIONS.global}/totals/${COLLECTIONS.years}/${year}`,
  globalEntity: (entityId: string) => `${COLLECTIONS.entities}/${entityId}`,
  globalEntityYear: (entityId: string, year: Year) => `${COLLECTIONS.entities}/${entityId}/${COLLECTIONS.years}/${year}`,
  globalPending: (batchTo: number, piece: number) => `${COLLECTIONS.globalPending}/${batchTo}.${piece}`,
} as const;

/** Where a scope's totals and entities are: one publication's, or (pubKey ignored) those over all publications. */
export interface Scope {
  publication(pubKey: string): string;
  publicationYear(pubKey: string, year: Year): string;
  ents(pubKey: string): string;
  entity(pubKey: string, id: string): string;
  entityYear(pubKey: string, id: string, year: Year): string;
}

export const PUBLICATION_SCOPE: Scope = paths;

export const GLOBAL_SCOPE: Scope = {
  publication: () => paths.globalTotals(),
  publicationYear: (_pub, year) => paths.globalYear(year),
  ents: () => COLLECTIONS.entities,
  entity: (_pub, id) => paths.globalEntity(id),
  entityYear: (_pub, id, year) => paths.globalEntityYear(id, year),
};

/**
 * The article id of a post: for a post with a client id, derived from the
 * publication and that id (so a resent post lands on the same document, the
 * same key the legacy clientIds collection used); otherwise its message and
 * position, "{messageId}.{index}" (so a redelivered message does). The two
 * kinds never meet: a SHA-1 hex id has no ".", so no client can name a post
 * whose id takes another message's article (message ids are public: the 202
 * lists them).
 */
export function articleId(pubKey: string, clientId: string | undefined, messageId: string, index: number): string {
  return clientId !== undefined ? clientIdKey(pubKey, clientId) : `${toDocumentId(messageId)}.${index}`;
}

/**
 * The id that articleId gave a post without a client id before the kinds were
 * kept apart (a SHA-1 that a client id could also produce): read while
 * READ_PREVIOUS_ARTICLE_IDS is on, so a message counted before that upgrade and
 * redelivered after it is not counted again; trusted only when the document
 * names this very message and position.
 */
export function previousArticleId(messageId: string, index: number): string {
  return sha1Hex(`${messageId}\u0000${index}`);
}

/** Document id of `keys/{keyId}`: SHA-256 hex of the key as presented, so a lookup needs the key and the store never holds it. */
export function clientKeyId(key: string): string {
  return sha256Hex(key);
}

/** Delta document id: the message and the first post it counts (each post is counted once, so unique). */
export function deltaId(messageId: string, firstIndex: number, part: number): string {
  return `${toDocumentId(messageId)}.${firstIndex}.${part}`;
}

/** Quarantine id of a rollup write refused for good ("~" never appears unencoded in a message's ids). */
export function rollupQuarantineId(batchId: number | string, range: string): string {
  return `rollup~${batchId}~${range}`;
}

/** Quarantine id of a whole message, or of one of its posts. */
export function quarantineId(messageId: string, index?: number): string {
  return index === undefined ? toDocumentId(messageId) : `${toDocumentId(messageId)}.post${index}`;
}

/** The year of a day ("2026-12-06" -> "2026"). */
export const yearOf = (day: Day): Year => day.slice(0, 4);

/** The UTC year of an instant (epoch ms), as a day key's year. */
export const yearOfMs = (ms: number): Year => new Date(ms).toISOString().slice(0, 4);

/**
 * A series as one map: a totals document's `days` plus its year documents'
 * (a day may be in both: written in its own year, and again after it).
 */
export function mergeSeries<V>(inline: Record<Day, V> | undefined, years: ReadonlyArray<Record<Day, V> | undefined>, add: (a: V, b: V) => V): Record<Day, V> {
  const out: Record<Day, V> = { ...(inline ?? {}) };
  for (const days of years) for (const [d, v] of Object.entries(days ?? {})) out[d] = Object.hasOwn(out, d) ? add(out[d]!, v) : v;
  return out;
}

export const addCounts = (a: number, b: number) => a + b;
export const addDayCounts = (a: DayCounts, b: DayCounts): DayCounts => ({ m: a.m + b.m, a: a.a + b.a });

/** The UTC day a post counts on: its publishedAt when it has one, else the day it was received. */
export function dayOf(publishedAt: string | undefined, receivedAt: Date): Day {
  return instantOf(publishedAt, receivedAt).toISOString().slice(0, 10);
}

/** The instant a post sorts by: publishedAt (a date alone is its midnight UTC), else receipt. */
export function instantOf(publishedAt: string | undefined, receivedAt: Date): Date {
  if (publishedAt !== undefined) {
    const t = Date.parse(publishedAt.length === 10 ? `${publishedAt}T00:00:00Z` : publishedAt);
    if (Number.isFinite(t)) return new Date(t);
  }
  return receivedAt;
}

/** The end (epoch ms) of the rollup window holding instant `ms`. */
export function windowEndOf(ms: number, windowSeconds: number): number {
  const w = windowSeconds * 1000;
  return (Math.floor(ms / w) + 1) * w;
}
