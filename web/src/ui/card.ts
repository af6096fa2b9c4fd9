// One publication card: name, article count, word cloud and bar chart of its
// top entities. The card owns its DOM; the controller feeds it data.
import type { Entity, Publication } from "../logic/types.ts";
import { barChart } from "./barChart.ts";
import { formatCount, h } from "./dom.ts";
import { statusBox } from "./status.ts";
import { wordCloud } from "./wordCloud.ts";

export const CARD_BARS = 8;

export type CardView = {
  root: HTMLElement;
  setPublication(p: Publication, selected: boolean): void;
  setEntities(state: EntitiesState): void;
};
export type EntitiesState =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "data"; items: Entity[]; fromCache: boolean; emptyMessage: string };

const RENDER_INTERVAL_MS = 300;

export function card(p: Publication, onOpen: (key: string) => void): CardView {
  const title = h("h2", { class: "card-title" });
  const count = h("p", { class: "card-count", "data-role": "article-count" });
  const charts = h("div", { class: "card-charts" });
  const open = h("button", { type: "button", class: "open-list", "aria-controls": "panel" }, "Ranked list");
  open.addEventListener("click", () => onOpen(p.key));
  const root = h("article", { class: "card", "data-pub-key": p.key }, h("header", {}, title, count, open), charts);
  let pending: EntitiesState | null = null;
  let timer = 0;
  let lastRender = -Infinity;

  return {
    root,
    setPublication(pub, selected) {
      title.textContent = pub.name;
      count.replaceChildren(h("strong", { "data-value": pub.articleCount }, formatCount(pub.articleCount)), ` article${pub.articleCount === 1 ? "" : "s"}`);
      root.classList.toggle("selected", selected);
      open.setAttribute("aria-pressed", String(selected));
    },
    setEntities(state) {
      // Live updates during a load test arrive many times a second; charts are
      // redrawn at most every RENDER_INTERVAL_MS with the latest data.
      if (state.kind !== "data") {
        window.clearTimeout(timer);
        timer = 0;
        pending = null;
        return render(state);
      }
      pending = state;
      if (timer) return;
      const wait = Math.max(0, lastRender + RENDER_INTERVAL_MS - performance.now());
      timer = window.setTimeout(() => {
        timer = 0;
        if (pending) render(pending);
        pending = null;
      }, wait);
    },
  };

  function render(state: EntitiesState): void {
    lastRender = performance.now();
    charts.dataset.state = state.kind;
    charts.dataset.fromCache = String(state.kind === "data" && state.fromCache);
    if (state.kind === "loading") return charts.replaceChildren(statusBox("loading", "Loading entities…"));
    if (state.kind === "error") return charts.replaceChildren(statusBox("error", "Could not load entities", state.message));
    if (state.items.length === 0) {
      return charts.replaceChildren(
        state.fromCache ? statusBox("offline", "Waiting for Firestore…") : statusBox("empty", state.emptyMessage),
      );
    }
    charts.replaceChildren(
      h("figure", { class: "cloud" }, wordCloud(state.items), h("figcaption", { class: "sr-only" }, "Word cloud of the top entities")),
      h("figure", { class: "bars" }, barChart(state.items.slice(0, CARD_BARS)), h("figcaption", { class: "sr-only" }, "Top entities by mentions")),
    );
  }
}
