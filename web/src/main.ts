// Wiring: connects to Firestore, keeps one listener per visible publication
// card (and up to two for its timeline's year documents), one for the
// ranked-list page, one for the selected publication and one for
// rollup/status, polls the read API's status for the newest article, and
// follows the view in the URL (navigation.ts): publication, entity,
// comparison, type filter, series mode.
import "./styles.css";
import { api, entitiesCsvUrl } from "./data/api.ts";
import { connect, type Connection } from "./data/firebase.ts";
import { publicationNames } from "./data/reads.ts";
import { timelineFeed, type TimelineFeed } from "./data/timelineFeed.ts";
import { watchEntityPage, watchPublication, watchPublications, watchRollupStatus, watchTopEntities, type Unsubscribe } from "./data/watch.ts";
import { TYPE_COLOURS, TYPE_LABELS } from "./logic/colours.ts";
import { freshness, newestArticleOf } from "./logic/freshness.ts";
import { MAX_QUERY_LIMIT, queryLimit } from "./logic/limits.ts";
import { firstPage, next, prev, reconcile, toPage, type Page, type PagingState } from "./logic/paging.ts";
import { ENTITY_TYPES, type Entity, type Publication, type RollupStatus, type TypeFilter } from "./logic/types.ts";
import type { ViewState } from "./logic/urlState.ts";
import { currentView, interceptLinks, navigate, onViewChange } from "./navigation.ts";
import { card, type CardView } from "./ui/card.ts";
import { compareForm } from "./ui/compareForm.ts";
import { compareView } from "./ui/compareView.ts";
import { entityView } from "./ui/entityView.ts";
import { freshnessLine } from "./ui/freshness.ts";
import { panel, type PanelState } from "./ui/panel.ts";
import { searchBox } from "./ui/searchBox.ts";
import { statusBox } from "./ui/status.ts";
import { typeFilter } from "./ui/typeFilter.ts";

const PUBLICATIONS_STEP = 24;
const CLOUD_WORDS = 20;
const PAGE_SIZE = 10;
/** Rows of the CSV download: one API page, the most it serves at once. */
const CSV_ROWS = 100;
/** How often the page asks whether articles newer than the counts exist. */
const PENDING_POLL_MS = 10_000;

for (const t of ENTITY_TYPES) document.documentElement.style.setProperty(`--type-${t}`, TYPE_COLOURS[t]);

const $ = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
};
const filterSlot = $("filter");
const cardsRoot = $("cards");
const panelRoot = $("panel");
const footer = $("connection");
const moreButton = $("more") as HTMLButtonElement;
moreButton.addEventListener("click", () => {
  // The rules cap one query, so the page shows at most the top MAX_QUERY_LIMIT publications.
  state.publicationsLimit = queryLimit(state.publicationsLimit + PUBLICATIONS_STEP);
  subscribePublications();
});

type CardEntry = { view: CardView; timeline: TimelineFeed; unsubscribe: Unsubscribe | null; filter: TypeFilter | null };

let view: ViewState = currentView();
const state = {
  filter: view.type,
  publications: [] as Publication[],
  publicationsLimit: PUBLICATIONS_STEP,
  /** The selected publication: the URL's, else the one with the most articles. */
  selected: null as string | null,
  /** Its document (it may be beyond the cards' limit); undefined until read, null if missing. */
  selectedDoc: undefined as Publication | null | undefined,
  paging: firstPage(PAGE_SIZE),
  page: null as Page<Entity> | null,
  pageFromCache: false,
  pageBusy: false,
  rollup: null as RollupStatus | null,
  newestArticle: null as number | null,
};

let conn: Connection;
const cards = new Map<string, CardEntry>();
let unsubscribePublications: Unsubscribe | null = null;
let unsubscribePage: Unsubscribe | null = null;
let unsubscribeSelected: Unsubscribe | null = null;

const toView = (change: Partial<ViewState>) => navigate({ ...currentView(), ...change });

const entityPanel = entityView($("entity"), {
  names: async (ids) => {
    const known = new Map(state.publications.map((p) => [p.key, p.name]));
    const missing = ids.filter((id) => !known.has(id));
    for (const [id, name] of missing.length > 0 ? await publicationNames(conn.db, missing) : []) known.set(id, name);
    return known;
  },
  onClose: () => toView({ entity: null }),
  onSeriesMode: (series) => toView({ series }),
});
const comparePanel = compareView($("compare"), () => toView({ compare: null }));
const search = searchBox($("search"));
const compareChooser = compareForm($("compare-form"), (other) => toView({ compare: other, entity: null }));
const freshnessView = freshnessLine($("freshness"));

