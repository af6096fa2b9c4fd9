// The type filter: All / People / Organisations / Places, doubling as the
// colour legend.
import { ENTITY_TYPES, type TypeFilter } from "../logic/types.ts";
import { h } from "./dom.ts";

const LABELS: Record<TypeFilter, string> = { all: "All", person: "People", organization: "Organisations", place: "Places" };

export function typeFilter(current: TypeFilter, onChange: (f: TypeFilter) => void): HTMLElement {
  const options: TypeFilter[] = ["all", ...ENTITY_TYPES];
  return h(
    "fieldset",
    { class: "type-filter" },
    h("legend", {}, "Entity type"),
    ...options.map((value) => {
      const input = h("input", { type: "radio", name: "type", value, checked: value === current, "data-filter": value });
      input.addEventListener("change", () => input.checked && onChange(value));
      const swatch = value === "all" ? null : h("span", { class: `swatch swatch-${value}`, "aria-hidden": "true" });
      return h("label", { class: `chip${value === current ? " active" : ""}` }, input, swatch, LABELS[value]);
    }),
  );
}
