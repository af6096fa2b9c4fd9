// Links to views of the page (an entity of a publication, or over all
// publications: scope null), in HTML and inside SVG charts. Links, not
// buttons: each opens a view with an address of its own.
import type { Scope } from "../logic/types.ts";
import { hrefTo } from "../navigation.ts";
import { h, s, type Child } from "./dom.ts";

export const entityHref = (scope: Scope, entity: string): string => hrefTo({ pub: scope, entity, compare: null });

/** data-pub-key names the publication; a link over all publications has data-scope="all" instead. */
const scopeAttrs = (scope: Scope) => (scope === null ? { "data-scope": "all" } : { "data-pub-key": scope });

export function entityLink(scope: Scope, entity: string, ...children: Child[]): HTMLAnchorElement {
  return h("a", { href: entityHref(scope, entity), "data-nav": true, "data-entity-id": entity, ...scopeAttrs(scope), class: "entity-link" }, ...children);
}

/** An SVG link (focusable and keyboard-operable like any link) around a chart mark; `label` names it. */
export function svgEntityLink(scope: Scope, entity: string, label: string, ...children: Child[]): SVGAElement {
  return s("a", { href: entityHref(scope, entity), "data-nav": true, "data-entity-link": entity, ...scopeAttrs(scope), class: "chart-link", "aria-label": label }, ...children);
}
