// One entity of one publication, or over all publications (scope null), from
// the read API: its mentions per day (or per year over its whole history when
// that reaches beyond the daily series; either also as its share of the
// scope's articles), the same entity in the (other) publications, each a link
// to its view there, and, in a publication, the latest articles that mention
// it. The controller says what to show; this view fetches it, cancelling what
// it no longer needs.
import { api, isAbort } from "../data/api.ts";
import type { ApiArticle, ElsewhereAnswer, EntityAnswer, GlobalEntityAnswer } from "../data/api-types.ts";
import { colourFor, TYPE_LABELS } from "../logic/colours.ts";
import { countableRange } from "@newsroom/core/calendar";
import { formatCount } from "../logic/format.ts";
import { entityHistory, seriesColumns } from "../logic/series.ts";
import type { SeriesMode } from "../logic/urlState.ts";
import type { Scope } from "../logic/types.ts";
import { fileName, webUrl } from "../logic/names.ts";
import { columnChart } from "./columnChart.ts";
import { h } from "./dom.ts";
import { entityLink } from "./links.ts";
import { oddDatesLine } from "./oddDates.ts";
import { pngButton } from "./png.ts";
import { statusBox } from "./status.ts";

export type EntityViewDeps = {
  /** Display names of publications by id. */
  names(ids: readonly string[]): Promise<Map<string, string>>;
  onClose(): void;
  onSeriesMode(mode: SeriesMode): void;
};

export type EntityView = { show(scope: Scope, entity: string, series: SeriesMode, focus: boolean): void; hide(): void };

const ARTICLES_PAGE = 10;
const SERIES = { width: 640, height: 180, maxBuckets: 90 };
const SERIES_CAPTION: Record<SeriesMode, string> = { mentions: "Mentions", share: "Share of the publication's articles" };
const SERIES_CAPTION_ALL: Record<SeriesMode, string> = { ...SERIES_CAPTION, share: "Share of all publications' articles" };
/** A publication's entry in a list of the publications that mention the entity. */
type Mentioning = { id: string; mentions: number; articles: number };

const failure = (what: string, err: unknown) => statusBox("error", `Could not load ${what}`, (err as Error).message);

