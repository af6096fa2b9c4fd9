// The publication cards (ui/card.ts), one per publication in the state's
// order, the selected one marked, and what stands in their place when there
// are none: the state's listeners feed them, this keeps their DOM. Each card's
// rising entities come from the read API (hundreds of reads each), asked only
// once the card is near the screen, and again when its count changes.
import type { App, Views } from "../app/state.ts";
import { risingFeed, type RisingFeed } from "../data/risingFeed.ts";
import { card, type CardView } from "../ui/card.ts";
import { statusBox } from "../ui/status.ts";
import { emptyMessage } from "./ranking.ts";

export type CardsView = Pick<Views, "cards" | "selected" | "cardGone" | "cardTimeline" | "cardEntities" | "noPublications" | "publicationsError" | "morePublications"> & {
  /** A status box instead of the cards (connecting, loading, could not start). */
  status(box: HTMLElement): void;
};

/** Rising entities a card lists. */
const CARD_RISING = 5;

export function cardsView(root: HTMLElement, moreButton: HTMLButtonElement, app: App): CardsView {
  const { state } = app;
  const cards = new Map<string, CardView>();
  /** Per card: its rising feed once the card came near the screen, and the count it last saw. */
  const rising = new Map<string, { feed: RisingFeed | null; articles: number }>();
  const near = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const key = (e.target as HTMLElement).dataset.pubKey;
        const r = key === undefined ? undefined : rising.get(key);
        if (!e.isIntersecting || !r || r.feed || key === undefined) continue;
        const view = cards.get(key)!;
        r.feed = risingFeed(key, CARD_RISING, (state) => view.setRising(state));
        near.unobserve(e.target);
      }
    },
    { rootMargin: "200px" },
  );
  moreButton.addEventListener("click", () => app.morePublications());
  return {
    cards() {
      const nodes: Node[] = [];
      for (const p of state.publications) {
        let view = cards.get(p.key);
        if (!view) {
          view = card(p, (key) => app.toView({ pub: key, entity: null, compare: null }));
          cards.set(p.key, view);
          rising.set(p.key, { feed: null, articles: p.articleCount });
          near.observe(view.root);
        }
        const r = rising.get(p.key)!;
        if (r.articles !== p.articleCount) {
          r.articles = p.articleCount;
          r.feed?.poke();
        }
        view.setPublication(p, p.key === state.selected);
        nodes.push(view.root);
      }
      // Re-insert only when the order changed: moving a node drops its focus.
      const current = [...root.children];
      if (current.length !== nodes.length || current.some((el, i) => el !== nodes[i])) root.replaceChildren(...nodes);
    },
    selected() {
      for (const p of state.publications) cards.get(p.key)?.setPublication(p, p.key === state.selected);
    },
    cardGone(key) {
      const view = cards.get(key);
      if (view) near.unobserve(view.root);
      cards.delete(key);
      rising.get(key)?.feed?.stop();
      rising.delete(key);
    },
    cardTimeline: (key, t) => cards.get(key)?.setTimeline(t),
    cardEntities(key, e) {
      cards.get(key)?.setEntities(e.kind === "data" ? { kind: "data", items: e.items, fromCache: e.fromCache, emptyMessage: emptyMessage(e.filter) } : e);
    },
    noPublications(fromCache) {
      moreButton.hidden = true;
      root.replaceChildren(
        fromCache ? statusBox("offline", "Waiting for Firestore…", app.where()) : statusBox("empty", "No publications yet.", "Post articles to the ingest endpoint; they appear here as they are processed."),
      );
    },
    publicationsError: (message) => root.replaceChildren(statusBox("error", "Could not load publications", `${message} ${app.where()}`)),
    morePublications: (more) => void (moreButton.hidden = !more),
    status: (box) => root.replaceChildren(box),
  };
}
