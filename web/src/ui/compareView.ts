// Two publications side by side, from the read API's compare route: the
// entities distinctive of each (log-odds z-scores) and those they share.
// Every row names its numbers, so the bars' colours are never the only signal.
import { api, isAbort } from "../data/api.ts";
import type { CompareAnswer } from "../data/api-types.ts";
import { TYPE_LABELS } from "../logic/colours.ts";
import { compareColumns, type CompareRow } from "../logic/compareLayout.ts";
import { formatCount } from "../logic/format.ts";
import type { TypeFilter } from "../logic/types.ts";
import { hrefTo } from "../navigation.ts";
import { h, s } from "./dom.ts";
import { entityLink } from "./links.ts";
import { statusBox } from "./status.ts";

export type CompareView = { show(a: string, b: string, type: TypeFilter, focus: boolean): void; hide(): void };

const LIMIT = 15;
const BAR_W = 120;

function bars(r: CompareRow): SVGSVGElement {
  const half = BAR_W / 2;
  return s(
    "svg",
    { class: "compare-bars", viewBox: `0 0 ${BAR_W} 12`, width: BAR_W, height: 12, "aria-hidden": "true" },
    s("rect", { x: (half - r.barA * half).toFixed(1), y: 1, width: (r.barA * half).toFixed(1), height: 10, class: "bar-a" }),
    s("rect", { x: half, y: 1, width: (r.barB * half).toFixed(1), height: 10, class: "bar-b" }),
    s("line", { x1: half, x2: half, y1: 0, y2: 12, class: "axis" }),
  );
}

export function compareView(root: HTMLElement, onClose: () => void): CompareView {
  let shown: { key: string; abort: AbortController } | null = null;
  const title = h("h2", { id: "compare-title", tabindex: -1, "data-role": "compare-title" });
  const sub = h("p", { class: "compare-sub" });
  const swap = h("a", { class: "swap", "data-nav": true, "data-action": "swap" }, "Swap sides");
  const close = h("button", { type: "button", "data-action": "close-compare", "aria-label": "Close the comparison" }, "Close");
  close.addEventListener("click", onClose);
  const body = h("div", { class: "compare-body" });
  root.replaceChildren(h("header", { class: "focus-head" }, h("div", {}, title, sub), h("div", { class: "actions" }, swap, close)), body);

  function render(answer: CompareAnswer): void {
    const { a, b } = answer;
    title.textContent = `${a.name} compared with ${b.name}`;
    const typeNote = answer.type ? `${TYPE_LABELS[answer.type]} entities only. ` : "";
    sub.textContent = `${typeNote}Among the ${formatCount(answer.scanned.a)} and ${formatCount(answer.scanned.b)} most-mentioned entities; distinctive means a log-odds z-score of at least 1.96 either way. Bars: mentions per article (${a.name} left, ${b.name} right).`;
    const pubOf = { a: a.id, b: b.id };
    body.replaceChildren(
      ...compareColumns(answer).map((col) =>
        h(
          "section",
          { class: "compare-column", "data-column": col.key, "aria-label": col.title },
          h("h3", {}, col.title),
          col.rows.length === 0
            ? statusBox("empty", col.key === "shared" ? "No entities shared without a lean." : "Nothing stands out.")
            : h(
                "ol",
                {},
                ...col.rows.map((r) =>
                  h(
                    "li",
                    { "data-entity-id": r.id, "data-z": r.zScore },
                    h("span", { class: "who" }, entityLink(pubOf[r.linkTo], r.id, h("span", { class: "word" }, r.word)), " ", h("span", { class: `type type-${r.type}` }, TYPE_LABELS[r.type])),
                    bars(r),
                    h(
                      "span",
                      { class: "nums" },
                      h("span", { "data-role": "mentions-a" }, `${formatCount(r.mentionsA)}`),
                      " : ",
                      h("span", { "data-role": "mentions-b" }, `${formatCount(r.mentionsB)}`),
                      h("small", {}, ` z ${r.zScore.toFixed(1)}`),
                    ),
                  ),
                ),
              ),
        ),
      ),
    );
  }

  return {
    show(a, b, type, focus) {
      root.hidden = false;
      const key = JSON.stringify([a, b, type]);
      if (shown?.key === key) return;
      shown?.abort.abort();
      const abort = new AbortController();
      shown = { key, abort };
      root.dataset.state = "loading";
      swap.setAttribute("href", hrefTo({ pub: b, entity: null, compare: a }));
      title.textContent = "Comparing…";
      sub.textContent = "";
      body.replaceChildren(statusBox("loading", "Comparing the two publications…"));
      api.compare(a, b, type, LIMIT, abort.signal).then(
        (answer) => {
          if (abort.signal.aborted) return;
          render(answer);
          root.dataset.state = "data";
        },
        (err: unknown) => {
          if (isAbort(err)) return;
          root.dataset.state = "error";
          title.textContent = "Comparison not available";
          body.replaceChildren(statusBox("error", "Could not compare the publications", (err as Error).message));
        },
      );
      if (focus) {
        root.scrollIntoView({ block: "start", behavior: "smooth" });
        title.focus({ preventScroll: true });
      }
    },
    hide() {
      shown?.abort.abort();
      shown = null;
      root.hidden = true;
      delete root.dataset.state;
    },
  };
}
