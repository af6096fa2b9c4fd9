// The dashboard's state: the view in the URL (navigation.ts), the
// publications, the side panel's scope (a publication, or all of them) and its
// ranking's page, the freshness; the
// listeners that keep it live (for the All-publications card and each visible
// publication card: its document, its top entities and up to two for its
// timeline's year documents, one for the ranked-list page, one for the
// selected publication's document, one for rollup/status) and the poll of the read API's
// status for the newest article. It draws nothing: it tells the views
// (views/dashboard.ts) what changed, and they draw from `state`.
import { api } from "../data/api.ts";
import type { Connection } from "../data/firebase.ts";
import { publicationNames } from "../data/reads.ts";
import { timelineFeed, type TimelineData, type TimelineFeed } from "../data/timelineFeed.ts";
import { watchEntityPage, watchGlobalTotals, watchPublication, watchPublications, watchRollupStatus, watchTopEntities, type Unsubscribe } from "../data/watch.ts";
import { newestArticleOf } from "../logic/freshness.ts";
import { MAX_QUERY_LIMIT, queryLimit } from "../logic/limits.ts";
import { firstPage, next, prev, reconcile, toPage, type Page, type PagingState } from "../logic/paging.ts";
import { ALL_PUBLICATIONS, type Entity, type Publication, type RollupStatus, type Scope, type TypeFilter } from "../logic/types.ts";
import { panelScope, type ViewState } from "../logic/urlState.ts";
import { currentView, interceptLinks, navigate, onViewChange } from "../navigation.ts";

const PUBLICATIONS_STEP = 24;
const CLOUD_WORDS = 20;
export const PAGE_SIZE = 10;
/** How often the page asks whether articles newer than the counts exist. */
const PENDING_POLL_MS = 10_000;

export type AppState = {
  /** The view in the URL, as last shown. */
  view: ViewState;
  filter: TypeFilter;
  publications: Publication[];
  /** All publications' totals (global/totals; zero before the rollup's first fold); null until read. */
  all: Publication | null;
  publicationsLimit: number;
  /** The side panel's scope (logic/urlState.ts's panelScope): a publication, or all of them (null); undefined before there is one. */
  selected: Scope | undefined;
  /** A selected publication's document (it may be beyond the cards' limit); undefined until read (and for all publications), null if missing. */
  selectedDoc: Publication | null | undefined;
  paging: PagingState;
  page: Page<Entity> | null;
  pageFromCache: boolean;
  pageBusy: boolean;
  rollup: RollupStatus | null;
  newestArticle: number | null;
};

/** A card's top entities as its listener brings them; `filter`: the type they were asked for. */
export type CardEntities = { kind: "loading" } | { kind: "error"; message: string } | { kind: "data"; items: Entity[]; fromCache: boolean; filter: TypeFilter };

/** What the state tells the views; each call says what changed, `state` holds what to draw. */
export type Views = {
  /** The screen in the view (the dashboard or the feed sources) may have changed; `byUser`: focus follows. */
  screen(byUser: boolean): void;
  filter(): void;
  /** The cards, one per publication in order, made or updated (the views own their DOM). */
  cards(): void;
  /** The All-publications card's totals (state.all) changed. */
  allCard(): void;
  allCardError(message: string): void;
  /** The day the Rising panels rank (state.view.day) changed. */
  risingDay(): void;
  /** Which card is selected changed. */
  selected(): void;
  cardGone(key: string): void;
  /** A card's timeline and top entities: a publication's (its key), or the All-publications card's (null). */
  cardTimeline(scope: Scope, t: TimelineData): void;
  cardEntities(scope: Scope, e: CardEntities): void;
  /** No publications: `fromCache`, Firestore has not answered yet. */
  noPublications(fromCache: boolean): void;
  publicationsError(message: string): void;
  morePublications(more: boolean): void;
  /** The side panel's ranking (of the selected publication, or of all). */
  ranking(): void;
  rankingError(scope: Scope, message: string): void;
  /** Everything else that names the selected publication (search, compare form). */
  selection(): void;
  /** The entity and compare views; `byUser`, `otherPublication`: whether focus and scrolling follow. */
  explore(byUser: boolean, otherPublication: boolean): void;
  freshness(): void;
};

