// Validates candidate posts against the shared schema and the date bounds,
// listing every problem: the one gate for posts, whether a client POSTs them
// or the feed poller collects them.
import { DEFAULT_DATE_BOUNDS, publishedAtProblem, type DateBounds } from "./dates.js";
import { ENVELOPE_BYTES, MAX_MESSAGE_BYTES } from "./message.js";
import { PostSchema, type Post } from "./post.js";

/** One problem with a request: the post's index (null: the request as a whole), the field, what is wrong. */
export type Problem = { index: number | null; path: string; message: string };

export type ValidationResult = { ok: true; posts: Post[] } | { ok: false; problems: Problem[] };

export interface ValidationOptions {
  /** The days a post may count on (params PUBLISHED_AT_EARLIEST, PUBLISHED_AT_AHEAD_HOURS). */
  dates: DateBounds;
  /** When the posts are received: the upper date bound counts from it. */
  now: Date;
}

export function validatePosts(items: readonly unknown[], options: ValidationOptions = { dates: DEFAULT_DATE_BOUNDS, now: new Date() }): ValidationResult {
  const posts: Post[] = [];
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const result = PostSchema.safeParse(item);
    if (result.success) {
      // Too big to travel alone in a Pub/Sub message to processPosts: refused now, not lost later.
      const bytes = ENVELOPE_BYTES + Buffer.byteLength(JSON.stringify(result.data), "utf8");
      if (bytes > MAX_MESSAGE_BYTES) {
        problems.push({ index, path: "", message: `the post is ${bytes} bytes once encoded as JSON; the limit is ${MAX_MESSAGE_BYTES} (characters such as control characters take six bytes each)` });
        return;
      }
      const dated = publishedAtProblem(result.data.publishedAt, options.now, options.dates);
      if (dated) {
        problems.push({ index, path: "publishedAt", message: dated });
        return;
      }
      posts.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      problems.push({ index, path: issue.path.map(String).join("."), message: messageFor(issue) });
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, posts };
}

function messageFor(issue: { code: string; message: string; path: PropertyKey[] }): string {
  // zod's default for a missing field is "Invalid input: expected string, received undefined".
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return `${issue.path.map(String).join(".") || "post"} is required`;
  }
  if (issue.code === "invalid_type" && issue.path.length === 0) return "each post must be a JSON object";
  return issue.message;
}
