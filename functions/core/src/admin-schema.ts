// The admin routes' contract: managing feed sources (operator key only). As
// for the read API (api-schema.ts), the handlers validate with these zod
// schemas, the dashboard's Sources view infers its types from them, and
// openapi.ts puts them in the served document.
import { z } from "zod";

const instant = z.string().nullable();
export const SOURCE_ID = /^[0-9a-f]{20}$/;

export const SourceHealth = z.object({
  days: z.array(z.object({ day: z.string(), items: z.number().int() })).describe("New items per UTC day, the last 30 days, oldest first"),
  mean: z.number().describe("Mean items per complete day (since the source was added)"),
  sd: z.number().describe("Their standard deviation"),
  today: z.number().int(),
  flag: z.enum(["ok", "silent", "unusual", "new"]).describe("silent: no items today from a source that usually has some; unusual: today outside mean ± 2 sd; new: under 3 days of history"),
  reason: z.string(),
});

export const Source = z.object({
  id: z.string(),
  publication: z.string(),
  url: z.string().describe("Where it is polled (a permanent redirect updates it)"),
  addedUrl: z.string(),
  kind: z.enum(["rss", "atom", "json-feed", "news-sitemap", "sitemap", "sitemap-index"]).nullable(),
  title: z.string().nullable(),
  state: z.enum(["active", "paused", "gone"]),
  addedAt: instant,
  lastPollAt: instant,
  lastSuccessAt: instant,
  lastStatus: z.number().int().nullable(),
  consecutiveFailures: z.number().int(),
  lastError: z.string().nullable(),
  nextPollAt: instant.describe("null: not polled (paused or gone)"),
  intervalMinutes: z.number(),
  itemsTotal: z.number().int(),
  health: SourceHealth,
});

export const SourceCheck = z.object({
  kind: Source.shape.kind,
  title: z.string().nullable(),
  items: z.number().int(),
  sitemaps: z.number().int(),
  newest: instant.describe("The newest item's date, when the feed dates them"),
});

const sourceId = z.string().regex(SOURCE_ID, "not a source id (20 lower-case hex digits, as /v1/sources lists them)");

export const ADMIN = {
  params: { none: z.object({}), source: z.object({ id: sourceId }) },
  bodies: {
    add: z.strictObject({
      url: z.string().min(1).max(2_048).describe("The feed's or sitemap's http(s) URL"),
      publication: z.string().min(1).max(200).describe("The publication its articles count for"),
    }),
    update: z.strictObject({ state: z.enum(["active", "paused"]).describe("paused: not polled; active: polled again, due at once") }),
  },
  answers: {
    list: z.object({ sources: z.array(Source) }),
    added: z.object({ source: Source, check: SourceCheck }),
    one: z.object({ source: Source }),
  },
};

/** Sources /v1/sources lists at most. */
export const ADMIN_MAX_SOURCES = 1_000;

export type AdminRouteName = "listSources" | "addSource" | "getSource" | "updateSource" | "removeSource";
export type AdminRouteSpec = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  params: z.ZodObject;
  body?: z.ZodType;
  /** The answer's schema and status; undefined: 204, no body. */
  answer?: z.ZodType;
  status: 200 | 201 | 204;
  maxReads: number;
};

export const ADMIN_ROUTES: Record<AdminRouteName, AdminRouteSpec> = {
  listSources: { method: "get", path: "/v1/sources", summary: "Every feed source with its health", params: ADMIN.params.none, answer: ADMIN.answers.list, status: 200, maxReads: ADMIN_MAX_SOURCES },
  addSource: { method: "post", path: "/v1/sources", summary: "Check a feed or sitemap once and add it as a source", params: ADMIN.params.none, body: ADMIN.bodies.add, answer: ADMIN.answers.added, status: 201, maxReads: 1 },
  getSource: { method: "get", path: "/v1/sources/{id}", summary: "One source with its health", params: ADMIN.params.source, answer: ADMIN.answers.one, status: 200, maxReads: 1 },
  updateSource: { method: "patch", path: "/v1/sources/{id}", summary: "Pause or resume a source", params: ADMIN.params.source, body: ADMIN.bodies.update, answer: ADMIN.answers.one, status: 200, maxReads: 1 },
  removeSource: { method: "delete", path: "/v1/sources/{id}", summary: "Remove a source (what it collected stays counted)", params: ADMIN.params.source, status: 204, maxReads: 1 },
};

/** A path the admin routes serve (with or without the Hosting prefix "/api"). */
export const isAdminPath = (path: string) => /^(\/api)?\/v1\/sources(\/[^/]*)?$/.test(path);
