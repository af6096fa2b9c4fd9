// "Compare with…": picks the publication to set beside the selected one.
import type { Publication } from "../logic/types.ts";
import { h } from "./dom.ts";

export type CompareForm = { update(selected: string | null, publications: readonly Publication[], comparedWith: string | null): void };

export function compareForm(root: HTMLElement, onCompare: (other: string) => void): CompareForm {
  const select = h("select", { id: "compare-with", name: "compare" });
  const go = h("button", { type: "submit" }, "Compare");
  const form = h("form", { class: "compare-form" }, h("label", { for: "compare-with" }, "Compare with"), h("div", { class: "search-row" }, select, go));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (select.value) onCompare(select.value);
  });
  root.replaceChildren(form);
  let shown = "";

  return {
    update(selected, publications, comparedWith) {
      const others = publications.filter((p) => p.key !== selected);
      const signature = JSON.stringify([selected, comparedWith, others.map((p) => [p.key, p.name])]);
      if (signature === shown) return; // keep the reader's choice while counts change
      shown = signature;
      const keep = select.value;
      select.replaceChildren(...others.map((p) => h("option", { value: p.key }, p.name)));
      select.value = comparedWith ?? (others.some((p) => p.key === keep) ? keep : (others[0]?.key ?? ""));
      root.hidden = selected === null || others.length === 0;
    },
  };
}
