// The operator's routes of the API: feed sources, added (after one check of
// the URL), listed with their health, paused, resumed and removed. Only the
// operator's key; answers are never cached.
import type { Firestore } from "firebase-admin/firestore";
import type { z } from "zod";
import { ADMIN_ROUTES, type ADMIN, type AdminRouteName, type AdminRouteSpec, type Source } from "@newsroom/core/admin-schema";
import { ApiError } from "@newsroom/core/api-error";
import { NEVER_MS } from "@newsroom/core/firestore-schema";
import { authenticate, type Headers } from "@newsroom/core/key-auth";
import { checkSource } from "@newsroom/feeds/check";
import type { Fetch } from "@newsroom/feeds/fetch";
import { healthOf } from "@newsroom/feeds/health";
import { addSource, getSource, listSources, removeSource, setSourceState, SourceExistsError, sourceSpecProblems, type StoredSource } from "@newsroom/store/sources";
import { badRequest, notFound } from "./errors.js";
import { pathPattern } from "./path-pattern.js";

export interface AdminDeps {
  db: () => Firestore;
  operatorKey: () => string;
  fetch: () => Fetch;
  maxFeedBytes: () => number;
  now?: () => Date;
}

export type AdminAnswer = { status: number; json?: unknown };
export type AdminRequest = { method: string; path: string; headers: Headers; body: Buffer | undefined };

const compiled = (Object.entries(ADMIN_ROUTES) as Array<[AdminRouteName, AdminRouteSpec]>).map(([name, r]) => ({ name, spec: r, pattern: pathPattern(r.path) }));

/** Serves one admin request; throws ApiError for every refusal. */
export async function handleAdmin(req: AdminRequest, deps: AdminDeps): Promise<AdminAnswer> {
  const auth = authenticate(req.headers, deps.operatorKey());
  if (!auth.ok) throw new ApiError(auth.status, auth.status === 401 ? "unauthorized" : "forbidden", auth.status === 403 ? "the sources are the operator's: this is not the operator's key" : auth.message);
  const path = req.path.replace(/^\/api(?=\/)/, "");
  const method = req.method.toLowerCase();
  const routes = compiled.filter((c) => c.pattern.test(path));
  if (routes.length === 0) throw notFound(`no route ${JSON.stringify(path.slice(0, 100))}; see /v1/openapi.json`);
  const route = routes.find((c) => c.spec.method === method);
  if (!route) throw new ApiError(405, "method_not_allowed", `${path} takes ${routes.map((r) => r.spec.method.toUpperCase()).join(", ")}`);
  const [, rawId] = route.pattern.exec(path)!;
  const params = route.spec.params.safeParse(rawId === undefined ? {} : { id: rawId });
  if (!params.success) throw notFound(`no source ${JSON.stringify((rawId ?? "").slice(0, 40))}`);
  const id = (params.data as { id?: string }).id ?? "";
  const body = route.spec.body ? parseBody(route.spec.body, req.body) : undefined;
  const db = deps.db();
  const now = deps.now?.() ?? new Date();

  switch (route.name) {
    case "listSources":
      return { status: 200, json: { sources: (await listSources(db)).map((s) => sourceOut(s, now)) } };
    case "getSource":
      return { status: 200, json: { source: sourceOut(await mustSource(db, id), now) } };
    case "removeSource":
      if (!(await removeSource(db, id))) throw notFound(`no source ${id}`);
      return { status: 204 };
    case "updateSource": {
      const { state } = body as z.infer<typeof ADMIN.bodies.update>;
      const updated = await setSourceState(db, id, state, now);
      if (!updated) throw notFound(`no source ${id}`);
      return { status: 200, json: { source: sourceOut(updated, now) } };
    }
    case "addSource": {
      const spec = body as z.infer<typeof ADMIN.bodies.add>;
      const problems = sourceSpecProblems(spec);
      if (problems.length > 0) throw badRequest(problems.join("; "));
      const check = await checkSource(deps.fetch(), spec.url, deps.maxFeedBytes());
      if (!check.ok) throw new ApiError(422, "source_check_failed", `${spec.url.slice(0, 200)} cannot be a source: ${check.error}`);
      try {
        const added = await addSource(db, { url: check.url, normalisedUrl: check.normalisedUrl, publication: spec.publication, kind: check.kind, ...(check.title ? { title: check.title } : {}) }, now);
        return {
          status: 201,
          json: { source: sourceOut(added, now), check: { kind: check.kind, title: check.title ?? null, items: check.items, sitemaps: check.sitemaps, newest: check.newest ?? null } },
        };
      } catch (err) {
        if (err instanceof SourceExistsError) throw new ApiError(409, "exists", err.message);
        throw err;
      }
    }
  }
}

function parseBody<S extends z.ZodType>(schema: S, body: Buffer | undefined): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse((body ?? Buffer.alloc(0)).toString("utf8"));
  } catch {
    throw badRequest("the body must be a JSON object");
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const problems = r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw badRequest(problems.map((p) => `${p.path || "body"}: ${p.message}`).join("; "), problems);
  }
  return r.data;
}

async function mustSource(db: Firestore, id: string): Promise<StoredSource> {
  const s = await getSource(db, id);
  if (!s) throw notFound(`no source ${id}`);
  return s;
}

const iso = (d: Date | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null);

/** A source as the admin routes show it. */
export function sourceOut(s: StoredSource, now: Date): z.infer<typeof Source> {
  return {
    id: s.id,
    publication: s.publication,
    url: s.url,
    addedUrl: s.addedUrl,
    kind: s.kind ?? null,
    title: s.title ?? null,
    state: s.state,
    addedAt: iso(s.addedAt),
    lastPollAt: iso(s.lastPollAt),
    lastSuccessAt: iso(s.lastSuccessAt),
    lastStatus: s.lastStatus ?? null,
    consecutiveFailures: s.consecutiveFailures,
    lastError: s.lastError ?? null,
    nextPollAt: s.nextPollAtMs >= NEVER_MS ? null : new Date(s.nextPollAtMs).toISOString(),
    intervalMinutes: Math.round(s.intervalMs / 6_000) / 10,
    itemsTotal: s.itemsTotal,
    health: healthOf(s, now),
  };
}
