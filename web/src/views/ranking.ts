// The selected publication's side of the page: the type filter, the ranked
// list (ui/panel.ts) with its CSV link, and the search and compare forms that
// are scoped to it.
import type { App, Views } from "../app/state.ts";
import { PAGE_SIZE } from "../app/state.ts";
import { entitiesCsvUrl } from "../data/api.ts";
import { TYPE_LABELS } from "../logic/colours.ts";
import type { TypeFilter } from "../logic/types.ts";
import { compareForm } from "../ui/compareForm.ts";
import { panel, type PanelState } from "../ui/panel.ts";
import { searchBox } from "../ui/searchBox.ts";
import { typeFilter } from "../ui/typeFilter.ts";

/** Rows of the CSV download: one API page, the most it serves at once. */
const CSV_ROWS = 100;

export const emptyMessage = (f: TypeFilter) => (f === "all" ? "No entities yet." : `No ${TYPE_LABELS[f].toLowerCase()} entities yet.`);

export type RankingElements = { filter: HTMLElement; panel: HTMLElement; search: HTMLElement; compareForm: HTMLElement };

export function rankingView(els: RankingElements, app: App): Pick<Views, "filter" | "ranking" | "rankingError" | "selection"> {
  const { state } = app;
  const panelView = panel(els.panel, { prev: () => app.prevPage(), next: () => app.nextPage() });
  const search = searchBox(els.search);
  const compareChooser = compareForm(els.compareForm, (other) => app.toView({ compare: other, entity: null }));

  const titleOf = (key: string) => state.publications.find((p) => p.key === key)?.name ?? state.selectedDoc?.name ?? key;
  const csvOf = (key: string) => ({ href: entitiesCsvUrl(key, state.filter, CSV_ROWS), rows: CSV_ROWS });

  return {
    filter: () => els.filter.replaceChildren(typeFilter(state.filter, (f) => app.toView({ type: f }))),
    ranking() {
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
    },
    rankingError: (key, message) => panelView.update({ kind: "error", title: titleOf(key), pub: key, csv: csvOf(key), message }),
    selection() {
      const key = state.selected;
      search.setScope(key, key === null ? "" : titleOf(key), state.filter);
      compareChooser.update(key, state.publications, state.view.compare);
    },
  };
}
