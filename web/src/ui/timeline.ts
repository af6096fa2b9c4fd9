// A publication's articles per day (or per week, month... when the days do
// not fit), from the days map of its document.
import { formatCount } from "../logic/format.ts";
import { aggregate, daysToPoints } from "../logic/timeline.ts";
import type { Publication } from "../logic/types.ts";
import { fileName } from "../logic/names.ts";
import { columnChart } from "./columnChart.ts";
import { h } from "./dom.ts";
import { pngButton } from "./png.ts";

// Not a type colour: articles are not entities.
const INK = "#3b4a5a";

export function timelineFigure(p: Publication, o: { width: number; height: number; maxBuckets: number }): HTMLElement {
  const { unit, buckets } = aggregate(daysToPoints(p.days), ["articles"], o.maxBuckets);
  const caption = `Articles per ${unit}`;
  if (buckets.length === 0) return h("figure", { class: "timeline", "data-state": "empty" }, h("figcaption", {}, caption, ": no dated articles yet"));
  const total = buckets.reduce((n, b) => n + b.totals.articles, 0);
  const top = buckets.reduce((a, b) => (b.totals.articles > a.totals.articles ? b : a));
  const summary = `${caption}, ${buckets[0]!.label} to ${buckets.at(-1)!.label}: ${formatCount(total)} in all, most ${formatCount(top.totals.articles)} (${top.label})`;
  const chart = columnChart(
    buckets.map((b) => ({ label: b.label, value: b.totals.articles, title: `${b.label}: ${formatCount(b.totals.articles)} article${b.totals.articles === 1 ? "" : "s"}` })),
    { width: o.width, height: o.height, colour: INK, format: formatCount, summary, className: "timeline-chart" },
  );
  const figure = h("figure", { class: "timeline", "data-state": "data", "data-unit": unit });
  figure.append(
    h("figcaption", {}, h("span", {}, caption), pngButton(() => figure.querySelector("svg"), () => fileName(p.key, "articles-per", unit), `timeline of ${p.name}`)),
    chart,
  );
  return figure;
}
