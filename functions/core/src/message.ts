// The Pub/Sub message format between ingest and processing: versioned JSON,
// defined once here and imported by both sides.
import { z } from "zod";
import { PostSchema, type Post } from "./post.js";

export const MESSAGE_VERSION = 1;

export const PostsMessageSchema = z.object({
  v: z.literal(MESSAGE_VERSION),
  posts: z.array(PostSchema).min(1),
  receivedAt: z.iso.datetime(),
});

export type PostsMessage = { v: typeof MESSAGE_VERSION; posts: Post[]; receivedAt: string };

export function encodeMessage(posts: readonly Post[], receivedAt: Date): Buffer {
  const message: PostsMessage = { v: MESSAGE_VERSION, posts: [...posts], receivedAt: receivedAt.toISOString() };
  return Buffer.from(JSON.stringify(message), "utf8");
}

/** Bytes that `encodeMessage` adds around the posts array (the envelope). */
export const ENVELOPE_BYTES = encodeMessage([], new Date(0)).length;

export type DecodeResult = { ok: true; message: PostsMessage } | { ok: false; reason: string };

/** Decodes and validates a message body; never throws (a bad message is poison, not a crash). */
export function decodeMessage(data: Buffer | string): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof data === "string" ? data : data.toString("utf8"));
  } catch (err) {
    return { ok: false, reason: `not JSON: ${(err as Error).message}` };
  }
  const parsed = PostsMessageSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    return { ok: false, reason: `schema: ${first}` };
  }
  return { ok: true, message: parsed.data as PostsMessage };
}

/**
 * Bytes a post may take in a message (JSON-encoded, with the envelope): Eventarc
 * delivers at most 512 KB per event and the message travels base64-encoded in
 * it (4/3 of its size), so a message stays under 360 KiB. A post of 100,000
 * characters fits unless most of them are characters JSON escapes (\u0001 is
 * six bytes).
 */
export const MAX_MESSAGE_BYTES = 360 * 1024;
