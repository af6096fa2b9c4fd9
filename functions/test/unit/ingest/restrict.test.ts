// Posts a key restricted to some publications may not send.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicationKey } from "@newsroom/core/keys";
import type { Post } from "@newsroom/core/post";
import { forbiddenPosts } from "../../../src/ingest/restrict.js";

const post = (publication: string): Post => ({ publication, content: "text" }) as Post;

describe("forbiddenPosts", () => {
  it("lets a key without restrictions post anywhere", () => {
    assert.deepEqual(forbiddenPosts([post("A"), post("B")], undefined), []);
  });

  it("lists each post for another publication, by index, as the 400 lists invalid posts", () => {
    const allowed = new Set([publicationKey("The Times")]);
    assert.deepEqual(forbiddenPosts([post("The Times"), post("Daily Sample"), post(" the  TIMES "), post("Other")], allowed), [
      { index: 1, path: "publication", message: 'this key may not post to "Daily Sample"' },
      { index: 3, path: "publication", message: 'this key may not post to "Other"' },
    ]);
  });

  it("clips a long publication name in its message", () => {
    const [problem] = forbiddenPosts([post("x".repeat(200))], new Set(["y"]));
    assert.equal(problem!.message, `this key may not post to "${"x".repeat(100)}…"`);
  });
});
