// Word cloud as SVG: layout from logic/cloud.ts, text measured on a canvas
// with the same font the SVG uses. Each word links to the entity's view.
import { layoutCloud, type Measure } from "../logic/cloud.ts";
import { colourFor, TYPE_LABELS } from "../logic/colours.ts";
import type { Entity, Scope } from "../logic/types.ts";
import { formatCount, s } from "./dom.ts";
import { svgEntityLink } from "./links.ts";
import { textWidth } from "./measure.ts";

const WIDTH = 320;
const HEIGHT = 170;
const MARGIN = 4; // canvas and SVG text metrics differ a little: keep words off the edge

const measure: Measure = (text, fontSize) => ({ width: textWidth(text, fontSize, 600), height: fontSize * 1.1 });

export function wordCloud(scope: Scope, entities: readonly Entity[]): SVGSVGElement {
  const { placed } = layoutCloud(
    entities.map((e) => ({ text: e.word, weight: e.count, entity: e })),
    { width: WIDTH - 2 * MARGIN, height: HEIGHT - 2 * MARGIN, minFont: 10, maxFont: 34, padding: 3, measure },
  );
  const svg = s("svg", {
    class: "word-cloud",
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: "group",
    "aria-label": `Word cloud of ${placed.length} entities`,
  });
  const g = s("g", { transform: `translate(${MARGIN} ${MARGIN})` });
  svg.append(g);
  for (const p of placed) {
    const e = p.item.entity;
    const what = `${e.word} (${TYPE_LABELS[e.type]}): ${formatCount(e.count)}`;
    g.append(
      svgEntityLink(
        scope,
        e.id,
        what,
        s(
          "text",
          {
            x: p.cx.toFixed(1),
            y: p.cy.toFixed(1),
            "font-size": p.fontSize,
            "text-anchor": "middle",
            "dominant-baseline": "central",
            fill: colourFor(e.type),
            "data-entity-id": e.id,
          },
          s("title", {}, what),
          e.word,
        ),
      ),
    );
  }
  return svg;
}
