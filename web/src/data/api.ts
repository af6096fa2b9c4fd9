// The read API (functions/src/api), same-origin at /api through Hosting's
// rewrite. One typed function per route the page uses; every failure becomes
// an ApiError (core's, the type the API throws) whose message is fit to show
// (the API's own {error, message}, or what went wrong on the way). Callers
// pass an AbortSignal so a view that moved on cancels what it no longer needs.
// The operator's routes (/v1/sources) take the operator's key, which the
// caller holds (views/sources.ts); it goes in the Authorization header only,
// never in the URL, and their answers are never cached.
import { ApiError } from "@newsroom/core/api-error";
import type { EntityType, Scope } from "../logic/types.ts";
import type {
  ArticlesAnswer,
  CompareAnswer,
  ElsewhereAnswer,
  EntityAnswer,
  GlobalEntityAnswer,
  RankedBy,
  RisingAnswer,
  SearchAnswer,
  SourcesAnswer,
} from "./api-types.ts";

export const API_BASE = "/api/v1";

type Params = Record<string, string | number | null | undefined>;

const seg = (id: string) => encodeURIComponent(id);

/** A path under the API with its query (empty values left out). */
export function apiUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ""}`;
}

/** `operatorKey`: for the operator's routes, sent as a bearer token and never cached. */
type Options = { signal?: AbortSignal | undefined; operatorKey?: string };

async function getJson<T>(path: string, params: Params, options: AbortSignal | Options = {}): Promise<T> {
  const { signal, operatorKey } = options instanceof AbortSignal ? { signal: options, operatorKey: undefined } : options;
  const headers: Record<string, string> = { accept: "application/json" };
  if (operatorKey !== undefined) headers.authorization = `Bearer ${operatorKey}`;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), { signal, headers, ...(operatorKey !== undefined ? { cache: "no-store" as const } : {}) });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, "network", `The read API could not be reached (${(err as Error).message}).`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, "bad_answer", `The read API answered ${res.status} with something that is not JSON.`);
  }
  if (!res.ok) throw ApiError.fromAnswer(res.status, body);
  if (typeof body !== "object" || body === null) throw new ApiError(res.status, "bad_answer", "The read API's answer is not an object.");
  return body as T;
}

const typeParam = (type: EntityType | "all") => (type === "all" ? undefined : type);

export const api = {
  entity: (pub: string, id: string, signal?: AbortSignal) => getJson<EntityAnswer>(`/publications/${seg(pub)}/entities/${seg(id)}`, {}, signal),

  /** The entity over all publications: its series and years, and the publications that mention it most. */
  globalEntity: (id: string, signal?: AbortSignal) => getJson<GlobalEntityAnswer>(`/entities/${seg(id)}`, {}, signal),

  elsewhere: (pub: string, id: string, signal?: AbortSignal) => getJson<ElsewhereAnswer>(`/publications/${seg(pub)}/entities/${seg(id)}/elsewhere`, {}, signal),

  /** Newest first; pass the previous answer's `next` for the page after it. */
  articles: (pub: string, id: string, cursor: string | null, limit: number, signal?: AbortSignal) =>
    getJson<ArticlesAnswer>(`/publications/${seg(pub)}/entities/${seg(id)}/articles`, { limit, cursor }, signal),

  compare: (a: string, b: string, type: EntityType | "all", limit: number, signal?: AbortSignal) =>
    getJson<CompareAnswer>("/compare", { a, b, type: typeParam(type), limit }, signal),

  search: (pub: string, q: string, type: EntityType | "all", limit: number, signal?: AbortSignal) =>
    getJson<SearchAnswer>("/search", { pub, q, type: typeParam(type), limit }, signal),

  /** The entities rising on `day` (null: today so far) in a publication (null: in all publications). */
  rising: (pub: string | null, limit: number, day: string | null, signal?: AbortSignal) => getJson<RisingAnswer>("/rising", { pub, limit, day }, signal),

  /** The rollup's progress and when the newest article was received (articles are not readable from Firestore); the caller decodes it (logic/freshness.ts). */
  status: (signal?: AbortSignal) => getJson<Record<string, unknown>>("/status", {}, signal),

  /** Every feed source with its health (operator only: 401 without a key, 403 with another). */
  sources: async (operatorKey: string, signal?: AbortSignal): Promise<SourcesAnswer> => {
    const answer = await getJson<SourcesAnswer>("/sources", {}, { signal, operatorKey });
    if (!Array.isArray(answer.sources)) throw new ApiError(200, "bad_answer", "The API's list of sources has no sources.");
    return answer;
  },
};

/** A scope's ranked list as a CSV file (the API sets Content-Disposition): for a link with `download`; over all publications, /v1/entities. */
export function entitiesCsvUrl(scope: Scope, type: EntityType | "all", limit: number, by: RankedBy = "mentions"): string {
  return apiUrl(scope === null ? "/entities" : `/publications/${seg(scope)}/entities`, { by, type: typeParam(type), limit, format: "csv" });
}

/** Whether an error is the abort of a request the page no longer wanted. */
export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === "AbortError";
