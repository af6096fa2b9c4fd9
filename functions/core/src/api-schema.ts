// The read API's contract, once: each route's query parameters and answer as
// zod schemas. The read API's handlers (functions/src/api) validate with
// them, the dashboard infers its types from them, and openapi.ts turns the same
// schemas into the OpenAPI 3.1 document served at /v1/openapi.json.
import { z } from "zod";
import { isPublicationKey, SHA1_HEX } from "./keys.js";
import { BINS } from "./calendar.js";

export const ENTITY_TYPES = ["person", "organization", "place"] as const;

/** Years of daily series one request reads at most (one document per year, and the publication's beside each). */
export const SERIES_MAX_YEARS = 10;

/** The day's newest articles rising reads to find candidates (M), the candidates whose counts it reads (K), the days before the day it compares with, and the articles it links per entry. */
export const RISING_SAMPLE = 500;
export const RISING_CANDIDATES = 50;
export const RISING_BASELINE_DAYS = 28;
export const RISING_ARTICLE_IDS = 5;

// Ids are checked before any read: only what the layout could have written reaches a Firestore path.
const publicationId = z.string().max(512).refine(isPublicationKey, "not a publication id (as /v1/publications lists them)").describe("Publication id (as listed by /v1/publications)");
const entityId = z.string().regex(SHA1_HEX, "not an entity id (40 lower-case hex digits)").describe("Entity id");
const day = z.iso.date({ message: "must be a date, YYYY-MM-DD" });
const limit = (max: number, fallback: number) =>
  z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`).default(fallback);
// A series' bin: week, month and year sum the days within from/to; year alone comes from the per-year totals.
const bin = z
  .enum(BINS, { message: `must be one of ${BINS.join(", ")}` })
  .default("day")
  .describe(
    `Sum the series per day, ISO week (keyed by its Monday), month ("YYYY-MM") or year ("YYYY"). day, week and month read the days within from/to (at most ${SERIES_MAX_YEARS} calendar years; the first and last bins hold only the days inside); year reads no day: whole years from the per-year totals, over the whole history or the years from/to fall in, any span`,
  );
const binOut = z.enum(BINS).describe("The series' bin (the query's bin, day by default)");
const binDay = "`day` is the bin's key: the day, the ISO week's Monday, YYYY-MM or YYYY. Bins without any count are absent, not zero";
const cursor = z.string().max(1_000, "cursor too long").optional().describe("Opaque: the `next` of the previous page");

/** Each route's path parameters. */
export const P = {
  none: z.object({}),
  pub: z.object({ pub: publicationId }),
  entity: z.object({ pub: publicationId, id: entityId }),
  id: z.object({ id: entityId }),
  name: z.object({ name: z.string().min(1).max(1_000).describe("Publication name (the original app named publications)") }),
};

export const Q = {
  publications: z.object({ limit: limit(100, 20), cursor }),
  entities: z.object({
    by: z.enum(["mentions", "articles"]).default("mentions"),
    type: z.enum(ENTITY_TYPES).optional(),
    limit: limit(100, 20),
    cursor,
    format: z.enum(["json", "csv"]).default("json"),
  }),
  entity: z.object({
    from: day.optional().describe(`First day; without from and to, the entity's ${SERIES_MAX_YEARS} latest years with data`),
    to: day.optional().describe(`Last day; from and to may span at most ${SERIES_MAX_YEARS} calendar years (bin=year: any)`),
    bin,
  }),
  articles: z.object({ limit: limit(100, 20), cursor }),
  days: z.object({
    from: day.optional().describe(`First day; without from and to, the publication's ${SERIES_MAX_YEARS} latest years with data`),
    to: day.optional().describe(`Last day; from and to may span at most ${SERIES_MAX_YEARS} calendar years (bin=year: any)`),
    bin,
  }),
  elsewhere: z.object({ limit: limit(50, 20) }),
  compare: z.object({
    a: publicationId,
    b: publicationId,
    type: z.enum(ENTITY_TYPES).optional(),
    limit: limit(50, 20),
  }),
  search: z.object({
    pub: publicationId,
    q: z.string().trim().min(1, "must not be blank").max(64, "must be at most 64 characters"),
    type: z.enum(ENTITY_TYPES).optional(),
    limit: limit(20, 10),
  }),
  rising: z.object({
    pub: publicationId.optional().describe("Publication id; omitted: all publications (their counts lag the publications' by up to the fold period)"),
    day: day.optional().describe("The day to rank (UTC); default: today so far"),
    type: z.enum(ENTITY_TYPES).optional(),
    limit: limit(50, 10),
  }),
  v0Frequencies: z.object({ word: z.string().max(256).optional(), count: z.coerce.number().int().min(0).optional() }),
  none: z.object({}),
};

