// An entity's history as chart columns: mentions, or the share of the
// publication's articles that mention it. Shares are summed per bucket before
// dividing (articles mentioning it / articles), never averaged across days,
// so a busy day weighs as much as its articles.
import type { SeriesPoint, YearPoint } from "../data/api-types.ts";
import type { DayRange, Unit } from "@newsroom/core/calendar";
import { formatCount, formatShare } from "./format.ts";
import { aggregate, countable, yearsToPoints } from "./timeline.ts";
import type { SeriesMode } from "./urlState.ts";

export type SeriesColumn = { label: string; value: number | null; title: string };
/** `skipped`: mentions on days left out (no day, or outside the range). */
export type SeriesColumns = { unit: Unit; columns: SeriesColumn[]; format: (v: number) => string; skipped: number };
/** The points to chart: the daily series, or the per-year history (finest "year"). */
export type History = { source: "days" | "years"; finest: Unit; points: readonly SeriesPoint[] };

/** articles / publicationArticles, or null when the publication has no articles then. */
export function share(articles: number, publicationArticles: number): number | null {
  return publicationArticles > 0 ? articles / publicationArticles : null;
}

/** First and last year of the countable points, or null for none. */
function yearSpan(points: readonly SeriesPoint[], finest: Unit, range?: DayRange): [string, string] | null {
  const years = points.filter((p) => countable(p.day, finest, range)).map((p) => p.day.slice(0, 4));
  return years.length === 0 ? null : [years.reduce((a, b) => (b < a ? b : a)), years.reduce((a, b) => (b > a ? b : a))];
}

/**
 * The API's daily series covers the entity's most recent years; `years`, its
 * whole history. The history is shown when it reaches beyond the series (at
 * that span the days would be drawn as years anyway), else the series.
 */
export function entityHistory(answer: { series: readonly SeriesPoint[]; years?: readonly YearPoint[] }, range?: DayRange): History {
  const days: History = { source: "days", finest: "day", points: answer.series };
  const years: History = { source: "years", finest: "year", points: yearsToPoints(answer.years ?? []) };
  const [s, y] = [yearSpan(days.points, "day", range), yearSpan(years.points, "year", range)];
  return y !== null && (s === null || y[0] < s[0] || y[1] > s[1]) ? years : days;
}

export function seriesColumns(h: History, mode: SeriesMode, maxBuckets: number, range?: DayRange): SeriesColumns {
  const { unit, buckets, skipped } = aggregate(h.points, ["mentions", "articles", "publicationArticles"], maxBuckets, { finest: h.finest, range });
  const base = { unit, skipped: skipped.mentions };
  if (mode === "mentions") {
    return {
      ...base,
      format: formatCount,
      columns: buckets.map((b) => ({ label: b.label, value: b.totals.mentions, title: `${b.label}: ${formatCount(b.totals.mentions)} mentions in ${formatCount(b.totals.articles)} articles` })),
    };
  }
  return {
    ...base,
    format: formatShare,
    columns: buckets.map((b) => {
      const v = share(b.totals.articles, b.totals.publicationArticles);
      const of = `${formatCount(b.totals.articles)} of ${formatCount(b.totals.publicationArticles)} articles`;
      return { label: b.label, value: v, title: v === null ? `${b.label}: no articles` : `${b.label}: ${formatShare(v)} (${of})` };
    }),
  };
}
