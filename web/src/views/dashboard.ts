// The page's views, bound to index.html's elements: what app/state.ts tells
// them, plus the page's own lines (connecting, the connection footer), and
// the screens: the publications (index.html's main) or the operator's feed
// sources (views/sources.ts, a main of its own made here), chosen by the URL
// (?view=sources) and the links in the header.
import type { App, Views } from "../app/state.ts";
import type { Connection } from "../data/firebase.ts";
import { TYPE_COLOURS } from "../logic/colours.ts";
import { freshness } from "../logic/freshness.ts";
import { ENTITY_TYPES } from "../logic/types.ts";
import { screenOf } from "../logic/urlState.ts";
import { h } from "../ui/dom.ts";
import { freshnessLine } from "../ui/freshness.ts";
import { screenNav } from "../ui/screenNav.ts";
import { statusBox } from "../ui/status.ts";
import { cardsView } from "./cards.ts";
import { exploreView } from "./explore.ts";
import { rankingView } from "./ranking.ts";
import { sourcesView } from "./sources.ts";

export type Dashboard = Views & {
  connecting(): void;
  couldNotStart(message: string): void;
  connected(conn: Connection): void;
};

const $ = (id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
};

export function dashboard(app: App): Dashboard {
  for (const t of ENTITY_TYPES) document.documentElement.style.setProperty(`--type-${t}`, TYPE_COLOURS[t]);
  const panel = $("panel");
  const explore = exploreView({ entity: $("entity"), compare: $("compare"), panel }, app);
  const ranking = rankingView({ filter: $("filter"), panel, search: $("search"), compareForm: $("compare-form") }, app);
  const cards = cardsView({ all: $("all-card"), cards: $("cards"), more: $("more") as HTMLButtonElement }, app);
  const freshnessView = freshnessLine($("freshness"));
  const footer = $("connection");
  const layout = document.querySelector<HTMLElement>("main.layout");
  if (!layout) throw new Error("main.layout missing from index.html");
  const nav = screenNav();
  $("freshness").before(nav.root);
  const sourcesRoot = h("main", { id: "sources", class: "sources-view", "aria-labelledby": "sources-title" });
  layout.after(sourcesRoot);
  const sources = sourcesView(sourcesRoot);
  const documentTitle = document.title;

  /** Shows the screen in the view: the publications' main, or the sources' (the other is hidden). */
  function screen(byUser: boolean): void {
    const current = screenOf(app.state.view);
    document.body.dataset.screen = current;
    nav.update(current);
    layout!.hidden = current !== "dashboard";
    if (current === "sources") {
      document.title = "Newsroom · feed sources";
      sources.show(byUser);
    } else {
      document.title = documentTitle;
      sources.hide();
    }
  }

  return {
    ...cards,
    ...ranking,
    ...explore,
    freshness: () => freshnessView.update(freshness(app.state.rollup, app.state.newestArticle)),
    screen,
    connecting() {
      // The sources come from the API, not Firestore: that screen needs no connection.
      screen(false);
      ranking.filter();
      cards.status(statusBox("loading", "Connecting to Firestore…"));
      ranking.ranking();
    },
    couldNotStart: (message) => cards.status(statusBox("error", "Could not start", message)),
    connected(conn) {
      footer.textContent = conn.emulator
        ? `Project ${conn.projectId} · Firestore emulator ${conn.emulator.host}:${conn.emulator.port} (${conn.emulator.from})`
        : `Project ${conn.projectId}`;
      document.body.dataset.connected = "true";
      cards.status(statusBox("loading", "Loading publications…"));
    },
  };
}
