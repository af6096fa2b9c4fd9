// Validates candidate posts against the shared schema, listing every problem.
import { PostSchema, type Post } from "@newsroom/core/post";
import type { Problem } from "./parse.js";

export type ValidationResult = { ok: true; posts: Post[] } | { ok: false; problems: Problem[] };

export function validatePosts(items: readonly unknown[]): ValidationResult {
  const posts: Post[] = [];
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const result = PostSchema.safeParse(item);
    if (result.success) {
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
