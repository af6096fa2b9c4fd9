// The URL as the page's state (logic/urlState.ts): links carry the view they
// open, so they can be copied, opened in a new tab or shared; a plain click
// on one is handled here without a reload. Opening a publication, an entity or
// a comparison, or going to another screen (the dashboard, the feed sources),
// is a history step (the back button undoes it); the type filter and the
// series mode are changed in place.
import { isNavigation, parseView, sameView, screenOf, serialiseView, type Screen, type ViewState } from "./logic/urlState.ts";

/** `byUser`: the reader asked for it here (focus may follow), rather than the back or forward button. */
type Listener = (view: ViewState, byUser: boolean) => void;
const listeners = new Set<Listener>();

export const currentView = (): ViewState => parseView(location.search);

/** The address of `view`, keeping the parameters the view does not own (?firestore=). */
export function hrefFor(view: ViewState): string {
  return `${location.pathname}${serialiseView(view, location.search)}`;
}

/** The publication, entity and comparison of `target`, on the dashboard; the type and series stay as they are now. */
export function hrefTo(target: Pick<ViewState, "pub" | "entity" | "compare">): string {
  return hrefFor({ ...currentView(), ...target, screen: "dashboard" });
}

/** `screen` with the rest of the view as it is now (so coming back to the dashboard finds it as it was). */
export function hrefToScreen(screen: Screen): string {
  return hrefFor({ ...currentView(), screen });
}

export function navigate(view: ViewState): void {
  const now = currentView();
  if (sameView(now, view)) return;
  const url = hrefFor(view);
  if (isNavigation(now, view)) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
  for (const l of listeners) l(currentView(), true);
}

export function onViewChange(l: Listener): void {
  listeners.add(l);
}

/** Makes a plain left click on any a[data-nav] a navigation within the page. */
export function interceptLinks(root: Document = document): void {
  window.addEventListener("popstate", () => {
    for (const l of listeners) l(currentView(), false);
  });
  root.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const link = (ev.target as Element | null)?.closest?.("a[data-nav]");
    const href = link?.getAttribute("href");
    if (!href) return;
    ev.preventDefault();
    // Only where the link goes: a link drawn before the filter changed must not change it back.
    const to = parseView(new URL(href, location.href).search);
    navigate({ ...currentView(), pub: to.pub, entity: to.entity, compare: to.compare, screen: screenOf(to) });
  });
}
