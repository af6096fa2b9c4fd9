// The HTTP handler of the ingest function: authenticate, route, parse,
// validate, check the key's publications and rate, publish, answer. Every
// dependency is injected so it runs in tests.
import type { Request } from "firebase-functions/v2/https";
import type { Response } from "express";
import { DEFAULT_DATE_BOUNDS, type DateBounds } from "@newsroom/core/dates";
import type { Post } from "@newsroom/core/post";
import type { AddressedRequest } from "../http/client-address.js";
import { originalContentType } from "../http/pre-body-guard.js";
import type { Client, IngestAccess } from "./access.js";
import { PublishError } from "@newsroom/core/batcher";
import { checkHead, failure, ROUTES, type Outcome } from "./head-checks.js";
import { parseBody } from "./parse.js";
import { validatePosts } from "@newsroom/core/post-validation";

export const RETRY_AFTER_SECONDS = 5;
/**
 * A publish Pub/Sub did not confirm in time may still have been published
 * (finding 13): only a post with an id is safe to send again.
 */
export const UNCONFIRMED_MESSAGE =
  "Pub/Sub did not confirm the posts in time; they may have been published all the same. Retry with the same ids: a post with an id is counted once, a post without one may be counted twice";
/** The path is the client's to choose, key or no key: log no more than this of it. */
export const LOGGED_PATH_CHARS = 200;

export type IngestLog = {
  route: string;
  method: string;
  /** Whose key it was (the operator, or a client's name); never the key. */
  client?: string;
  status: number;
  posts: number;
  bytes: number;
  messages: number;
  latencyMs: number;
  error?: string;
};

export type IngestDeps = {
  access: () => IngestAccess;
  clientAddress: (req: AddressedRequest) => string;
  /** The days a post may count on (read at run time: params have values only then). */
  dateBounds?: () => DateBounds;
  submit: (posts: readonly Post[]) => Promise<string[]>;
  log: (entry: IngestLog) => void;
  now?: () => number;
};

export function createIngestHandler(deps: IngestDeps) {
  const now = deps.now ?? (() => performance.now());
  return async (req: Request, res: Response): Promise<void> => {
    const started = now();
    let outcome: Outcome & { client?: string };
    try {
      outcome = await handle(req, deps);
    } catch (err) {
      // Never leak internals (stack traces, messages of dependencies) to clients.
      outcome = { ...failure(500, "internal", "internal error"), error: (err as Error).message };
    }
    res.status(outcome.status);
    for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
    res.json(outcome.body);
    deps.log({
      route: clipForLog(req.path),
      method: req.method,
      ...(outcome.client ? { client: outcome.client } : {}),
      status: outcome.status,
      posts: outcome.posts ?? 0,
      bytes: req.rawBody?.length ?? 0,
      messages: outcome.messages ?? 0,
      latencyMs: Math.round((now() - started) * 10) / 10,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  };
}

async function handle(req: Request, deps: IngestDeps): Promise<Outcome & { client?: string }> {
  // Key, route, method, body headers and an empty bucket; in production the
  // pre-body guard (http/pre-body-guard.ts) has already run the same checks before the
  // body was read (the key's lookup is then in the instance's cache).
  const head = await checkHead({ method: req.method, path: req.path, headers: req.headers, address: deps.clientAddress(req) }, deps.access(), { bodyUnread: false });
  if ("refused" in head) return head.refused;
  return { ...(await handleBody(req, deps, head.client)), client: head.client.name };
}

async function handleBody(req: Request, deps: IngestDeps, client: Client): Promise<Outcome> {
  const route = req.path;

  const parsed = parseBody(originalContentType(req), req.rawBody, req.body);
  if (!parsed.ok) return failure(parsed.status, codeFor(parsed.status), parsed.message, parsed.problems);
  if (route === ROUTES.enqueue && parsed.items.length !== 1) {
    return failure(400, "invalid_request", `${ROUTES.enqueue} takes exactly one post; use ${ROUTES.posts} for several`);
  }
  const valid = validatePosts(parsed.items, { dates: deps.dateBounds?.() ?? DEFAULT_DATE_BOUNDS, now: new Date() });
  if (!valid.ok) {
    const invalid = new Set(valid.problems.map((p) => p.index)).size;
    return failure(400, "invalid_posts", `${invalid} of ${parsed.items.length} posts are invalid; nothing was accepted`, valid.problems);
  }

  // The key's publications, then its rate: all of the posts or none.
  const admitted = deps.access().admit(client, valid.posts);
  if (!admitted.ok) return admitted.outcome;

  try {
    const messageIds = await deps.submit(valid.posts);
    return { status: 202, body: { accepted: valid.posts.length, messageIds }, headers: admitted.headers, posts: valid.posts.length, messages: messageIds.length };
  } catch (err) {
    if (!(err instanceof PublishError)) throw err;
    return {
      ...failure(503, "unavailable", UNCONFIRMED_MESSAGE),
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
      error: err.message,
    };
  }
}

function codeFor(status: number): string {
  return status === 413 ? "too_large" : status === 415 ? "unsupported_media_type" : "invalid_request";
}

/** An attacker-controlled string (the path) as it may appear in the log. */
export function clipForLog(text: string): string {
  if (text.length <= LOGGED_PATH_CHARS) return text;
  return `${text.slice(0, LOGGED_PATH_CHARS)}…[${text.length - LOGGED_PATH_CHARS} more characters]`;
}
