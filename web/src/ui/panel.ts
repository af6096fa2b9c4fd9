// The side panel: one publication's entities, ranked, ten at a time, with
// previous/next buttons. Pure rendering; paging state lives in the controller.
import { TYPE_LABELS } from "../logic/colours.ts";
import type { Page } from "../logic/paging.ts";
import { positions } from "../logic/ranking.ts";
import type { Entity } from "../logic/types.ts";
import { formatCount, h } from "./dom.ts";
import { statusBox } from "./status.ts";

export type PanelState =
  | { kind: "none" }
  | { kind: "loading"; title: string }
  | { kind: "error"; title: string; message: string }
  | { kind: "data"; title: string; page: Page<Entity>; pageSize: number; fromCache: boolean };

export type PanelActions = { prev(): void; next(): void };

export function renderPanel(root: HTMLElement, state: PanelState, actions: PanelActions): void {
  root.dataset.state = state.kind;
  root.dataset.fromCache = String(state.kind === "data" && state.fromCache);
  if (state.kind === "none") {
    root.replaceChildren(h("h2", {}, "Ranked entities"), statusBox("empty", "Pick a publication to see its entities ranked."));
    return;
  }
  const heading = h("h2", { "data-role": "panel-title" }, state.title);
  if (state.kind === "loading") return root.replaceChildren(heading, statusBox("loading", "Loading ranking…"));
  if (state.kind === "error") return root.replaceChildren(heading, statusBox("error", "Could not load the ranking", state.message));

  const { page, pageSize } = state;
  const ranks = positions(page.pageIndex, pageSize, page.items.length);
  const from = ranks[0];
  const to = ranks.at(-1);
  const list =
    page.items.length === 0
      ? statusBox(state.fromCache ? "offline" : "empty", state.fromCache ? "Waiting for Firestore…" : page.pageIndex > 0 ? "No more entities." : "No entities of this type yet.")
      : h(
          "ol",
          { class: "ranking", start: from ?? 1 },
          ...page.items.map((e, i) =>
            h(
              "li",
              { "data-entity-id": e.id, "data-count": e.count, "data-rank": ranks[i] },
              h("span", { class: "rank", "aria-hidden": "true" }, String(ranks[i])),
              h(
                "span",
                { class: "who" },
                h("span", { class: "word" }, e.word),
                " ",
                h("span", { class: `type type-${e.type}` }, TYPE_LABELS[e.type]),
              ),
              h(
                "span",
                { class: "count" },
                h("strong", {}, formatCount(e.count)),
                h("small", {}, `${formatCount(e.articles)} article${e.articles === 1 ? "" : "s"}`),
              ),
            ),
          ),
        );
  const prev = h("button", { type: "button", "data-action": "prev", disabled: !page.hasPrev }, "‹ Previous");
  const next = h("button", { type: "button", "data-action": "next", disabled: !page.hasNext }, "Next ›");
  prev.addEventListener("click", actions.prev);
  next.addEventListener("click", actions.next);
  const where = from !== undefined && to !== undefined ? `${from}–${to}` : "–";
  root.replaceChildren(
    heading,
    h("p", { class: "panel-sub" }, "Ranked by mentions; with the number of articles mentioning each"),
    list,
    h("nav", { class: "pager", "aria-label": "Ranking pages" }, prev, h("span", { "data-role": "page-info", "aria-live": "polite" }, `Page ${page.pageIndex + 1} · ${where}`), next),
  );
}