export function entityView(root: HTMLElement, deps: EntityViewDeps): EntityView {
  let shown: { pub: Scope; entity: string; series: SeriesMode; answer: EntityAnswer | GlobalEntityAnswer | null; abort: AbortController } | null = null;
  /** Where focus was when the reader opened the view: it goes back there on close. */
  let opener: HTMLElement | null = null;
  const title = h("h2", { id: "entity-title", tabindex: -1, "data-role": "entity-title" });
  const sub = h("p", { class: "entity-sub", "data-role": "entity-sub" });
  const close = h("button", { type: "button", "data-action": "close-entity", "aria-label": "Close the entity view" }, "Close");
  close.addEventListener("click", () => deps.onClose());
  const series = h("section", { class: "entity-series", "aria-label": "Over time" });
  const elsewhere = h("section", { class: "entity-elsewhere", "aria-labelledby": "elsewhere-title" });
  const articles = h("section", { class: "entity-articles", "aria-labelledby": "articles-title" });
  root.replaceChildren(h("header", { class: "focus-head" }, h("div", {}, title, sub), close), series, h("div", { class: "entity-lists" }, elsewhere, articles));

  function renderSeries(): void {
    if (!shown) return;
    const { answer, series: mode, pub } = shown;
    series.dataset.mode = mode;
    if (!answer) return;
    const range = countableRange(Date.now());
    const history = entityHistory(answer, range);
    const cols = seriesColumns(history, mode, SERIES.maxBuckets, range);
    const caption = `${(pub === null ? SERIES_CAPTION_ALL : SERIES_CAPTION)[mode]} per ${cols.unit}${history.source === "years" ? ", its whole history" : ""}`;
    const toggle = h(
      "fieldset",
      { class: "toggle", "data-role": "series-mode" },
      h("legend", {}, "Show"),
      ...(["mentions", "share"] as const).map((m) => {
        const input = h("input", { type: "radio", name: "series-mode", value: m, checked: m === mode, "data-series": m });
        input.addEventListener("change", () => input.checked && deps.onSeriesMode(m));
        return h("label", { class: `chip${m === mode ? " active" : ""}` }, input, m === "mentions" ? "Mentions" : "Share of articles");
      }),
    );
    const figure = h("figure", { class: "series", "data-unit": cols.unit, "data-source": history.source });
    const body =
      cols.columns.length === 0
        ? statusBox("empty", "No dated mentions yet.")
        : columnChart(cols.columns, {
            ...SERIES,
            colour: colourFor(answer.entity.type),
            format: cols.format,
            summary: `${caption} of ${answer.entity.word}, ${cols.columns[0]!.label} to ${cols.columns.at(-1)!.label}`,
            className: "series-chart",
          });
    figure.append(
      h("figcaption", {}, h("span", {}, caption), pngButton(() => figure.querySelector("svg"), () => fileName(pub ?? "all-publications", answer.entity.word, mode, "per", cols.unit), `chart of ${answer.entity.word}`)),
      body,
    );
    const note = oddDatesLine(cols.skipped, "mention", "mentions", range);
    if (note) figure.append(note);
    series.replaceChildren(toggle, figure);
  }

  async function loadEntity(signal: AbortSignal): Promise<void> {
    const s = shown!;
    try {
      const answer = s.pub === null ? await api.globalEntity(s.entity, signal) : await api.entity(s.pub, s.entity, signal);
      if (signal.aborted) return;
      s.answer = answer;
      const e = answer.entity;
      title.textContent = e.word;
      sub.replaceChildren(
        h("span", { class: `type type-${e.type}` }, TYPE_LABELS[e.type]),
        ` in ${"publication" in answer ? answer.publication.name : "all publications"}: `,
        h("strong", { "data-role": "entity-mentions", "data-value": e.mentions }, formatCount(e.mentions)),
        ` mention${e.mentions === 1 ? "" : "s"} in ${formatCount(e.articles)} article${e.articles === 1 ? "" : "s"}`,
      );
      root.dataset.state = "data";
      renderSeries();
      if ("publications" in answer) await showPublications(s, answer.publications, signal);
    } catch (err) {
      if (isAbort(err)) return;
      root.dataset.state = "error";
      title.textContent = "Entity not available";
      sub.textContent = "";
      series.replaceChildren(failure("this entity", err));
      if (s.pub === null) elsewhere.replaceChildren(h("h3", { id: "elsewhere-title" }, "In the publications"), failure("the publications", err));
    }
  }

  /** The publications that mention it, most first, each a link to its view there (the one shown, if any, marked). */
  async function showPublications(s: NonNullable<typeof shown>, list: readonly Mentioning[], signal: AbortSignal): Promise<void> {
    const heading = h("h3", { id: "elsewhere-title" }, s.pub === null ? "The publications that mention it most" : "In the publications");
    const names = await deps.names(list.map((p) => p.id));
    if (signal.aborted) return;
    elsewhere.dataset.state = "data";
    if (list.every((p) => p.id === s.pub)) return elsewhere.replaceChildren(heading, statusBox("empty", s.pub === null ? "No publication's counts mention it yet." : "No other publication mentions it."));
    elsewhere.replaceChildren(
      heading,
      h(
        "ol",
        { class: "elsewhere" },
        ...list.map((p) => {
          const name = names.get(p.id) ?? p.id;
          const here = p.id === s.pub;
          return h(
            "li",
            { "data-pub-key": p.id, "data-mentions": p.mentions, class: here ? "here" : "" },
            here ? h("span", { class: "word", "aria-current": "page" }, name, h("small", {}, " (this publication)")) : entityLink(p.id, s.entity, h("span", { class: "word" }, name)),
            h("span", { class: "count" }, h("strong", {}, formatCount(p.mentions)), h("small", {}, `${formatCount(p.articles)} article${p.articles === 1 ? "" : "s"}`)),
          );
        }),
      ),
    );
  }

  async function loadElsewhere(signal: AbortSignal): Promise<void> {
    const s = shown!;
    const heading = h("h3", { id: "elsewhere-title" }, "In the publications");
    elsewhere.replaceChildren(heading, statusBox("loading", "Looking in every publication…"));
    // Over all publications, the entity's own answer lists them (loadEntity).
    if (s.pub === null) return;
    try {
      const answer: ElsewhereAnswer = await api.elsewhere(s.pub, s.entity, signal);
      await showPublications(s, answer.publications, signal);
    } catch (err) {
      if (isAbort(err)) return;
      elsewhere.dataset.state = "error";
      elsewhere.replaceChildren(heading, failure("the other publications", err));
    }
  }

  function articleItem(a: ApiArticle): HTMLLIElement {
    const title = a.title?.trim() || "Untitled article";
    const href = webUrl(a.url);
    const link = href !== null ? h("a", { href, rel: "noopener noreferrer", target: "_blank", class: "article-title" }, title) : h("span", { class: "article-title" }, title);
    return h(
      "li",
      { "data-article-id": a.id },
      link,
      h("span", { class: "meta" }, h("time", { datetime: a.day }, a.day), ` · ${formatCount(a.mentions)} mention${a.mentions === 1 ? "" : "s"}`),
    );
  }

  /** A publication's articles that mention it; over all publications, where to find them. */
  async function loadArticles(signal: AbortSignal): Promise<void> {
    const s = shown!;
    const pub = s.pub;
    articles.hidden = pub === null;
    if (pub === null) return;
    const heading = h("h3", { id: "articles-title" }, "Latest articles");
    const list = h("ol", { class: "articles" });
    const more = h("button", { type: "button", "data-action": "more-articles", hidden: true }, "More articles");
    const note = h("div", { class: "articles-note" });
    articles.replaceChildren(heading, statusBox("loading", "Loading articles…"));
    let cursor: string | null = null;
    const page = async () => {
      more.disabled = true;
      try {
        const answer = await api.articles(pub, s.entity, cursor, ARTICLES_PAGE, signal);
        if (signal.aborted) return;
        list.append(...answer.articles.map(articleItem));
        cursor = answer.next;
        more.hidden = cursor === null;
        note.replaceChildren(list.children.length === 0 ? statusBox("empty", "No articles stored for it.") : "");
        articles.dataset.state = "data";
      } catch (err) {
        if (isAbort(err)) return;
        articles.dataset.state = "error";
        note.replaceChildren(failure("articles", err));
      } finally {
        more.disabled = false;
      }
    };
    more.addEventListener("click", () => void page());
    await page();
    if (!signal.aborted) articles.replaceChildren(heading, list, note, more);
  }

  return {
    show(pub, entity, mode, focus) {
      root.hidden = false;
      if (shown && shown.pub === pub && shown.entity === entity) {
        if (shown.series !== mode) {
          shown.series = mode;
          renderSeries();
        }
        return;
      }
      shown?.abort.abort();
      shown = { pub, entity, series: mode, answer: null, abort: new AbortController() };
      root.dataset.state = "loading";
      if (pub === null) {
        delete root.dataset.pubKey;
        root.dataset.scope = "all";
      } else {
        root.dataset.pubKey = pub;
        delete root.dataset.scope;
      }
      root.dataset.entityId = entity;
      title.textContent = "Loading…";
      sub.textContent = "";
      series.replaceChildren(statusBox("loading", "Loading its mentions…"));
      const signal = shown.abort.signal;
      void loadEntity(signal);
      void loadElsewhere(signal);
      void loadArticles(signal);
      if (focus) {
        if (!root.contains(document.activeElement)) opener = document.activeElement as HTMLElement | null;
        root.scrollIntoView({ block: "start", behavior: "smooth" });
        title.focus({ preventScroll: true });
      }
    },
    hide() {
      const hadFocus = root.contains(document.activeElement);
      shown?.abort.abort();
      shown = null;
      root.hidden = true;
      delete root.dataset.state;
      if (hadFocus && opener?.isConnected) opener.focus({ preventScroll: true });
      opener = null;
    },
  };
}