const Publication = z.object({ id: z.string(), name: z.string(), articleCount: z.number().int(), updatedAt: z.string().nullable() });
const Entity = z.object({ id: z.string(), word: z.string(), type: z.enum(ENTITY_TYPES), mentions: z.number().int(), articles: z.number().int() });
const Ranked = Entity.extend({ rank: z.number().int() });
const Compared = z.object({ id: z.string(), word: z.string(), type: z.enum(ENTITY_TYPES), mentionsA: z.number().int(), mentionsB: z.number().int(), zScore: z.number() });
/** All publications together: their articles in all. */
const Totals = z.object({ name: z.string(), articleCount: z.number().int(), updatedAt: z.string().nullable() });
/** Publications /v1/entities/{id} lists at most (those that mention the entity most). */
export const GLOBAL_TOP_PUBLICATIONS = 10;
const next = z.string().nullable().describe("Cursor of the next page; null on the last");
const instant = z.string().nullable().describe("ISO 8601 instant; null when unknown");
const year = z.number().int().describe("Calendar year");

export const R = {
  error: z.object({ error: z.string(), message: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
  publications: z.object({ publications: z.array(Publication), next }),
  entities: z.object({ publication: Publication, by: z.enum(["mentions", "articles"]), type: z.enum(ENTITY_TYPES).nullable(), entities: z.array(Ranked), next }),
  entity: z.object({
    publication: Publication,
    entity: Entity,
    bin: binOut,
    series: z.array(z.object({ day: z.string(), mentions: z.number().int(), articles: z.number().int(), publicationArticles: z.number().int() })).describe(`Per bin within from/to (or the default years), in order. ${binDay}`),
    years: z.array(z.object({ year, mentions: z.number().int(), articles: z.number().int(), publicationArticles: z.number().int() })).describe("Per year, the whole history"),
  }),
  articles: z.object({
    publication: Publication,
    entity: z.object({ id: z.string(), word: z.string(), type: z.enum(ENTITY_TYPES) }),
    articles: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        url: z.string().nullable(),
        publishedAt: z.string().nullable(),
        receivedAt: z.string(),
        day: z.string(),
        mentions: z.number().int(),
      }),
    ),
    next,
  }),
  days: z.object({
    publication: Publication,
    bin: binOut,
    days: z.array(z.object({ day: z.string(), articles: z.number().int() })).describe(`Per bin within from/to (or the default years), in order. ${binDay}`),
    years: z.array(z.object({ year, articles: z.number().int() })).describe("Per year, the whole history"),
  }),
  elsewhere: z.object({
    entity: z.object({ id: z.string(), word: z.string(), type: z.enum(ENTITY_TYPES) }),
    publications: z.array(z.object({ id: z.string(), mentions: z.number().int(), articles: z.number().int() })),
  }),
  compare: z.object({
    a: Publication,
    b: Publication,
    type: z.enum(ENTITY_TYPES).nullable(),
    scanned: z.object({ a: z.number().int(), b: z.number().int() }).describe("Entities read per publication (its most mentioned)"),
    distinctiveOfA: z.array(Compared),
    distinctiveOfB: z.array(Compared),
    shared: z.array(Compared),
  }),
  search: z.object({ publication: Publication, query: z.string(), entities: z.array(Entity) }),
  status: z.object({
    completeThrough: instant.describe("Counts include every post committed up to this instant"),
    appliedThrough: instant.describe("The end of the latest rollup batch applied, even with failures or earlier batches unfinished"),
    appliedAt: instant.describe("When the rollup last applied a batch"),
    windowSeconds: z.number().int().nullable().describe("The rollup window: counts show within it plus a few seconds"),
    failures: z.array(z.object({ windowEnd: instant, range: z.string(), items: z.number().int(), reason: z.string(), at: instant })).describe("The latest rollup writes Firestore refused (quarantined)"),
    newestArticleReceivedAt: instant.describe("When the newest counted article was received (later ones wait for the next rollup)"),
  }),
  // Over all publications (the rollup's fold: they lag the publications' counts by up to GLOBAL_FOLD_SECONDS).
  globalEntities: z.object({ scope: z.literal("all"), totals: Totals, by: z.enum(["mentions", "articles"]), type: z.enum(ENTITY_TYPES).nullable(), entities: z.array(Ranked), next }),
  globalEntity: z.object({
    scope: z.literal("all"),
    totals: Totals,
    entity: Entity,
    bin: binOut,
    series: z.array(z.object({ day: z.string(), mentions: z.number().int(), articles: z.number().int(), publicationArticles: z.number().int().describe("All publications' articles in the bin") })).describe(`Per bin within from/to (or the default years), in order. ${binDay}`),
    years: z.array(z.object({ year, mentions: z.number().int(), articles: z.number().int(), publicationArticles: z.number().int().describe("All publications' articles that year") })).describe("Per year, the whole history"),
    publications: z.array(z.object({ id: z.string(), mentions: z.number().int(), articles: z.number().int() })).describe(`The publications that mention it most (at most ${GLOBAL_TOP_PUBLICATIONS})`),
  }),
  rising: z.object({
    publication: Publication.nullable().describe("null: all publications"),
    day: z.string(),
    type: z.enum(ENTITY_TYPES).nullable(),
    baseline: z.object({ from: z.string(), to: z.string() }).describe("The days the baseline counts"),
    articles: z.number().int().describe("Articles on the day (n)"),
    baselineArticles: z.number().int().describe("Articles over the baseline (N)"),
    scanned: z.object({ articles: z.number().int(), candidates: z.number().int() }).describe("The day's newest articles read, and the entities they mention most whose counts were read"),
    entities: z.array(
      z.object({
        id: z.string(),
        word: z.string(),
        type: z.enum(ENTITY_TYPES),
        articles: z.number().int().describe("Articles on the day that mention it (k, the stored count)"),
        share: z.number().describe("k / n"),
        baselineArticles: z.number().int().describe("Articles over the baseline that mention it (b)"),
        baselineShare: z.number().describe("b / N: its baseline rate"),
        score: z.number().describe("Signed-root log-likelihood ratio of k/n against b/N (≈ z, one-sided)"),
        articleIds: z.array(z.string()).max(RISING_ARTICLE_IDS).describe(`Up to ${RISING_ARTICLE_IDS} of the day's articles that mention it, newest first`),
      }),
    ),
  }),
  v0Publications: z.array(z.object({ name: z.string(), count: z.number().int(), img_uri: z.string() })),
  v0Frequencies: z.array(z.object({ word: z.string(), count: z.number().int() })),
};

