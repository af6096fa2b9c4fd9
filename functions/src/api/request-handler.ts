// The read API over HTTP: a limit per client address, routing, parameter
// validation, CORS, caching (Cache-Control for Hosting's CDN and browsers, ETag
// and 304, and answers kept in the instance), and JSON errors. Served as the
// `api` function, behind the Hosting rewrite /api/**, so paths may arrive with
// or without "/api".
import { createHash } from "node:crypto";
import type { Request } from "firebase-functions/v2/https";
import type { Response } from "express";
import type { Firestore } from "firebase-admin/firestore";
import type { z } from "zod";
import type { AddressedRequest } from "../http/client-address.js";
import { RateLimiter } from "../http/rate-limit.js";
import { RATE_LIMIT_HEADER_NAMES, rateLimitHeaders, type Policy } from "../http/rate-limit-headers.js";
import { AnswerCache, type Cached } from "./cache.js";
import { ApiError, badRequest, notFound } from "./errors.js";
import { SingleFlight } from "./flight.js";
import { HANDLERS, type HandlerContext, type RouteHandler, type RouteParams, type RouteQuery } from "./handlers.js";
import type { Answer } from "./handlers.js";
import { dashboardLinks } from "./links.js";
import { ROUTES, type RouteName, type RouteSpec } from "@newsroom/core/api-schema";
import { openApiDocument } from "@newsroom/core/openapi";
import { ReadStore } from "./read-store.js";
import { pathPattern } from "./path-pattern.js";
import { isAdminPath } from "@newsroom/core/admin-schema";
import { handleAdmin, type AdminDeps } from "./admin.js";
import { DEFAULT_DATE_BOUNDS, type DateBounds } from "@newsroom/core/dates";

export interface ApiDeps {
  db: () => Firestore;
  /** "*" or exact origins. */
  allowedOrigins: () => readonly string[];
  /** Seconds browsers may keep an answer; Hosting's CDN twice that. */
  cacheSeconds: () => number;
  /** DASHBOARD_URL: where /v0/publications links each publication (empty: relative links). */
  dashboardUrl?: () => string;
  /** Requests a client address may make per minute in this instance; 0: no limit. */
  requestsPerMinute: () => number;
  clientAddress: (req: AddressedRequest) => string;
  now?: () => number;
  /** The days posts may count on (PUBLISHED_AT_*): a day outside them is a 400. */
  dateBounds?: () => DateBounds;
  log?: (entry: Record<string, unknown>) => void;
  /** The operator's routes (/v1/sources); without them those paths are 404s. */
  admin?: AdminDeps;
}

type Route = { name: RouteName; params: string[] };

const compiled = (Object.entries(ROUTES) as Array<[RouteName, RouteSpec]>).map(([name, r]) => ({
  name,
  pattern: pathPattern(r.path),
}));

/** The route and its decoded path parameters; a segment that is not valid percent-encoding is a 400. */
function match(path: string): Route | undefined {
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    try {
      return { name: c.name, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    } catch {
      throw badRequest("a path segment is not valid percent-encoding");
    }
  }
  return undefined;
}

/** The query as single strings (no prototype: a key like "__proto__" stays a key); a parameter given twice is an error. */
function singleValues(query: Request["query"]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (typeof v !== "string") throw badRequest(`parameter "${k.slice(0, 40)}" must be given once, as text`);
    out[k] = v;
  }
  return out;
}

const problemsOf = (error: z.ZodError) => error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));

function parseQuery<S extends z.ZodObject>(schema: S, raw: Record<string, string>): z.infer<S> {
  // Own properties only: "constructor" or "toString" is in every object's prototype chain, not in the schema.
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(schema.shape, k));
  if (unknown.length > 0) throw badRequest(`unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => k.slice(0, 40)).join(", ")}`);
  const r = schema.safeParse(raw);
  if (!r.success) {
    const problems = problemsOf(r.error);
    throw badRequest(problems.map((p) => `${p.path}: ${p.message}`).join("; "), problems);
  }
  return r.data;
}

const NAMED = { pub: "publication", id: "entity", name: "publication" } as Record<string, string>;

/** Path parameters that no document could have (a "/" inside, an id Firestore reserves, not an id's form) name nothing: 404 before any read. */
function parsePath<S extends z.ZodObject>(schema: S, values: readonly string[]): z.infer<S> {
  const names = Object.keys(schema.shape);
  const r = schema.safeParse(Object.fromEntries(names.map((n, i) => [n, values[i]])));
  if (r.success) return r.data;
  const [first] = problemsOf(r.error);
  const value = values[names.indexOf(first?.path ?? "")] ?? "";
  throw notFound(`no ${NAMED[first?.path ?? ""] ?? "such thing"} ${JSON.stringify(value.slice(0, 100))}: ${first?.message ?? "invalid"}`);
}

/** Parses the route's path, then its query, and runs its handler. */
async function dispatch(route: Route, raw: Record<string, string>, ctx: HandlerContext): Promise<Answer> {
  const spec = ROUTES[route.name] as RouteSpec;
  // Path first: an id that cannot exist is a 404 whatever the query says.
  const p = parsePath(spec.params, route.params);
  const handler = HANDLERS[route.name] as RouteHandler<RouteName>;
  return handler(ctx.store, p as RouteParams<RouteName>, parseQuery(spec.query, raw) as RouteQuery<RouteName>, ctx);
}