export type App = {
  readonly state: AppState;
  /** Starts the listeners and follows the URL; call once, when connected. */
  start(conn: Connection, views: Views): void;
  /** Navigates to the current view with `change` applied. */
  toView(change: Partial<ViewState>): void;
  morePublications(): void;
  prevPage(): void;
  nextPage(): void;
  /** Names of publications by key, the cards' where known, else read. */
  publicationNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** Where the page reads from, for messages ("" in production). */
  where(): string;
};

type CardFeed = { timeline: TimelineFeed; unsubscribe: Unsubscribe | null; filter: TypeFilter | null };

export function createApp(): App {
  const view = currentView();
  const state: AppState = {
    view,
    filter: view.type,
    publications: [],
    all: null,
    publicationsLimit: PUBLICATIONS_STEP,
    selected: undefined,
    selectedDoc: undefined,
    paging: firstPage(PAGE_SIZE),
    page: null,
    pageFromCache: false,
    pageBusy: false,
    rollup: null,
    newestArticle: null,
  };
  // Both set by start(), before anything below runs.
  let conn: Connection | undefined;
  let views: Views;
  const db = () => conn!.db;
  const feeds = new Map<Scope, CardFeed>();
  let unsubscribePublications: Unsubscribe | null = null;
  let unsubscribePage: Unsubscribe | null = null;
  let unsubscribeSelected: Unsubscribe | null = null;

  const where = () => (conn?.emulator ? `Firestore emulator at ${conn.emulator.host}:${conn.emulator.port}.` : "");

  function subscribePublications(): void {
    unsubscribePublications?.();
    unsubscribePublications = watchPublications(db(), state.publicationsLimit, {
      next: ({ items, fromCache }) => {
        state.publications = items;
        if (items.length === 0) {
          syncCards();
          views.noPublications(fromCache);
          return;
        }
        // None yet, or the shown publication (not named by the URL) is gone: the one with the most articles.
        if (state.view.pub === null && state.selected !== null && !items.some((p) => p.key === state.selected)) select(items[0]!.key);
        syncCards();
        // The rules cap one query, so the page shows at most the top MAX_QUERY_LIMIT publications.
        views.morePublications(items.length >= state.publicationsLimit && state.publicationsLimit < MAX_QUERY_LIMIT);
        renderSelection();
      },
      error: (err) => views.publicationsError(err.message),
    });
  }

  /** A card per publication; a card's listener is (re)made when its filter changes. */
  function syncCards(): void {
    const keep = new Set(state.publications.map((p) => p.key));
    for (const [key, feed] of feeds) {
      if (key !== null && !keep.has(key)) {
        feed.unsubscribe?.();
        feed.timeline.stop();
        feeds.delete(key);
        views.cardGone(key);
      }
    }
    views.cards();
    for (const p of state.publications) syncFeed(p.key, p);
    if (state.all) syncFeed(null, state.all);
  }

  /** A card's timeline follows its document; its top entities' listener is (re)made when the filter changes. */
  function syncFeed(scope: Scope, p: Publication): void {
    let feed = feeds.get(scope);
    if (!feed) {
      feed = { timeline: timelineFeed(db(), scope, (t) => views.cardTimeline(scope, t)), unsubscribe: null, filter: null };
      feeds.set(scope, feed);
    }
    feed.timeline.update(p.yearly, p.days);
    if (feed.filter !== state.filter) {
      feed.unsubscribe?.();
      const filter = state.filter;
      feed.filter = filter;
      views.cardEntities(scope, { kind: "loading" });
      feed.unsubscribe = watchTopEntities(db(), scope, filter, CLOUD_WORDS, {
        next: ({ items, fromCache }) => views.cardEntities(scope, { kind: "data", items, fromCache, filter }),
        error: (err) => views.cardEntities(scope, { kind: "error", message: err.message }),
      });
    }
  }

  /** global/totals: the All-publications card, first; before the rollup's first fold, a card of nothing yet. */
  function watchAll(): void {
    watchGlobalTotals(db(), {
      next: (p, fromCache) => {
        if (p === null && fromCache) return; // not known yet, not known missing
        state.all = p ?? { key: "", name: ALL_PUBLICATIONS, articleCount: 0, yearly: {}, days: {} };
        views.allCard();
        syncFeed(null, state.all);
      },
      error: (err) => views.allCardError(err.message),
    });
  }

  function select(scope: Scope): void {
    if (scope === state.selected) return;
    state.selected = scope;
    views.selected();
    unsubscribeSelected?.();
    unsubscribeSelected = null;
    state.selectedDoc = scope === null ? undefined : state.publications.find((p) => p.key === scope);
    state.paging = firstPage(PAGE_SIZE);
    watchPage();
    // All publications' totals are the All-publications card's (state.all).
    if (scope === null) return;
    unsubscribeSelected = watchPublication(db(), scope, {
      next: (p, fromCache) => {
        if (p === null && fromCache) return; // not known yet, not known missing
        state.selectedDoc = p;
        renderSelection();
      },
      error: () => undefined, // the ranking's own listener reports what went wrong
    });
  }

  /** Listens to the current page. Paging keeps the old page on screen (busy) until the new one arrives. */
  function watchPage(paging = false): void {
    unsubscribePage?.();
    state.pageBusy = paging && state.page !== null;
    if (!state.pageBusy) state.page = null;
    views.ranking();
    const scope = state.selected;
    if (scope === undefined) return;
    const request: PagingState = state.paging;
    unsubscribePage = watchEntityPage(db(), scope, state.filter, request, {
      next: ({ items, fromCache }) => {
        if (!fromCache) {
          const fixed = reconcile(request, items);
          if (fixed) {
            state.paging = fixed;
            return watchPage();
          }
        }
        state.page = toPage(request, items);
        state.pageFromCache = fromCache;
        state.pageBusy = false;
        views.ranking();
      },
      error: (err) => views.rankingError(scope, err.message),
    });
  }

  function renderSelection(): void {
    views.ranking();
    views.selection();
  }

  /** Shows what `v` describes; `byUser`: a click or key, so focus follows (not on load or the back button). */
  function applyView(v: ViewState, byUser: boolean): void {
    const dayChanged = v.day !== state.view.day;
    state.view = v;
    if (dayChanged) views.risingDay();
    views.screen(byUser);
    if (v.type !== state.filter) {
      state.filter = v.type;
      views.filter();
      syncCards();
      state.paging = firstPage(PAGE_SIZE);
      watchPage();
    }
    // An entity over all publications leaves the side panel as it was.
    const scope = panelScope(v, state.selected, state.publications[0]?.key);
    const otherPublication = scope !== state.selected;
    if (scope !== undefined) select(scope);
    renderSelection();
    views.explore(byUser, otherPublication);
  }

  function watchFreshness(): void {
    const poll = async () => {
      if (document.hidden) return;
      try {
        const newest = newestArticleOf(await api.status());
        if (newest === undefined) return;
        state.newestArticle = newest;
        views.freshness();
      } catch {
        // Offline, or an API without the route: the status line keeps what it knew.
      }
    };
    watchRollupStatus(db(), {
      next: (status) => {
        state.rollup = status;
        views.freshness();
        void poll();
      },
      error: () => undefined,
    });
    window.setInterval(() => void poll(), PENDING_POLL_MS);
    document.addEventListener("visibilitychange", () => void poll());
  }

  return {
    state,
    start(c, v) {
      conn = c;
      views = v;
      interceptLinks();
      onViewChange(applyView);
      applyView(state.view, false);
      watchAll();
      subscribePublications();
      watchFreshness();
    },
    toView: (change) => navigate({ ...currentView(), ...change }),
    morePublications() {
      state.publicationsLimit = queryLimit(state.publicationsLimit + PUBLICATIONS_STEP);
      subscribePublications();
    },
    prevPage() {
      if (!state.page) return;
      state.paging = prev(state.paging, state.page);
      watchPage(true);
    },
    nextPage() {
      if (!state.page) return;
      state.paging = next(state.paging, state.page);
      watchPage(true);
    },
    async publicationNames(ids) {
      const known = new Map(state.publications.map((p) => [p.key, p.name]));
      const missing = ids.filter((id) => !known.has(id));
      for (const [id, name] of missing.length > 0 ? await publicationNames(db(), missing) : []) known.set(id, name);
      return known;
    },
    where,
  };
}
