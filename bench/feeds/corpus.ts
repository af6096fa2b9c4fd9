// The feed bench's corpus: one feed-server publication per source, each with
// the articles its rounds release, their text drawn from a pool of synthetic
// articles (the load test's seeded sentences with well-known names, grouped
// into paragraphs of a few hundred words). Pool texts are shared by reference,
// so thousands of feeds cost the pool's memory, not theirs.
import type { CorpusArticle, CorpusPublication } from "@newsroom/harness/feed-server";
import { seeded } from "@newsroom/test-support/random";
import { syntheticTexts } from "newsroom-load-test/corpus/synthetic";

/** `size` article texts of about `words` words each: paragraphs of 4-6 synthetic snippets, blank lines between. */
export function articlePool(size: number, words = 300, seed = 7): string[] {
  const snippets = syntheticTexts(seed, 2_000).map((t) => t.content);
  const random = seeded(seed ^ 0x5bd1e995);
  const pool: string[] = [];
  for (let a = 0; a < size; a++) {
    const paragraphs: string[] = [];
    let count = 0;
    while (count < words) {
      const paragraph = Array.from({ length: 4 + random.int(3) }, () => random.pick(snippets)).join(" ");
      count += paragraph.split(/\s+/).length;
      paragraphs.push(paragraph);
    }
    pool.push(paragraphs.join("\n\n"));
  }
  return pool;
}

export const slugOf = (source: number) => `bench-${source}`;

/** Feed-server publications, one per source, each holding `articles` articles in release order. */
export function benchPublications(sources: number, articles: number, pool: readonly string[]): CorpusPublication[] {
  return Array.from({ length: sources }, (_, s) => ({
    name: `Bench Feed ${s}`,
    slug: slugOf(s),
    articles: Array.from({ length: articles }, (_, i): CorpusArticle => ({ title: `Bench feed ${s}, story ${i}`, content: pool[(s * 7 + i) % pool.length]! })),
  }));
}

/** The store's publication of source `s` (several sources count for one publication, as wire services' feeds would). */
export const storePublication = (s: number, publications: number) => `Bench Feeds ${s % publications}`;
