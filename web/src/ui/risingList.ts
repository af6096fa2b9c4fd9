// The entities rising today in a publication, or in all of them (scope null):
// each a link to its entity view in that scope (a publication's lists the
// articles that mention it, newest first; the one over all publications, the
// publications that mention it most), with the day's
// count against its own baseline, so a reader sees why it is listed.
import type { RisingData } from "../data/risingFeed.ts";
import { TYPE_LABELS } from "../logic/colours.ts";
import type { Scope } from "../logic/types.ts";
import { formatCount, formatShare } from "../logic/format.ts";
import { h } from "./dom.ts";
import { entityLink } from "./links.ts";
import { statusBox } from "./status.ts";

/** Fills `root` (a card's rising section) with the state; `name` labels it. */
export function renderRising(root: HTMLElement, scope: Scope, name: string, r: RisingData): void {
  root.dataset.state = r.kind === "data" ? (r.answer.entities.length > 0 ? "data" : "empty") : r.kind;
  const when = r.day === null ? "today" : `on ${r.day}`;
  const title = h("h3", { class: "rising-title" }, `Rising ${when}`);
  root.setAttribute("aria-label", `Rising ${when} in ${name}`);
  if (r.kind === "loading") return root.replaceChildren(title, statusBox("loading", "Loading…"));
  if (r.kind === "error") return root.replaceChildren(title, statusBox("error", "Could not load what is rising", r.message));
  const a = r.answer;
  if (r.day === null) title.append(" ", h("small", {}, a.day));
  if (a.entities.length === 0) {
    return root.replaceChildren(
      title,
      h("p", { class: "rising-none" }, `Nothing stands out among ${formatCount(a.articles)} article${a.articles === 1 ? "" : "s"}: no entity's share is well above its own from ${a.baseline.from} to ${a.baseline.to}.`),
    );
  }
  const list = h(
    "ol",
    { class: "rising-list" },
    ...a.entities.map((e) =>
      h(
        "li",
        { "data-entity-id": e.id, "data-score": e.score, "data-articles": e.articleIds.join(" ") },
        h("span", { class: "who" }, entityLink(scope, e.id, h("span", { class: "word" }, e.word)), " ", h("span", { class: `type type-${e.type}` }, TYPE_LABELS[e.type])),
        h(
          "small",
          { class: "rising-why" },
          `${formatCount(e.articles)} of ${formatCount(a.articles)} articles (${formatShare(e.share)}), against ${formatShare(e.baselineShare)} from ${a.baseline.from} to ${a.baseline.to}`,
        ),
      ),
    ),
  );
  root.replaceChildren(title, list);
}
