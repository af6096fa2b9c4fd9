// Everything ingest can decide from a request's head (method, path, headers,
// client address) before a single body byte is read: the key, the route, the
// method, what the body may be, and whether the key's bucket is empty. The
// handler runs it after the framework has parsed the body (the Functions
// emulator leaves no choice); the pre-body guard (http/pre-body-guard.ts, with
// ingest's head-policy.ts) runs the same checks, awaiting the key's lookup,
// before the framework reads anything.
import type { IncomingHttpHeaders } from "node:http";
import { declaredLength } from "../http/pre-body-guard.js";
import type { Client, IngestAccess } from "./access.js";
import { BODY_LIMITS, unsupportedMediaType, type Problem } from "./parse.js";

export const ROUTES = { posts: "/posts", enqueue: "/post/enqueue" } as const;

/** What ingest answers: status, JSON body, extra headers, and what to log. */
export type Outcome = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  posts?: number;
  messages?: number;
  error?: string;
};

export type RequestHead = { method: string; path: string; headers: IncomingHttpHeaders; address: string };

export function failure(status: number, error: string, message: string, problems?: Problem[]): Outcome {
  return { status, body: problems ? { error, message, problems } : { error, message } };
}

export interface HeadCheckOptions {
  /**
   * The body has not been read yet (the pre-body guard), so a body of unknown
   * length (chunked) is refused too: nothing else bounds what reading it would
   * cost, and a Content-Type ingest takes no body of is refused at no read.
   */
  bodyUnread: boolean;
}

/** The client a request's head admits, or the refusal for a head that already rules the request out. */
export async function checkHead(head: RequestHead, access: IngestAccess, options: HeadCheckOptions): Promise<{ client: Client } | { refused: Outcome }> {
  // The key is checked before anything else looks at the request.
  const who = await access.identify(head.headers, head.address);
  if (!who.ok) return { refused: who.outcome };
  const refused = checkShape(head, options) ?? access.beforeBody(who.client);
  return refused ? { refused } : { client: who.client };
}

/** Route, method and what the body may be: the checks that need no key. Pure. */
export function checkShape(head: Omit<RequestHead, "address">, { bodyUnread }: HeadCheckOptions): Outcome | undefined {
  const route = head.path;
  if (route !== ROUTES.posts && route !== ROUTES.enqueue) {
    const shown = route.length > 100 ? `${route.slice(0, 100)}…` : route;
    return failure(404, "not_found", `no route ${JSON.stringify(shown)}; POST ${ROUTES.posts} or ${ROUTES.enqueue}`);
  }
  if (head.method !== "POST") {
    return { ...failure(405, "method_not_allowed", `${head.method} is not allowed on ${route}; use POST`), headers: { Allow: "POST" } };
  }
  // Inflating is where a small request becomes a large one: bodies come as sent.
  const encoding = (headerValue(head.headers["content-encoding"]) ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "") {
    return failure(415, "unsupported_media_type", `Content-Encoding "${encoding.slice(0, 40)}" is not accepted; send the body uncompressed`);
  }
  if (bodyUnread) {
    // The handler says the same once the body is read; here it costs no read.
    const unsupported = unsupportedMediaType(headerValue(head.headers["content-type"]));
    if (unsupported) return failure(415, "unsupported_media_type", unsupported);
  }
  const declared = declaredLength(head.headers);
  if (declared !== undefined && declared > BODY_LIMITS.maxBytes) {
    return failure(413, "too_large", `body is ${declared} bytes; the limit is ${BODY_LIMITS.maxBytes}`);
  }
  if (bodyUnread && declared === undefined && head.headers["transfer-encoding"] !== undefined) {
    return failure(411, "length_required", "send a Content-Length (bodies of unknown length are not accepted)");
  }
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}
