// Picks the corpus the user asked for and gives every post a run-scoped id:
// retries within a run share ids (counted once), another run counts anew.
import { filePosts, type FileSource } from "./files.ts";
import { evenSample, sotuArticles } from "./sotu.ts";
import { syntheticPosts } from "./synthetic.ts";
import type { LoadPost } from "./types.ts";

export type CorpusChoice =
  | {
      kind: "sotu";
      by: "president" | "party";
      /** articles spread evenly over the corpus */ sample?: number;
      /** put before every publication's name: a run's own publications on a shared stack */ prefix?: string;
    }
  | { kind: "synthetic"; seed: number; publications?: readonly string[] }
  | ({ kind: "file" } & FileSource);

/**
 * Posts of the corpus, ids prefixed with `runId`. With `cycle` (a post count or a duration was asked for)
 * a finite corpus repeats with fresh ids; the sender decides when to stop.
 */
export async function* corpusPosts(choice: CorpusChoice, { runId, cycle, skipped }: { runId: string; cycle: boolean; skipped: string[] }): AsyncGenerator<LoadPost> {
  if (choice.kind === "synthetic") {
    if (!cycle) throw new Error("the synthetic corpus needs a number of posts (--posts) or a duration (--duration)");
    const publications = choice.publications ? { publications: choice.publications } : {};
    for (const p of syntheticPosts({ seed: choice.seed, posts: Infinity, ...publications })) {
      yield { ...p, id: `${runId}:${p.id}` };
    }
    return;
  }
  for (let round = 0; ; round++) {
    let yielded = 0;
    const source: AsyncIterable<LoadPost> | Iterable<LoadPost> =
      choice.kind === "sotu" ? sotuSource(choice) : filePosts(choice, round === 0 ? skipped : []);
    for await (const p of source) {
      yielded++;
      yield { ...p, id: `${runId}:${p.id}${round > 0 ? `#${round}` : ""}` };
    }
    if (yielded === 0 || !cycle) return; // an empty corpus, or one pass asked for
  }
}

function sotuSource(choice: { by: "president" | "party"; sample?: number; prefix?: string }) {
  const all = sotuArticles({ publication: choice.by });
  const chosen = choice.sample ? evenSample(all, choice.sample) : all;
  return choice.prefix ? chosen.map((a) => ({ ...a, publication: `${choice.prefix}${a.publication}` })) : chosen;
}
