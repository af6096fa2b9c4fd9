// The side of the page: the type filter, the ranked list (ui/panel.ts) of the
// selected publication or of all publications, with its CSV link, and the
// search and compare forms, which work within one publication (over all
// publications they say so instead).
import type { App, Views } from "../app/state.ts";
import { PAGE_SIZE } from "../app/state.ts";
import { entitiesCsvUrl } from "../data/api.ts";
import { TYPE_LABELS } from "../logic/colours.ts";
import { ALL_PUBLICATIONS, type Scope, type TypeFilter } from "../logic/types.ts";
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

  const titleOf = (scope: Scope) => (scope === null ? ALL_PUBLICATIONS : (state.publications.find((p) => p.key === scope)?.name ?? state.selectedDoc?.name ?? scope));
  const csvOf = (scope: Scope) => ({ href: entitiesCsvUrl(scope, state.filter, CSV_ROWS), rows: CSV_ROWS });

  return {
    filter: () => els.filter.replaceChildren(typeFilter(state.filter, (f) => app.toView({ type: f }))),
    ranking() {
      const scope = state.selected;
      const s: PanelState =
        scope === undefined
          ? { kind: "none" }
          : scope !== null && state.selectedDoc === null
            ? { kind: "error", title: scope, scope, csv: csvOf(scope), message: `There is no publication "${scope}".` }
            : state.page === null
              ? { kind: "loading", title: titleOf(scope), scope, csv: csvOf(scope) }
              : { kind: "data", title: titleOf(scope), scope, csv: csvOf(scope), page: state.page, pageSize: PAGE_SIZE, fromCache: state.pageFromCache, busy: state.pageBusy, emptyMessage: emptyMessage(state.filter) };
      panelView.update(s);
    },
    rankingError: (scope, message) => panelView.update({ kind: "error", title: titleOf(scope), scope, csv: csvOf(scope), message }),
    selection() {
      const scope = state.selected;
      search.setScope(scope, scope === undefined ? "" : titleOf(scope), state.filter);
      // Over all publications there is nothing to compare with (the search box says so).
      compareChooser.update(scope ?? null, state.publications, state.view.compare);
    },
  };
}
