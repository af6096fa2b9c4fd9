// Wiring: connects to Firestore, keeps one listener per visible publication
// card and one for the ranked-list page, and re-renders on every snapshot.
import "./styles.css";
import { connect, type Connection } from "./data/firebase.ts";
import { watchEntityPage, watchPublications, watchTopEntities, type Unsubscribe } from "./data/watch.ts";
import { TYPE_COLOURS, TYPE_LABELS } from "./logic/colours.ts";
import { MAX_QUERY_LIMIT, queryLimit } from "./logic/limits.ts";
import { firstPage, next, prev, reconcile, toPage, type Page, type PagingState } from "./logic/paging.ts";
import { ENTITY_TYPES, parseTypeFilter, type Entity, type Publication, type TypeFilter } from "./logic/types.ts";
import { card, type CardView } from "./ui/card.ts";
import { h } from "./ui/dom.ts";
import { panel, type PanelState } from "./ui/panel.ts";
import { statusBox } from "./ui/status.ts";
import { typeFilter } from "./ui/typeFilter.ts";

const PUBLICATIONS_STEP = 24;
const CLOUD_WORDS = 20;
const PAGE_SIZE = 10;

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

type CardEntry = { view: CardView; unsubscribe: Unsubscribe | null; filter: TypeFilter | null };

const state = {
  filter: parseTypeFilter(new URLSearchParams(location.search).get("type")),
  publications: [] as Publication[],
  publicationsLimit: PUBLICATIONS_STEP,
  selected: null as string | null,
  paging: firstPage(PAGE_SIZE),
  page: null as Page<Entity> | null,
  pageFromCache: false,
  pageBusy: false,
};

let conn: Connection;
const cards = new Map<string, CardEntry>();
let unsubscribePublications: Unsubscribe | null = null;
let unsubscribePage: Unsubscribe | null = null;

function renderFilter(): void {
  filterSlot.replaceChildren(typeFilter(state.filter, setFilter));
}

function setFilter(f: TypeFilter): void {
  if (f === state.filter) return;
  state.filter = f;
  const url = new URL(location.href);
  if (f === "all") url.searchParams.delete("type");
  else url.searchParams.set("type", f);
  history.replaceState(null, "", url);
  renderFilter();
  syncCards();
  state.paging = firstPage(PAGE_SIZE);
  watchPage();
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
      if (state.selected === null || !items.some((p) => p.key === state.selected)) select(items[0]!.key, false);
      syncCards();
      moreButton.hidden = items.length < state.publicationsLimit || state.publicationsLimit >= MAX_QUERY_LIMIT;
      renderPanelNow();
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
      cards.delete(key);
    }
  }
  const nodes: Node[] = [];
  for (const p of state.publications) {
    let entry = cards.get(p.key);
    if (!entry) {
      entry = { view: card(p, select), unsubscribe: null, filter: null };
      cards.set(p.key, entry);
    }
    entry.view.setPublication(p, p.key === state.selected);
    if (entry.filter !== state.filter) {
      entry.unsubscribe?.();
      entry.filter = state.filter;
      const view = entry.view;
      const filterNow = state.filter;
      view.setEntities({ kind: "loading" });
      entry.unsubscribe = watchTopEntities(conn.db, p.key, state.filter, CLOUD_WORDS, {
        next: ({ items, fromCache }) => view.setEntities({ kind: "data", items, fromCache, emptyMessage: emptyMessage(filterNow) }),
        error: (err) => view.setEntities({ kind: "error", message: err.message }),
      });
    }
    nodes.push(entry.view.root);
  }
  // Re-insert only when the order changed: moving a node drops its focus.
  const current = [...cardsRoot.children];
  if (current.length !== nodes.length || current.some((el, i) => el !== nodes[i])) cardsRoot.replaceChildren(...nodes);
}

function select(key: string, byUser = true): void {
  const changed = key !== state.selected;
  state.selected = key;
  for (const p of state.publications) cards.get(p.key)?.view.setPublication(p, p.key === key);
  if (changed) {
    state.paging = firstPage(PAGE_SIZE);
    watchPage();
  }
  if (byUser && changed && window.matchMedia("(max-width: 760px)").matches) {
    panelRoot.scrollIntoView({ behavior: "smooth", block: "start" });
  }
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
    error: (err) => panelView.update({ kind: "error", title: titleOf(key), message: err.message }),
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

const titleOf = (key: string) => state.publications.find((p) => p.key === key)?.name ?? key;

function renderPanelNow(): void {
  const key = state.selected;
  const s: PanelState =
    key === null
      ? { kind: "none" }
      : state.page === null
        ? { kind: "loading", title: titleOf(key) }
        : { kind: "data", title: titleOf(key), page: state.page, pageSize: PAGE_SIZE, fromCache: state.pageFromCache, busy: state.pageBusy, emptyMessage: emptyMessage(state.filter) };
  panelView.update(s);
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
  subscribePublications();
}

void main();
