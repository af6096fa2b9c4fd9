// One card of a scope (a publication, or all publications: scope null): name,
// article count, a timeline of its articles, the entities rising today, and a
// word cloud and bar chart of its top entities (each entity a link to its view
// in the same scope, each chart downloadable as PNG). The card owns its DOM;
// the controller feeds it data.
import type { RisingData } from "../data/risingFeed.ts";
import type { TimelineData } from "../data/timelineFeed.ts";
import type { Entity, Publication, Scope } from "../logic/types.ts";
import { fileName } from "../logic/names.ts";
import { barChart } from "./barChart.ts";
import { formatCount, h } from "./dom.ts";
import { pngButton } from "./png.ts";
import { renderRising } from "./risingList.ts";
import { statusBox } from "./status.ts";
import { throttled } from "./throttle.ts";
import { timelineFigure } from "./timeline.ts";
import { wordCloud } from "./wordCloud.ts";

export const CARD_BARS = 8;

export type CardView = {
  root: HTMLElement;
  setPublication(p: Publication, selected: boolean): void;
  setTimeline(t: TimelineData): void;
  setEntities(state: EntitiesState): void;
  setRising(r: RisingData): void;
};
export type EntitiesState =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "data"; items: Entity[]; fromCache: boolean; emptyMessage: string };

const RENDER_INTERVAL_MS = 300;
const TIMELINE = { width: 320, height: 84, maxBuckets: 60 };

/** `onOpen`: opens the scope's ranked list in the side panel. */
export function card(scope: Scope, p: Publication, onOpen: (scope: Scope) => void): CardView {
  const title = h("h2", { class: "card-title" });
  const count = h("p", { class: "card-count", "data-role": "article-count" });
  const timeline = h("div", { class: "card-timeline" });
  const charts = h("div", { class: "card-charts" });
  const rising = h("section", { class: "card-rising" });
  const open = h("button", { type: "button", class: "open-list", "aria-controls": "panel" }, "Ranked list");
  open.addEventListener("click", () => onOpen(scope));
  const attrs = scope === null ? { class: "card card-all", "data-scope": "all" } : { class: "card", "data-pub-key": scope };
  const root = h("article", attrs, h("header", {}, title, count, open), timeline, rising, charts);
  /** What downloads are named after. */
  const fileKey = scope ?? "all-publications";
  let name = p.name;
  let timelineShown = "";

  const timelineView = throttled<TimelineData>(RENDER_INTERVAL_MS, (t) => timeline.replaceChildren(timelineFigure({ key: fileKey, name }, t, TIMELINE)));
  const chartsView = throttled<EntitiesState>(RENDER_INTERVAL_MS, render);

  return {
    root,
    setPublication(pub, selected) {
      name = pub.name;
      title.textContent = pub.name;
      count.replaceChildren(h("strong", { "data-value": pub.articleCount }, formatCount(pub.articleCount)), ` article${pub.articleCount === 1 ? "" : "s"}`);
      root.classList.toggle("selected", selected);
      open.setAttribute("aria-pressed", String(selected));
    },
    setTimeline(t) {
      // Every publications snapshot brings the per-year summary again: draw only what changed.
      const shown = JSON.stringify(t);
      if (shown === timelineShown) return;
      timelineShown = shown;
      if (t.kind === "loading") timelineView.now(t);
      else timelineView.push(t);
    },
    setEntities(state) {
      if (state.kind === "data") chartsView.push(state);
      else chartsView.now(state);
    },
    setRising: (r) => renderRising(rising, scope, name, r),
  };

  function render(state: EntitiesState): void {
    charts.dataset.state = state.kind;
    charts.dataset.fromCache = String(state.kind === "data" && state.fromCache);
    if (state.kind === "loading") return charts.replaceChildren(statusBox("loading", "Loading entities…"));
    if (state.kind === "error") return charts.replaceChildren(statusBox("error", "Could not load entities", state.message));
    if (state.items.length === 0) {
      return charts.replaceChildren(
        state.fromCache ? statusBox("offline", "Waiting for Firestore…") : statusBox("empty", state.emptyMessage),
      );
    }
    const cloud = h("figure", { class: "cloud" });
    const bars = h("figure", { class: "bars" });
    cloud.append(
      wordCloud(scope, state.items),
      h("figcaption", {}, h("span", { class: "sr-only" }, "Word cloud of the top entities"), pngButton(() => cloud.querySelector("svg"), () => fileName(fileKey, "word-cloud"), `word cloud of ${name}`)),
    );
    bars.append(
      barChart(scope, state.items.slice(0, CARD_BARS)),
      h("figcaption", {}, h("span", { class: "sr-only" }, "Top entities by mentions"), pngButton(() => bars.querySelector("svg"), () => fileName(fileKey, "top-entities"), `bar chart of ${name}`)),
    );
    charts.replaceChildren(cloud, bars);
  }
}