function renderFilter(): void {
  filterSlot.replaceChildren(typeFilter(state.filter, (f) => toView({ type: f })));
}

function subscribePublications(): void {
  unsubscribePublications?.();
  unsubscribePublications = watchPublications(conn.db, state.publicationsLimit, {
    next: ({ items, fromCache }) => {
      state.publications = items;
      if (items.length === 0) {
        syncCards();
        moreButton.hidden = true;
        cardsRoot.replaceChildren(
          fromCache ? statusBox("offline", "Waiting for Firestore…", where()) : statusBox("empty", "No publications yet.", "Post articles to the ingest endpoint; they appear here as they are processed."),
        );
        return;
      }
      if (view.pub === null && (state.selected === null || !items.some((p) => p.key === state.selected))) select(items[0]!.key);
      syncCards();
      moreButton.hidden = items.length < state.publicationsLimit || state.publicationsLimit >= MAX_QUERY_LIMIT;
      renderSelection();
    },
    error: (err) => cardsRoot.replaceChildren(statusBox("error", "Could not load publications", `${err.message} ${where()}`)),
  });
}

/** Cards in publication order; a card's listener is (re)made when its filter changes. */
function syncCards(): void {
  const keep = new Set(state.publications.map((p) => p.key));
  for (const [key, entry] of cards) {
    if (!keep.has(key)) {
      entry.unsubscribe?.();
      entry.timeline.stop();
      cards.delete(key);
    }
  }
  const nodes: Node[] = [];
  for (const p of state.publications) {
    let entry = cards.get(p.key);
    if (!entry) {
      const newCard = card(p, (key) => toView({ pub: key, entity: null, compare: null }));
      entry = { view: newCard, timeline: timelineFeed(conn.db, p.key, (t) => newCard.setTimeline(t)), unsubscribe: null, filter: null };
      cards.set(p.key, entry);
    }
    entry.view.setPublication(p, p.key === state.selected);
    entry.timeline.update(p.yearly, p.days);
    if (entry.filter !== state.filter) {
      entry.unsubscribe?.();
      entry.filter = state.filter;
      const cardView = entry.view;
      const filterNow = state.filter;
      cardView.setEntities({ kind: "loading" });
      entry.unsubscribe = watchTopEntities(conn.db, p.key, state.filter, CLOUD_WORDS, {
        next: ({ items, fromCache }) => cardView.setEntities({ kind: "data", items, fromCache, emptyMessage: emptyMessage(filterNow) }),
        error: (err) => cardView.setEntities({ kind: "error", message: err.message }),
      });
    }
    nodes.push(entry.view.root);
  }
  // Re-insert only when the order changed: moving a node drops its focus.
  const current = [...cardsRoot.children];
  if (current.length !== nodes.length || current.some((el, i) => el !== nodes[i])) cardsRoot.replaceChildren(...nodes);
}

function select(key: string): void {
  if (key === state.selected) return;
  state.selected = key;
  for (const p of state.publications) cards.get(p.key)?.view.setPublication(p, p.key === key);
  state.selectedDoc = state.publications.find((p) => p.key === key);
  unsubscribeSelected?.();
  unsubscribeSelected = watchPublication(conn.db, key, {
    next: (p, fromCache) => {
      if (p === null && fromCache) return; // not known yet, not known missing
      state.selectedDoc = p;
      renderSelection();
    },
    error: () => undefined, // the ranking's own listener reports what went wrong
  });
  state.paging = firstPage(PAGE_SIZE);
  watchPage();
}

/** Listens to the current page. Paging keeps the old page on screen (busy) until the new one arrives. */
function watchPage(paging = false): void {
  unsubscribePage?.();
  state.pageBusy = paging && state.page !== null;
  if (!state.pageBusy) state.page = null;
  renderPanelNow();
  const key = state.selected;
  if (key === null) return;
  const request: PagingState = state.paging;
  unsubscribePage = watchEntityPage(conn.db, key, state.filter, request, {
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
      renderPanelNow();
    },
    error: (err) => panelView.update({ kind: "error", title: titleOf(key), pub: key, csv: csvOf(key), message: err.message }),
  });
}

