// The side panel: one scope's entities (a publication's, or all publications'), ranked, ten at a time, with
// previous/next buttons, each a link to the entity's view, and the ranking as
// a CSV file. The heading and the buttons are made once and only
// updated, so focus and a click in progress survive live updates; the list is
// redrawn. Paging state lives in the controller.
import { TYPE_LABELS } from "../logic/colours.ts";
import type { Page } from "../logic/paging.ts";
import { positions } from "../logic/ranking.ts";
import type { Entity, Scope } from "../logic/types.ts";
import { formatCount, h } from "./dom.ts";
import { entityLink } from "./links.ts";
import { statusBox } from "./status.ts";

export type PanelState =
  | { kind: "none" }
  | { kind: "loading"; title: string; scope: Scope; csv: Csv }
  | { kind: "error"; title: string; scope: Scope; csv: Csv; message: string }
  | { kind: "data"; title: string; scope: Scope; csv: Csv; page: Page<Entity>; pageSize: number; fromCache: boolean; emptyMessage: string; busy?: boolean };

/** The read API's CSV of the ranking (its first `rows` entities, as filtered). */
export type Csv = { href: string; rows: number };

export type PanelActions = { prev(): void; next(): void };
export type PanelView = { update(state: PanelState): void };

export function panel(root: HTMLElement, actions: PanelActions): PanelView {
  const heading = h("h2", { "data-role": "panel-title" }, "Ranked entities");
  const sub = h("p", { class: "panel-sub" }, "Ranked by mentions; with the number of articles mentioning each");
  // download="": the file takes the name the API gives it (Content-Disposition).
  const csv = h("a", { class: "csv", "data-role": "csv", download: "", hidden: true }, "Download CSV");
  const body = h("div", { class: "panel-body" });
  const prev = h("button", { type: "button", "data-action": "prev", disabled: true }, "‹ Previous");
  const next = h("button", { type: "button", "data-action": "next", disabled: true }, "Next ›");
  const info = h("span", { "data-role": "page-info", "aria-live": "polite" });
  const pager = h("nav", { class: "pager", "aria-label": "Ranking pages" }, prev, info, next);
  prev.addEventListener("click", actions.prev);
  next.addEventListener("click", actions.next);
  root.replaceChildren(heading, sub, body, pager, csv);

  return {
    update(state) {
      // While the next page loads the current one stays, dimmed and inert.
      const busy = state.kind === "data" && state.busy === true;
      root.dataset.state = busy ? "loading" : state.kind;
      root.dataset.fromCache = String(state.kind === "data" && state.fromCache);
      root.setAttribute("aria-busy", String(busy || state.kind === "loading"));
      // Whose ranking: data-pub-key names the publication, data-scope="all" all of them.
      if (state.kind !== "none" && state.scope !== null) root.dataset.pubKey = state.scope;
      else delete root.dataset.pubKey;
      if (state.kind !== "none" && state.scope === null) root.dataset.scope = "all";
      else delete root.dataset.scope;
      heading.textContent = state.kind === "none" ? "Ranked entities" : state.title;
      pager.hidden = state.kind !== "data";
      csv.hidden = state.kind === "none";
      if (state.kind !== "none") {
        csv.href = state.csv.href;
        csv.textContent = `Download the top ${state.csv.rows} as CSV`;
      }
      if (state.kind !== "data") {
        prev.disabled = next.disabled = true;
        info.textContent = "";
      }
      if (state.kind === "none") return body.replaceChildren(statusBox("empty", "Pick a publication to see its entities ranked."));
      if (state.kind === "loading") return body.replaceChildren(statusBox("loading", "Loading ranking…"));
      if (state.kind === "error") return body.replaceChildren(statusBox("error", "Could not load the ranking", state.message));

      const { page, pageSize } = state;
      const ranks = positions(page.pageIndex, pageSize, page.items.length);
      const from = ranks[0];
      const to = ranks.at(-1);
      prev.disabled = busy || !page.hasPrev;
      next.disabled = busy || !page.hasNext;
      if (busy) return;
      info.textContent = `Page ${page.pageIndex + 1} · ${from !== undefined && to !== undefined ? `${from}–${to}` : "–"}`;
      if (page.items.length === 0) {
        const message = state.fromCache ? "Waiting for Firestore…" : page.pageIndex > 0 ? "No more entities." : state.emptyMessage;
        return body.replaceChildren(statusBox(state.fromCache ? "offline" : "empty", message));
      }
      body.replaceChildren(
        h(
          "ol",
          { class: "ranking", start: from ?? 1 },
          ...page.items.map((e, i) =>
            h(
              "li",
              { "data-entity-id": e.id, "data-count": e.count, "data-rank": ranks[i] },
              h("span", { class: "rank", "aria-hidden": "true" }, String(ranks[i])),
              h("span", { class: "who" }, entityLink(state.scope, e.id, h("span", { class: "word" }, e.word)), " ", h("span", { class: `type type-${e.type}` }, TYPE_LABELS[e.type])),
              h(
                "span",
                { class: "count" },
                h("strong", {}, formatCount(e.count)),
                h("small", {}, `${formatCount(e.articles)} article${e.articles === 1 ? "" : "s"}`),
              ),
            ),
          ),
        ),
      );
    },
  };
}
