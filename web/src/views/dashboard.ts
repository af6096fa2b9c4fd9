// The page's views, bound to index.html's elements: what app/state.ts tells
// them, plus the page's own lines (connecting, the connection footer).
import type { App, Views } from "../app/state.ts";
import type { Connection } from "../data/firebase.ts";
import { TYPE_COLOURS } from "../logic/colours.ts";
import { freshness } from "../logic/freshness.ts";
import { ENTITY_TYPES } from "../logic/types.ts";
import { freshnessLine } from "../ui/freshness.ts";
import { statusBox } from "../ui/status.ts";
import { cardsView } from "./cards.ts";
import { exploreView } from "./explore.ts";
import { rankingView } from "./ranking.ts";

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
  const cards = cardsView($("cards"), $("more") as HTMLButtonElement, app);
  const freshnessView = freshnessLine($("freshness"));
  const footer = $("connection");

  return {
    ...cards,
    ...ranking,
    ...explore,
    freshness: () => freshnessView.update(freshness(app.state.rollup, app.state.newestArticle)),
    connecting() {
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