const pagerActions = {
  prev() {
    if (!state.page) return;
    state.paging = prev(state.paging, state.page);
    watchPage(true);
  },
  next() {
    if (!state.page) return;
    state.paging = next(state.paging, state.page);
    watchPage(true);
  },
};

const panelView = panel(panelRoot, pagerActions);

const emptyMessage = (f: TypeFilter) => (f === "all" ? "No entities yet." : `No ${TYPE_LABELS[f].toLowerCase()} entities yet.`);

const titleOf = (key: string) => state.publications.find((p) => p.key === key)?.name ?? state.selectedDoc?.name ?? key;

const csvOf = (key: string) => ({ href: entitiesCsvUrl(key, state.filter, CSV_ROWS), rows: CSV_ROWS });

function renderPanelNow(): void {
  const key = state.selected;
  const s: PanelState =
    key === null
      ? { kind: "none" }
      : state.selectedDoc === null
        ? { kind: "error", title: key, pub: key, csv: csvOf(key), message: `There is no publication "${key}".` }
        : state.page === null
          ? { kind: "loading", title: titleOf(key), pub: key, csv: csvOf(key) }
          : { kind: "data", title: titleOf(key), pub: key, csv: csvOf(key), page: state.page, pageSize: PAGE_SIZE, fromCache: state.pageFromCache, busy: state.pageBusy, emptyMessage: emptyMessage(state.filter) };
  panelView.update(s);
}

/** Everything that names the selected publication besides the ranking. */
function renderSelection(): void {
  renderPanelNow();
  const key = state.selected;
  search.setScope(key, key === null ? "" : titleOf(key), state.filter);
  compareChooser.update(key, state.publications, view.compare);
}

/** Shows what `v` describes; `byUser`: a click or key, so focus follows (not on load or the back button). */
function applyView(v: ViewState, byUser: boolean): void {
  view = v;
  if (v.type !== state.filter) {
    state.filter = v.type;
    renderFilter();
    syncCards();
    state.paging = firstPage(PAGE_SIZE);
    watchPage();
  }
  const pub = v.pub ?? state.publications[0]?.key ?? null;
  const otherPublication = pub !== state.selected;
  if (pub !== null) select(pub);
  renderSelection();
  if (v.pub !== null && v.entity !== null) entityPanel.show(v.pub, v.entity, v.series, byUser);
  else entityPanel.hide();
  if (v.pub !== null && v.compare !== null && v.entity === null) comparePanel.show(v.pub, v.compare, v.type, byUser);
  else comparePanel.hide();
  if (byUser && otherPublication && v.entity === null && v.compare === null && window.matchMedia("(max-width: 760px)").matches) {
    panelRoot.scrollIntoView({ behavior: "smooth", block: "start" });
  }
}

function watchFreshness(): void {
  const render = () => freshnessView.update(freshness(state.rollup, state.newestArticle));
  const poll = async () => {
    if (document.hidden) return;
    try {
      const newest = newestArticleOf(await api.status());
      if (newest === undefined) return;
      state.newestArticle = newest;
      render();
    } catch {
      // Offline, or an API without the route: the status line keeps what it knew.
    }
  };
  watchRollupStatus(conn.db, {
    next: (status) => {
      state.rollup = status;
      render();
      void poll();
    },
    error: () => undefined,
  });
  window.setInterval(() => void poll(), PENDING_POLL_MS);
  document.addEventListener("visibilitychange", () => void poll());
}

function where(): string {
  return conn?.emulator ? `Firestore emulator at ${conn.emulator.host}:${conn.emulator.port}.` : "";
}

async function main(): Promise<void> {
  renderFilter();
  cardsRoot.replaceChildren(statusBox("loading", "Connecting to Firestore…"));
  panelView.update({ kind: "none" });
  try {
    conn = await connect();
  } catch (err) {
    cardsRoot.replaceChildren(statusBox("error", "Could not start", (err as Error).message));
    return;
  }
  footer.textContent = conn.emulator
    ? `Project ${conn.projectId} · Firestore emulator ${conn.emulator.host}:${conn.emulator.port} (${conn.emulator.from})`
    : `Project ${conn.projectId}`;
  document.body.dataset.connected = "true";
  cardsRoot.replaceChildren(statusBox("loading", "Loading publications…"));
  interceptLinks();
  onViewChange(applyView);
  applyView(view, false);
  subscribePublications();
  watchFreshness();
}

void main();
