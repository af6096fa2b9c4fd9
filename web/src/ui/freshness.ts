// The line under the title that says how current the counts are (issue 11),
// and plainly when rollup writes failed for good (issue 19). Pending and
// incomplete are said in words (and pending with a spinner), not by colour alone.
import { describeFreshness, formatClock, type Freshness } from "../logic/freshness.ts";
import { h } from "./dom.ts";

export function freshnessLine(root: HTMLElement): { update(f: Freshness): void } {
  return {
    update(f) {
      root.hidden = f.kind === "unknown";
      root.dataset.state = f.kind;
      if (f.kind !== "unknown" && f.through !== null) root.dataset.completeThrough = String(f.through);
      else delete root.dataset.completeThrough;
      const incomplete = f.kind === "unknown" ? null : f.incomplete;
      if (incomplete) root.dataset.failures = String(incomplete.failures);
      else delete root.dataset.failures;
      const text = describeFreshness(f, (ms) => formatClock(ms, Date.now()));
      root.replaceChildren(
        f.kind === "pending" ? h("span", { class: "spinner", "aria-hidden": "true" }) : "",
        f.kind === "pending" ? h("strong", {}, "Pending: ") : incomplete ? h("strong", {}, "Incomplete: ") : "",
        text,
      );
    },
  };
}
