// The page's screens as links in the header: the publications' dashboard and
// the operator's feed sources. Links (navigation.ts handles a plain click
// without a reload), each keeping the rest of the view, the current one
// marked with aria-current.
import type { Screen } from "../logic/urlState.ts";
import { hrefToScreen } from "../navigation.ts";
import { h } from "./dom.ts";

const SCREENS: Array<[Screen, string]> = [
  ["dashboard", "Publications"],
  ["sources", "Sources"],
];

export type ScreenNav = { root: HTMLElement; update(current: Screen): void };

export function screenNav(): ScreenNav {
  const links = new Map(SCREENS.map(([screen, label]) => [screen, h("a", { href: hrefToScreen(screen), "data-nav": true, "data-screen": screen, class: "screen-link" }, label)]));
  const root = h("nav", { class: "screens", "aria-label": "Views" }, ...links.values());
  return {
    root,
    update(current) {
      for (const [screen, link] of links) {
        // The rest of the view may have changed since: each link keeps it.
        link.setAttribute("href", hrefToScreen(screen));
        if (screen === current) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    },
  };
}
