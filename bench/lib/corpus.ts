// The benches' fixed corpus: the SOTU articles, or an even sample of them.
import { evenSample, sotuArticles, type CorpusArticle } from "newsroom-load-test/corpus/sotu";

/** `posts` articles spread evenly over the corpus; 0 = all of them. */
export function benchCorpus(posts: number): CorpusArticle[] {
  const all = sotuArticles();
  return posts > 0 ? evenSample(all, posts) : all;
}
