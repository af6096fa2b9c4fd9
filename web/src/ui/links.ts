// Links to views of the page (an entity of a publication), in HTML and inside
// SVG charts. Links, not buttons: each opens a view with an address of its own.
import { hrefTo } from "../navigation.ts";
import { h, s, type Child } from "./dom.ts";

export const entityHref = (pub: string, entity: string): string => hrefTo({ pub, entity, compare: null });

export function entityLink(pub: string, entity: string, ...children: Child[]): HTMLAnchorElement {
  return h("a", { href: entityHref(pub, entity), "data-nav": true, "data-entity-id": entity, "data-pub-key": pub, class: "entity-link" }, ...children);
}

/** An SVG link (focusable and keyboard-operable like any link) around a chart mark; `label` names it. */
export function svgEntityLink(pub: string, entity: string, label: string, ...children: Child[]): SVGAElement {
  return s("a", { href: entityHref(pub, entity), "data-nav": true, "data-entity-link": entity, "data-pub-key": pub, class: "chart-link", "aria-label": label }, ...children);
}
