// Turns a request body into a list of candidate posts (still unvalidated).
// Pure: content type and bytes in, items or a client error out.
export const BODY_LIMITS = {
  maxPosts: 1_000,
  maxBytes: 10 * 1024 * 1024,
} as const;

export type { Problem } from "@newsroom/core/post-validation";
import type { Problem } from "@newsroom/core/post-validation";

export type ParseResult =
  | { ok: true; items: unknown[] }
  | { ok: false; status: 400 | 413 | 415; message: string; problems?: Problem[] };

const NDJSON_TYPES = new Set(["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"]);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * @param contentType the request's Content-Type header
 * @param rawBody the bytes as received
 * @param parsedJson the framework's parse of an application/json body (it parses
 *   JSON before the handler runs); ignored for other types
 */
/** The 415 message for a Content-Type ingest does not take, or undefined when it takes it. */
export function unsupportedMediaType(contentType: string | undefined): string | undefined {
  const type = mediaType(contentType);
  if (type !== "application/json" && !NDJSON_TYPES.has(type)) {
    return `Content-Type must be application/json or application/x-ndjson, got "${type.slice(0, 100) || "none"}"`;
  }
  // Bodies are read as UTF-8; a client that says otherwise means something else.
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    return `charset must be utf-8, got "${charset.slice(0, 40)}"`;
  }
  return undefined;
}

export function parseBody(contentType: string | undefined, rawBody: Buffer | undefined, parsedJson: unknown): ParseResult {
  const type = mediaType(contentType);
  const isJson = type === "application/json";
  const unsupported = unsupportedMediaType(contentType);
  if (unsupported) return { ok: false, status: 415, message: unsupported };
  const bytes = rawBody ?? Buffer.alloc(0);
  if (bytes.length > BODY_LIMITS.maxBytes) {
    return { ok: false, status: 413, message: `body is ${bytes.length} bytes; the limit is ${BODY_LIMITS.maxBytes}` };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, status: 400, message: "body is not valid UTF-8" };
  }
  if (text.trim() === "") return { ok: false, status: 400, message: "body is empty" };

  const parsed = isJson ? fromJson(text, parsedJson) : fromNdjson(text);
  if (!parsed.ok) return parsed;
  if (parsed.items.length === 0) return { ok: false, status: 400, message: "no posts in the body" };
  if (parsed.items.length > BODY_LIMITS.maxPosts) {
    return {
      ok: false,
      status: 413,
      message: `${parsed.items.length} posts in one request; the limit is ${BODY_LIMITS.maxPosts}`,
    };
  }
  return parsed;
}

// One post, an array of posts, or {"posts": [...]}.
function fromJson(text: string, parsedJson: unknown): ParseResult {
  let value = parsedJson;
  if (value === undefined || Buffer.isBuffer(value) || typeof value === "string") {
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, status: 400, message: `body is not valid JSON: ${(err as Error).message}` };
    }
  }
  if (Array.isArray(value)) return { ok: true, items: value };
  if (isRecord(value) && Object.hasOwn(value, "posts")) {
    const posts = value["posts"];
    if (!Array.isArray(posts)) return { ok: false, status: 400, message: '"posts" must be an array of posts' };
    return { ok: true, items: posts };
  }
  if (isRecord(value)) return { ok: true, items: [value] };
  return { ok: false, status: 400, message: "body must be a post object, an array of posts, or {\"posts\": [...]}" };
}

// One JSON post per line; blank lines are skipped, every bad line reported.
function fromNdjson(text: string): ParseResult {
  const items: unknown[] = [];
  const problems: Problem[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    try {
      items.push(JSON.parse(line));
    } catch (err) {
      problems.push({ index: items.length + problems.length, path: "", message: `line ${i + 1} is not valid JSON: ${(err as Error).message}` });
    }
    if (items.length + problems.length > BODY_LIMITS.maxPosts) break; // 413 below; stop parsing early
  }
  if (problems.length > 0) return { ok: false, status: 400, message: `${problems.length} malformed NDJSON line(s)`, problems };
  return { ok: true, items };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
