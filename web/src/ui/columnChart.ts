// A column chart as SVG (timelines and an entity's series): one column per
// bucket from logic/timeline.ts, the scale's maximum on the left, the first
// and last bucket's labels below. Every column names its bucket and value in
// a tooltip; the chart as a whole is summarised for screen readers.
import { layoutColumns } from "../logic/timeline.ts";
import { s } from "./dom.ts";

export type ColumnItem = { label: string; value: number | null; title: string };
export type ColumnChartOptions = { width: number; height: number; colour: string; format: (v: number) => string; summary: string; className: string };

const LEFT = 34;
const BOTTOM = 16;

export function columnChart(items: readonly ColumnItem[], o: ColumnChartOptions): SVGSVGElement {
  const { columns, scaleMax, plot } = layoutColumns(items, { width: o.width, height: o.height, left: LEFT, bottom: BOTTOM, top: 8 });
  const svg = s("svg", { class: `column-chart ${o.className}`, viewBox: `0 0 ${o.width} ${o.height}`, role: "img", "aria-label": o.summary });
  const axisY = plot.y + plot.height;
  svg.append(
    s("text", { x: LEFT - 4, y: plot.y, "text-anchor": "end", "dominant-baseline": "central", class: "axis-label" }, o.format(scaleMax)),
    s("text", { x: LEFT - 4, y: axisY, "text-anchor": "end", "dominant-baseline": "central", class: "axis-label" }, o.format(0)),
    s("line", { x1: LEFT, x2: o.width, y1: plot.y, y2: plot.y, class: "gridline" }),
    s("line", { x1: LEFT, x2: o.width, y1: axisY, y2: axisY, class: "axis" }),
  );
  columns.forEach((c, i) => {
    svg.append(
      s(
        "rect",
        { x: c.x.toFixed(2), y: c.y.toFixed(2), width: c.width.toFixed(2), height: c.height.toFixed(2), fill: o.colour, class: "column", "data-label": c.label, "data-value": c.value ?? "" },
        s("title", {}, items[i]!.title),
      ),
    );
  });
  const first = columns[0];
  const last = columns.at(-1);
  if (first) svg.append(s("text", { x: LEFT, y: o.height - 3, class: "axis-label" }, first.label));
  if (last && last !== first) svg.append(s("text", { x: o.width, y: o.height - 3, "text-anchor": "end", class: "axis-label" }, last.label));
  return svg;
}
