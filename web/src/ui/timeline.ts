// A publication's articles per day (or per week, month... when the days do
// not fit) from its year documents, or per year or decade from its per-year
// summary when its articles span more years than a card follows
// (data/timelineFeed.ts). Counts on impossible days are left out, and said so.
import type { TimelineData } from "../data/timelineFeed.ts";
import { countableRange } from "@newsroom/core/calendar";
import { formatCount } from "../logic/format.ts";
import { fileName } from "../logic/names.ts";
import { aggregate, daysToPoints, yearlyToPoints } from "../logic/timeline.ts";
import type { Publication } from "../logic/types.ts";
import { columnChart } from "./columnChart.ts";
import { h } from "./dom.ts";
import { oddDatesLine } from "./oddDates.ts";
import { pngButton } from "./png.ts";
import { statusBox } from "./status.ts";

// Not a type colour: articles are not entities.
const INK = "#3b4a5a";

export function timelineFigure(p: Pick<Publication, "key" | "name">, t: TimelineData, o: { width: number; height: number; maxBuckets: number }): HTMLElement {
  if (t.kind === "loading") return h("figure", { class: "timeline", "data-state": "loading" }, statusBox("loading", "Loading its articles per day…"));
  if (t.kind === "error") return h("figure", { class: "timeline", "data-state": "error" }, statusBox("error", "Could not load its articles per day", t.message));
  const range = countableRange(Date.now());
  const { unit, buckets, skipped } =
    t.kind === "days"
      ? aggregate(daysToPoints(t.days), ["articles"], o.maxBuckets, { range })
      : aggregate(yearlyToPoints(t.yearly), ["articles"], o.maxBuckets, { finest: "year", range });
  const caption = `Articles per ${unit}`;
  const noteEl = oddDatesLine(skipped.articles + (t.kind === "days" ? t.outside : 0), "article", "articles", range);
  const attrs = { class: "timeline", "data-source": t.kind, "data-unit": unit };
  if (buckets.length === 0) return h("figure", { ...attrs, "data-state": "empty" }, h("figcaption", {}, caption, ": no dated articles yet"), noteEl);
  const total = buckets.reduce((n, b) => n + b.totals.articles, 0);
  const top = buckets.reduce((a, b) => (b.totals.articles > a.totals.articles ? b : a));
  const summary = `${caption}, ${buckets[0]!.label} to ${buckets.at(-1)!.label}: ${formatCount(total)} in all, most ${formatCount(top.totals.articles)} (${top.label})`;
  const chart = columnChart(
    buckets.map((b) => ({ label: b.label, value: b.totals.articles, title: `${b.label}: ${formatCount(b.totals.articles)} article${b.totals.articles === 1 ? "" : "s"}` })),
    { width: o.width, height: o.height, colour: INK, format: formatCount, summary, className: "timeline-chart" },
  );
  const figure = h("figure", { ...attrs, "data-state": "data" });
  figure.append(
    h("figcaption", {}, h("span", {}, caption), pngButton(() => figure.querySelector("svg"), () => fileName(p.key, "articles-per", unit), `timeline of ${p.name}`)),
    chart,
  );
  if (noteEl) figure.append(noteEl);
  return figure;
}
