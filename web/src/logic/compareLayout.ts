// The compare view's three columns: entities distinctive of A, shared, and
// distinctive of B, as the read API ranks them. Bars show mentions per
// article of each publication, so a publication with more articles does not
// look as if it said more about everything.
import type { CompareAnswer, ComparedEntity } from "../data/api-types.ts";

export type Side = "a" | "b";
export type CompareRow = ComparedEntity & {
  /** Mentions per article in A and in B, as a fraction (0..1) of the largest in the view. */
  barA: number;
  barB: number;
  /** The publication whose entity view the row links to. */
  linkTo: Side;
};
export type CompareColumn = { key: "distinctiveOfA" | "shared" | "distinctiveOfB"; title: string; rows: CompareRow[] };

export function compareColumns(answer: CompareAnswer): CompareColumn[] {
  const perArticle = (mentions: number, articles: number) => (articles > 0 ? mentions / articles : 0);
  const all = [...answer.distinctiveOfA, ...answer.shared, ...answer.distinctiveOfB];
  const max = Math.max(0, ...all.flatMap((e) => [perArticle(e.mentionsA, answer.a.articleCount), perArticle(e.mentionsB, answer.b.articleCount)]));
  const rows = (list: readonly ComparedEntity[], linkTo: Side): CompareRow[] =>
    list.map((e) => ({
      ...e,
      barA: max > 0 ? perArticle(e.mentionsA, answer.a.articleCount) / max : 0,
      barB: max > 0 ? perArticle(e.mentionsB, answer.b.articleCount) / max : 0,
      linkTo,
    }));
  return [
    { key: "distinctiveOfA", title: `More in ${answer.a.name}`, rows: rows(answer.distinctiveOfA, "a") },
    // Shared entities open in A, the publication the view is about (?pub=).
    { key: "shared", title: "In both", rows: rows(answer.shared, "a") },
    { key: "distinctiveOfB", title: `More in ${answer.b.name}`, rows: rows(answer.distinctiveOfB, "b") },
  ];
}
