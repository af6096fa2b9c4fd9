// The read API over HTTP: routing, parameter validation, CORS, caching
// (Cache-Control for Hosting's CDN and browsers, ETag and 304, and answers kept
// in the instance), and JSON errors. Served as the `api` function, behind the
// Hosting rewrite /api/**, so paths may arrive with or without "/api".
import { createHash } from "node:crypto";
import type { Request } from "firebase-functions/v2/https";
import type { Response } from "express";
import type { Firestore } from "firebase-admin/firestore";
import type { z } from "zod";
import { AnswerCache } from "./cache.js";
import * as h from "./handlers.js";
import { ApiError, type Answer } from "./handlers.js";
import { dashboardLinks } from "./links.js";
import { openApiDocument } from "./openapi.js";
import { ROUTES, type RouteName } from "./schema.js";
import { ReadStore } from "./store.js";

export interface ApiDeps {
  db: () => Firestore;
  /** "*" or exact origins. */
  allowedOrigins: () => readonly string[];
  /** Seconds browsers may keep an answer; Hosting's CDN twice that. */
  cacheSeconds: () => number;
  /** DASHBOARD_URL: where /v0/publications links each publication (empty: relative links). */
  dashboardUrl?: () => string;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

type Route = { name: RouteName; params: string[] };

const compiled = (Object.entries(ROUTES) as Array<[RouteName, { path: string }]>).map(([name, r]) => ({
  name,
  pattern: new RegExp(`^${r.path.replace(/\{\w+\}/g, "([^/]+)")}$`),
}));

function match(path: string): Route | undefined {
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (m) return { name: c.name, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}

/** The query as single strings (no prototype: a key like "__proto__" stays a key); a parameter given twice is an error. */
function singleValues(query: Request["query"]): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (typeof v !== "string") throw new ApiError(400, "invalid_request", `parameter "${k.slice(0, 40)}" must be given once, as text`);
    out[k] = v;
  }
  return out;
}

function parse<S extends z.ZodObject>(schema: S, raw: Record<string, string>): z.infer<S> {
  // Own properties only: "constructor" or "toString" is in every object's prototype chain, not in the schema.
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(schema.shape, k));
  if (unknown.length > 0) throw new ApiError(400, "invalid_request", `unknown parameter${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => k.slice(0, 40)).join(", ")}`);
  const r = schema.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    const e = new ApiError(400, "invalid_request", problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    (e as ApiError & { problems?: unknown }).problems = problems;
    throw e;
  }
  return r.data;
}

async function dispatch(route: Route, raw: Record<string, string>, store: ReadStore, dashboard: () => (pubKey: string) => string): Promise<Answer> {
  const [p0 = "", p1 = ""] = route.params;
  switch (route.name) {
    case "publications":
      return h.publications(store, parse(ROUTES.publications.query, raw));
    case "entities":
      return h.entities(store, p0, parse(ROUTES.entities.query, raw));
    case "entity":
      return h.entity(store, p0, p1, parse(ROUTES.entity.query, raw));
    case "articles":
      return h.articles(store, p0, p1, parse(ROUTES.articles.query, raw));
    case "days":
      return h.days(store, p0, parse(ROUTES.days.query, raw));
    case "elsewhere":
      return h.elsewhere(store, p0, p1, parse(ROUTES.elsewhere.query, raw));
    case "compare":
      return h.compare(store, parse(ROUTES.compare.query, raw));
    case "search":
      return h.search(store, parse(ROUTES.search.query, raw));
    case "v0Publications":
      parse(ROUTES.v0Publications.query, raw);
      return h.v0Publications(store, dashboard());
    case "v0Frequencies":
      return h.v0Frequencies(store, p0, parse(ROUTES.v0Frequencies.query, raw));
  }
}

/** The cache's key: JSON, so no value can pass for another parameter. */
export function answerKey(route: Route, raw: Record<string, string>): string {
  return JSON.stringify([route.name, route.params, Object.entries(raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

let document: Buffer | undefined;

export function createApiHandler(deps: ApiDeps) {
  const cache = new AnswerCache();
  const now = deps.now ?? Date.now;
  let links: ((pubKey: string) => string) | undefined;
  const dashboard = () => (links ??= dashboardLinks(deps.dashboardUrl?.() ?? ""));
  return async (req: Request, res: Response): Promise<void> => {
    const started = performance.now();
    const origin = req.get("origin");
    const allowed = deps.allowedOrigins();
    const cors: Record<string, string> = { Vary: "Origin" };
    if (allowed.includes("*")) cors["Access-Control-Allow-Origin"] = "*";
    else if (origin && allowed.includes(origin)) cors["Access-Control-Allow-Origin"] = origin;
    cors["Access-Control-Expose-Headers"] = "ETag, X-Firestore-Reads";

    const send = (status: number, headers: Record<string, string>, body?: Buffer) => {
      res.status(status);
      for (const [k, v] of Object.entries({ ...cors, ...headers })) res.setHeader(k, v);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const fail = (err: ApiError & { problems?: unknown }) => {
      const body = { error: err.code, message: err.message, ...(err.problems ? { problems: err.problems } : {}) };
      send(err.status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }, Buffer.from(JSON.stringify(body)));
    };
    let reads = 0;
    let status = 200;
    try {
      if (req.method === "OPTIONS") {
        status = 204;
        return send(204, { "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS", "Access-Control-Allow-Headers": "If-None-Match", "Access-Control-Max-Age": "86400" });
      }
      if (req.method !== "GET" && req.method !== "HEAD") {
        status = 405;
        res.setHeader("Allow", "GET, HEAD, OPTIONS");
        throw new ApiError(405, "method_not_allowed", "the API is read-only: GET");
      }
      let path: string;
      try {
        path = decodeURI(req.path).replace(/^\/api(?=\/)/, "");
      } catch {
        throw new ApiError(400, "invalid_request", "the path is not valid percent-encoding");
      }
      if (path === "/v1/openapi.json") {
        document ??= Buffer.from(JSON.stringify(openApiDocument()));
        return send(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600" }, document);
      }
      let route: Route | undefined;
      try {
        route = match(req.path.replace(/^\/api(?=\/)/, ""));
      } catch {
        throw new ApiError(400, "invalid_request", "a path segment is not valid percent-encoding");
      }
      if (!route) throw new ApiError(404, "not_found", `no route ${JSON.stringify(path.slice(0, 100))}; see /v1/openapi.json`);
      const raw = singleValues(req.query);
      const key = answerKey(route, raw);
      let hit = cache.get(key, now());
      if (!hit) {
        const store = new ReadStore(deps.db());
        const answer = await dispatch(route, raw, store, dashboard);
        reads = store.reads;
        const body = Buffer.from("json" in answer ? JSON.stringify(answer.json) : answer.csv, "utf8");
        const seconds = deps.cacheSeconds();
        const headers: Record<string, string> = {
          "Content-Type": "json" in answer ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
          "Cache-Control": `public, max-age=${seconds}, s-maxage=${seconds * 2}`,
          ETag: `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
          ...("csv" in answer ? { "Content-Disposition": `attachment; filename="${answer.filename}"` } : {}),
        };
        hit = { status: 200, headers, body, expires: now() + seconds * 1000 };
        cache.set(key, hit);
      }
      const withReads = { ...hit.headers, "X-Firestore-Reads": String(reads) };
      if (req.get("if-none-match") === hit.headers.ETag) {
        status = 304;
        return send(304, { ETag: hit.headers.ETag!, "Cache-Control": hit.headers["Cache-Control"]!, "X-Firestore-Reads": String(reads) });
      }
      send(200, withReads, hit.body);
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
