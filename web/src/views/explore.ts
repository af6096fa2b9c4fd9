// The views that open over the page from the URL: an entity, in a publication
// or over all publications (ui/entityView.ts), or a comparison of two
// publications (ui/compareView.ts).
import type { App, Views } from "../app/state.ts";
import { compareView } from "../ui/compareView.ts";
import { entityView } from "../ui/entityView.ts";

export type ExploreElements = { entity: HTMLElement; compare: HTMLElement; panel: HTMLElement };

export function exploreView(els: ExploreElements, app: App): Pick<Views, "explore"> {
  const entityPanel = entityView(els.entity, {
    names: (ids) => app.publicationNames(ids),
    onClose: () => app.toView({ entity: null }),
    onSeriesMode: (series) => app.toView({ series }),
  });
  const comparePanel = compareView(els.compare, () => app.toView({ compare: null }));
  return {
    explore(byUser, otherPublication) {
      const v = app.state.view;
      // An entity without a publication is the entity over all publications.
      if (v.entity !== null) entityPanel.show(v.pub, v.entity, v.series, byUser);
      else entityPanel.hide();
      if (v.pub !== null && v.compare !== null && v.entity === null) comparePanel.show(v.pub, v.compare, v.type, byUser);
      else comparePanel.hide();
      if (byUser && otherPublication && v.entity === null && v.compare === null && window.matchMedia("(max-width: 760px)").matches) {
        els.panel.scrollIntoView({ behavior: "smooth", block: "start" });
      }
    },
  };
}
