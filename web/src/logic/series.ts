// An entity's daily series as chart columns: mentions, or the share of the
// publication's articles that mention it. Shares are summed per bucket before
// dividing (articles mentioning it / articles), never averaged across days,
// so a busy day weighs as much as its articles.
import type { SeriesPoint } from "../data/api-types.ts";
import type { SeriesMode } from "./urlState.ts";
import { aggregate } from "./timeline.ts";
import type { Unit } from "./calendar.ts";
import { formatCount, formatShare } from "./format.ts";

export type SeriesColumn = { label: string; value: number | null; title: string };
export type SeriesColumns = { unit: Unit; columns: SeriesColumn[]; format: (v: number) => string };

/** articles / publicationArticles, or null when the publication has no articles then. */
export function share(articles: number, publicationArticles: number): number | null {
  return publicationArticles > 0 ? articles / publicationArticles : null;
}


export function seriesColumns(series: readonly SeriesPoint[], mode: SeriesMode, maxBuckets: number): SeriesColumns {
  const { unit, buckets } = aggregate(series, ["mentions", "articles", "publicationArticles"], maxBuckets);
  if (mode === "mentions") {
    return {
      unit,
      format: formatCount,
      columns: buckets.map((b) => ({ label: b.label, value: b.totals.mentions, title: `${b.label}: ${formatCount(b.totals.mentions)} mentions in ${formatCount(b.totals.articles)} articles` })),
    };
  }
  return {
    unit,
    format: formatShare,
    columns: buckets.map((b) => {
      const v = share(b.totals.articles, b.totals.publicationArticles);
      const of = `${formatCount(b.totals.articles)} of ${formatCount(b.totals.publicationArticles)} articles`;
      return { label: b.label, value: v, title: v === null ? `${b.label}: no articles` : `${b.label}: ${formatShare(v)} (${of})` };
    }),
  };
}
