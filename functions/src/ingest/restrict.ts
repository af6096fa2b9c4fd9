// A key restricted to some publications: which posts of a request it may not
// send, listed as the 400 lists invalid posts. Pure.
import { publicationKey } from "@newsroom/core/keys";
import type { Post } from "@newsroom/core/post";
import type { Problem } from "./parse.js";

/** The posts for publications outside `allowed` (publication keys); none when `allowed` is undefined (any publication). */
export function forbiddenPosts(posts: readonly Post[], allowed: ReadonlySet<string> | undefined): Problem[] {
  if (allowed === undefined) return [];
  const problems: Problem[] = [];
  posts.forEach((post, index) => {
    if (allowed.has(publicationKey(post.publication))) return;
    const name = post.publication.length > 100 ? `${post.publication.slice(0, 100)}…` : post.publication;
    problems.push({ index, path: "publication", message: `this key may not post to ${JSON.stringify(name)}` });
  });
  return problems;
}