export type RouteSpec = {
  path: string;
  summary: string;
  /** Path parameters, checked before any read (a failure is a 404). */
  params: z.ZodObject;
  query: z.ZodObject;
  answer: z.ZodType;
  /** Firestore reads a request may cost at most (tests hold it). */
  maxReads: number;
  csv?: boolean;
  /** Seconds an answer may be reused, when shorter than API_CACHE_SECONDS suits. */
  cacheSeconds?: number;
};

/** Entities per publication that compare reads (its most mentioned of the type). */
export const COMPARE_SCAN = 300;
/** Entities matching a search prefix that are read before ranking by mentions. */
export const SEARCH_SCAN = 50;
/** Publications /v0/publications lists at most (the original app listed them all). */
export const V0_MAX_PUBLICATIONS = 500;

export const ROUTES = {
  publications: { path: "/v1/publications", summary: "Publications by article count", params: P.none, query: Q.publications, answer: R.publications, maxReads: 101 },
  entities: { path: "/v1/publications/{pub}/entities", summary: "A publication's entities, ranked by mentions or by articles", params: P.pub, query: Q.entities, answer: R.entities, maxReads: 102, csv: true },
  entity: {
    path: "/v1/publications/{pub}/entities/{id}",
    summary: "One entity: totals, its series with the publication's articles per day (or week, month, year), and both per year",
    params: P.entity,
    query: Q.entity,
    answer: R.entity,
    // Its totals and the publication's, and a year document of each per year read (bin=year: none).
    maxReads: 2 + 2 * SERIES_MAX_YEARS,
  },
  articles: { path: "/v1/publications/{pub}/entities/{id}/articles", summary: "The articles that mention an entity, newest first", params: P.entity, query: Q.articles, answer: R.articles, maxReads: 103 },
  elsewhere: { path: "/v1/publications/{pub}/entities/{id}/elsewhere", summary: "The same entity in every publication that mentions it, most mentions first", params: P.entity, query: Q.elsewhere, answer: R.elsewhere, maxReads: 52 },
  days: { path: "/v1/publications/{pub}/days", summary: "A publication's articles per day (or week, month, year), and per year", params: P.pub, query: Q.days, answer: R.days, maxReads: 1 + SERIES_MAX_YEARS /* bin=year: 1 */ },
  compare: {
    path: "/v1/compare",
    summary: "The entities most distinctive of a against b and of b against a, and those they share (log-odds with an informative Dirichlet prior)",
    params: P.none,
    query: Q.compare,
    answer: R.compare,
    maxReads: 2 + 2 * COMPARE_SCAN,
  },
  search: { path: "/v1/search", summary: "A publication's entities whose name starts with q", params: P.none, query: Q.search, answer: R.search, maxReads: 1 + SEARCH_SCAN },
  status: { path: "/v1/status", summary: "How far the counts are complete: the rollup's progress and failures, and the newest article received", params: P.none, query: Q.none, answer: R.status, maxReads: 2, cacheSeconds: 5 },
  globalEntities: { path: "/v1/entities", summary: "Entities over all publications, ranked by mentions or by articles", params: P.none, query: Q.entities, answer: R.globalEntities, maxReads: 102, csv: true },
  globalEntity: {
    path: "/v1/entities/{id}",
    summary: "One entity over all publications: totals, its daily series with all publications' articles per day, both per year, and the publications that mention it most",
    params: P.id,
    query: Q.entity,
    answer: R.globalEntity,
    maxReads: 2 + 2 * SERIES_MAX_YEARS + GLOBAL_TOP_PUBLICATIONS + 1,
  },
  rising: {
    path: "/v1/rising",
    summary: `The entities whose share of a day's articles is most above their own over the ${RISING_BASELINE_DAYS} days before`,
    params: P.none,
    query: Q.rising,
    answer: R.rising,
    // The publication and its year documents (the window spans at most two years), the sample, each candidate and its year documents.
    maxReads: 3 + RISING_SAMPLE + 3 * RISING_CANDIDATES,
  },
  v0Publications: { path: "/v0/publications", summary: "The original app's publication list", params: P.none, query: Q.none, answer: R.v0Publications, maxReads: V0_MAX_PUBLICATIONS },
  v0Frequencies: { path: "/v0/frequencies/{name}", summary: "The original app's top 10 of a publication, after the keyset (count, word)", params: P.name, query: Q.v0Frequencies, answer: R.v0Frequencies, maxReads: 11 },
} satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;
