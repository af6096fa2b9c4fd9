// The one definition of a post, shared by the ingest endpoint (validation)
// and the processing side (decoding Pub/Sub messages).
import { z } from "zod";

export const POST_LIMITS = {
  publication: 200,
  content: 100_000,
  title: 1_000,
  id: 200,
} as const;

// Text every field must be: no NUL characters (they break downstream tools),
// and well-formed Unicode (an unpaired surrogate such as "\ud800" survives JSON
// but not UTF-8 encoding: Firestore would refuse the whole message later).
const text = (what: string) =>
  z
    .string()
    .refine((s) => !s.includes("\u0000"), `${what} must not contain NUL characters`)
    .refine((s) => s.isWellFormed(), `${what} must be valid Unicode (no unpaired surrogates)`);

const trimmed = (max: number, what: string) =>
  text(what)
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
  // new URL() would quietly percent-encode these; the raw value is what gets stored.
  .refine((s) => !/[\u0000-\u0020\u007f]/.test(s) && s.isWellFormed(), {
    message: "url must not contain spaces or control characters",
    abort: true, // one problem per URL is enough
  })
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
  content: text("content")
    .max(POST_LIMITS.content, `content must be at most ${POST_LIMITS.content} characters`)
    .refine((s) => s.trim().length > 0, "content must not be blank"),
  title: text("title")
    .max(POST_LIMITS.title, `title must be at most ${POST_LIMITS.title} characters`)
    .optional(),
  url: httpUrl.optional(),
  publishedAt: z.iso
    .datetime({ offset: true, message: "publishedAt must be an ISO 8601 date-time" })
    .or(z.iso.date({ message: "publishedAt must be an ISO 8601 date-time" }))
    .optional(),
  id: trimmed(POST_LIMITS.id, "id").optional(),
});

export type Post = z.output<typeof PostSchema>;
