// The cards: the All-publications card first (its own container, so what
// stands in the publications' place never replaces it), then one per
// publication in the state's order, the selected one marked, or what stands in
// their place when there are none: the state's listeners feed them, this keeps
// their DOM. Each card's rising entities come from the read API (hundreds of
// reads each), asked only once the card is near the screen, and again when its
// count changes.
import type { App, Views } from "../app/state.ts";
import { risingFeed, type RisingFeed } from "../data/risingFeed.ts";
import type { Publication, Scope } from "../logic/types.ts";
import { listOf } from "../logic/urlState.ts";
import { card, type CardView } from "../ui/card.ts";
import { statusBox } from "../ui/status.ts";
import { emptyMessage } from "./ranking.ts";

export type CardsView = Pick<Views, "cards" | "allCard" | "allCardError" | "risingDay" | "selected" | "cardGone" | "cardTimeline" | "cardEntities" | "noPublications" | "publicationsError" | "morePublications"> & {
  /** A status box instead of the cards (connecting, loading, could not start). */
  status(box: HTMLElement): void;
};

export type CardsElements = { all: HTMLElement; cards: HTMLElement; more: HTMLButtonElement };

/** Rising entities a card lists. */
const CARD_RISING = 5;

export function cardsView(els: CardsElements, app: App): CardsView {
  const { state } = app;
  const root = els.cards;
  const cards = new Map<Scope, CardView>();
  /** Per card: its rising feed once the card came near the screen, and the count it last saw. */
  const rising = new Map<Scope, { feed: RisingFeed | null; articles: number }>();
  const scopeOf = new WeakMap<Element, Scope>();
  /** The scope's rising entities on the view's day, into its card. */
  const ask = (scope: Scope): RisingFeed => risingFeed(scope, CARD_RISING, state.view.day ?? null, (data) => cards.get(scope)?.setRising(data));
  const near = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const scope = scopeOf.get(e.target);
        const r = scope === undefined ? undefined : rising.get(scope);
        if (!e.isIntersecting || !r || r.feed || scope === undefined) continue;
        r.feed = ask(scope);
        near.unobserve(e.target);
      }
    },
    { rootMargin: "200px" },
  );
  els.more.addEventListener("click", () => app.morePublications());

  /** The scope's card, made on first use; its rising feed asked again when its article count changed. */
  function cardOf(scope: Scope, p: Publication): CardView {
    let view = cards.get(scope);
    if (!view) {
      view = card(scope, p, (s) => app.toView(listOf(s)));
      cards.set(scope, view);
      rising.set(scope, { feed: null, articles: p.articleCount });
      scopeOf.set(view.root, scope);
      near.observe(view.root);
    }
    const r = rising.get(scope)!;
    if (r.articles !== p.articleCount) {
      r.articles = p.articleCount;
      r.feed?.poke();
    }
    return view;
  }

  return {
    cards() {
      const nodes: Node[] = [];
      for (const p of state.publications) {
        const view = cardOf(p.key, p);
        view.setPublication(p, p.key === state.selected);
        nodes.push(view.root);
      }
      // Re-insert only when the order changed: moving a node drops its focus.
      const current = [...root.children];
      if (current.length !== nodes.length || current.some((el, i) => el !== nodes[i])) root.replaceChildren(...nodes);
    },
    allCard() {
      if (!state.all) return;
      const view = cardOf(null, state.all);
      view.setPublication(state.all, state.selected === null);
      if (view.root.parentElement !== els.all) els.all.replaceChildren(view.root);
    },
    allCardError: (message) => els.all.replaceChildren(statusBox("error", "Could not load the counts over all publications", `${message} ${app.where()}`)),
    risingDay() {
      // Panels that have asked already ask again, for the new day; the others will when they come near the screen.
      for (const [scope, r] of rising) {
        if (!r.feed) continue;
        r.feed.stop();
        r.feed = ask(scope);
      }
    },
    selected() {
      for (const p of state.publications) cards.get(p.key)?.setPublication(p, p.key === state.selected);
      if (state.all) cards.get(null)?.setPublication(state.all, state.selected === null);
    },
    cardGone(key) {
      const view = cards.get(key);
      if (view) near.unobserve(view.root);
      cards.delete(key);
      rising.get(key)?.feed?.stop();
      rising.delete(key);
    },
    cardTimeline: (scope, t) => cards.get(scope)?.setTimeline(t),
    cardEntities(scope, e) {
      cards.get(scope)?.setEntities(e.kind === "data" ? { kind: "data", items: e.items, fromCache: e.fromCache, emptyMessage: emptyMessage(e.filter) } : e);
    },
    noPublications(fromCache) {
      els.more.hidden = true;
      root.replaceChildren(
        fromCache ? statusBox("offline", "Waiting for Firestore…", app.where()) : statusBox("empty", "No publications yet.", "Post articles to the ingest endpoint; they appear here as they are processed."),
      );
    },
    publicationsError: (message) => root.replaceChildren(statusBox("error", "Could not load publications", `${message} ${app.where()}`)),
    morePublications: (more) => void (els.more.hidden = !more),
    status: (box) => root.replaceChildren(box),
  };
}