/** The cache's (and single-flight's) key: JSON, so no value can pass for another parameter. */
export function answerKey(route: Route, raw: Record<string, string>): string {
  return JSON.stringify([route.name, route.params, Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

let document: Buffer | undefined;

export const REQUESTS_POLICY: Policy = { name: "requests-per-address", windowSeconds: 60 };
/** Addresses whose buckets an instance keeps; beyond, the least recently seen start afresh. */
export const MAX_TRACKED_ADDRESSES = 50_000;

export function createApiHandler(deps: ApiDeps) {
  const cache = new AnswerCache();
  const flights = new SingleFlight<{ hit: Cached; reads: number }>();
  const now = deps.now ?? Date.now;
  const perAddress = new RateLimiter({ maxTracked: MAX_TRACKED_ADDRESSES, now });
  let links: ((pubKey: string) => string) | undefined;
  const dashboard = () => (links ??= dashboardLinks(deps.dashboardUrl?.() ?? ""));

  /** A fresh answer: read, encoded, cached. */
  const answer = async (route: Route, raw: Record<string, string>, key: string) => {
    const store = new ReadStore(deps.db());
    const a = await dispatch(route, raw, { store, links: dashboard, now, dates: deps.dateBounds ?? (() => DEFAULT_DATE_BOUNDS) });
    const body = Buffer.from("json" in a ? JSON.stringify(a.json) : a.csv, "utf8");
    const seconds = (ROUTES[route.name] as RouteSpec).cacheSeconds ?? deps.cacheSeconds();
    const shared = (ROUTES[route.name] as RouteSpec).cacheSeconds ?? seconds * 2;
    const headers: Record<string, string> = {
      "Content-Type": "json" in a ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "Cache-Control": `public, max-age=${seconds}, s-maxage=${shared}`,
      ETag: `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
      ...("csv" in a ? { "Content-Disposition": `attachment; filename="${a.filename}"` } : {}),
    };
    const hit: Cached = { status: 200, headers, body, expires: now() + seconds * 1000 };
    cache.set(key, hit);
    return { hit, reads: store.reads };
  };

  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    const origin = req.get("origin");
    const allowed = deps.allowedOrigins();
    const cors: Record<string, string> = { Vary: "Origin" };
    if (allowed.includes("*")) cors["Access-Control-Allow-Origin"] = "*";
    else if (origin && allowed.includes(origin)) cors["Access-Control-Allow-Origin"] = origin;
    cors["Access-Control-Expose-Headers"] = ["ETag", "X-Firestore-Reads", ...RATE_LIMIT_HEADER_NAMES].join(", ");

    const send = (status: number, headers: Record<string, string>, body?: Buffer) => {
      res.status(status);
      for (const [k, v] of Object.entries({ ...cors, ...headers })) res.setHeader(k, v);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const fail = (err: ApiError, headers: Record<string, string> = {}) => {
      send(err.status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers }, Buffer.from(JSON.stringify(err.toJSON())));
    };
    let reads = 0;
    let status = 200;
    try {
      // Every request counts, answered from a cache or not: the limit guards the instance, not Firestore alone.
      const limit = deps.requestsPerMinute();
      if (limit > 0) {
        const spent = perAddress.take(deps.clientAddress(req), 1, limit);
        if (!spent.ok) {
          status = 429;
          const wait = spent.retryAfterSeconds ?? 60;
          return fail(new ApiError(429, "rate_limited", `at most ${limit} requests a minute from one address; retry in ${wait} s`), rateLimitHeaders(REQUESTS_POLICY, spent, wait));
        }
      }
      const path = req.path.replace(/^\/api(?=\/)/, "");
      if (deps.admin && isAdminPath(path)) {
        if (req.method === "OPTIONS") {
          status = 204;
          return send(204, { "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE, OPTIONS", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Max-Age": "86400" });
        }
        const admin = await handleAdmin({ method: req.method, path, headers: req.headers, body: req.rawBody }, deps.admin);
        status = admin.status;
        return send(admin.status, { "Cache-Control": "no-store", ...(admin.json !== undefined ? { "Content-Type": "application/json; charset=utf-8" } : {}) }, admin.json !== undefined ? Buffer.from(JSON.stringify(admin.json)) : undefined);
      }
      if (req.method === "OPTIONS") {
        status = 204;
        return send(204, { "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Allow-Headers": "If-None-Match", "Access-Control-Max-Age": "86400" });
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        status = 405;
        res.setHeader("Allow", "GET, HEAD, OPTIONS");
        throw new ApiError(405, "method_not_allowed", "the API is read-only: GET");
      }
      if (path === "/v1/openapi.json") {
        document ??= Buffer.from(JSON.stringify(openApiDocument()));
        return send(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600" }, document);
      }
      const route = match(path);
      if (!route) throw notFound(`no route ${JSON.stringify(path.slice(0, 100))}; see /v1/openapi.json`);
      const raw = singleValues(req.query);
      const key = answerKey(route, raw);
      let hit = cache.get(key, now());
      if (!hit) {
        // Identical misses at the same time share one read; only the request that ran it reports its reads.
        const flight = await flights.run(key, () => answer(route, raw, key));
        hit = flight.value.hit;
        if (flight.ran) reads = flight.value.reads;
      }
      if (req.get("if-none-match") === hit.headers.ETag) {
        status = 304;
        return send(304, { ETag: hit.headers.ETag!, "Cache-Control": hit.headers["Cache-Control"]!, "X-Firestore-Reads": String(reads) });
      }
      send(200, { ...hit.headers, "X-Firestore-Reads": String(reads) }, hit.body);
    } catch (err) {
      if (err instanceof ApiError) {
        status = err.status;
        fail(err);
      } else {
        status = 500;
        fail(new ApiError(500, "internal", "internal error"));
        deps.log?.({ error: String(err).slice(0, 500) });
      }
    } finally {
      deps.log?.({ method: req.method, path: req.path.slice(0, 200), status, reads, ms: Math.round((performance.now() - started) * 10) / 10 });
    }
  };
}
