// Bar chart of top entities as SVG: label, bar (coloured by type), count.
// Each row links to the entity's view.
import { fitLabel, layoutBars } from "../logic/bars.ts";
import { entityColour, TYPE_LABELS } from "../logic/colours.ts";
import type { Entity, Scope } from "../logic/types.ts";
import { formatCountShort } from "../logic/format.ts";
import { formatCount, s } from "./dom.ts";
import { svgEntityLink } from "./links.ts";
import { textWidth } from "./measure.ts";

const WIDTH = 320;
const VALUE_WIDTH = 46;

/** The count as written, or compact when that would run past the chart's edge (counts over all publications grow long). */
const valueText = (n: number): string => (textWidth(formatCount(n), 11) <= VALUE_WIDTH - 4 ? formatCount(n) : formatCountShort(n));

export function barChart(scope: Scope, entities: readonly Entity[]): SVGSVGElement {
  const { rows, height, scaleMax } = layoutBars(entities, { width: WIDTH, labelWidth: 124, valueWidth: VALUE_WIDTH, rowHeight: 16, gap: 5 });
  const svg = s("svg", {
    class: "bar-chart",
    viewBox: `0 0 ${WIDTH} ${Math.max(height, 1)}`,
    role: "group",
    "aria-label": "Bar chart of the top entities by mentions",
  });
  for (const row of rows) {
    const e = row.item;
    const mid = row.y + row.barHeight / 2;
    const what = `${e.word} (${TYPE_LABELS[e.type]}): ${formatCount(e.count)} mentions in ${formatCount(e.articles)} articles`;
    svg.append(
      svgEntityLink(
        scope,
        e.id,
        what,
        s(
          "g",
          { class: "bar", "data-entity-id": e.id, "data-count": e.count },
          s("title", {}, what),
          // A full-width target, so the label and the space after a short bar are clickable too.
          s("rect", { x: 0, y: row.y - 2, width: WIDTH, height: row.barHeight + 4, class: "hit" }),
          s("text", { x: row.barX - 6, y: mid, "text-anchor": "end", "dominant-baseline": "central", class: "bar-label" }, fitLabel(e.word, row.barX - 10, (t) => textWidth(t, 11))),
          s("rect", { x: row.barX, y: row.y, width: row.barWidth.toFixed(1), height: row.barHeight, rx: 2, fill: entityColour(e.type, scaleMax > 0 ? e.count / scaleMax : 0) }),
          s("text", { x: row.barX + row.barWidth + 4, y: mid, "dominant-baseline": "central", class: "bar-value" }, valueText(e.count)),
        ),
      ),
    );
  }
  return svg;
}
