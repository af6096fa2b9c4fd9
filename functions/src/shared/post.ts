// The one definition of a post, shared by the ingest endpoint (validation)
// and the processing side (decoding Pub/Sub messages).
import { z } from "zod";

export const POST_LIMITS = {
  publication: 200,
  content: 100_000,
  title: 1_000,
  id: 200,
} as const;

// NUL characters have no place in text and break downstream tooling.
const noNul = (what: string) => [(s: string) => !s.includes("\u0000"), `${what} must not contain NUL characters`] as const;

const trimmed = (max: number, what: string) =>
  z
    .string()
    .refine(...noNul(what))
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, `${what} must not be blank`)
        .max(max, `${what} must be at most ${max} characters`),
    );

const httpUrl = z
  .string()
  .max(2_048, "url must be at most 2048 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, "url must be a valid http(s) URL");

// z.object() strips unknown keys, so extra client fields are dropped.
export const PostSchema = z.object({
  publication: trimmed(POST_LIMITS.publication, "publication"),
  content: z
    .string()
    .max(POST_LIMITS.content, `content must be at most ${POST_LIMITS.content} characters`)
    .refine(...noNul("content"))
    .refine((s) => s.trim().length > 0, "content must not be blank"),
  title: z
    .string()
    .max(POST_LIMITS.title, `title must be at most ${POST_LIMITS.title} characters`)
    .refine(...noNul("title"))
    .optional(),
  url: httpUrl.optional(),
  publishedAt: z.iso
    .datetime({ offset: true, message: "publishedAt must be an ISO 8601 date-time" })
    .or(z.iso.date({ message: "publishedAt must be an ISO 8601 date-time" }))
    .optional(),
  id: trimmed(POST_LIMITS.id, "id").optional(),
});

export type Post = z.output<typeof PostSchema>;
