// One feed source in the Sources view: its publication and health flag on top
// (silent and unusual ones marked, in words as well as colour), the reason,
// its items per day for the last 30 days (ui/columnChart.ts), and how its
// polls go. Everything the API says goes in as text (ui/dom.ts): feed titles,
// URLs and errors come from the internet.
import type { ApiSource } from "../data/api-types.ts";
import { dayColumns, daysSummary, failuresLine, FLAG_LABELS, healthLine, instant, isFailing, isFlagged, itemsLine, kindLabel, linkableUrl, pollLine, usualRate, whenLine } from "../logic/sources.ts";
import { formatCount } from "../logic/format.ts";
import { columnChart } from "./columnChart.ts";
import { h } from "./dom.ts";

const CHART = { width: 320, height: 84 };
const INK = "#3b4a5a";

const fact = (label: string, role: string, ...value: Array<Node | string>) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", { "data-role": role }, ...value));

/** A relative time with the exact instant in its datetime and tooltip. */
function when(iso: string | null, now: number): Node {
  const ms = instant(iso);
  if (ms === null) return document.createTextNode(whenLine(iso, now));
  return h("time", { datetime: new Date(ms).toISOString(), title: new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") }, whenLine(iso, now));
}

export function sourceCard(s: ApiSource, now: number): HTMLElement {
  const flagged = isFlagged(s);
  const failing = isFailing(s);
  const classes = ["source", `source-${s.health.flag}`, flagged ? "flagged" : "", failing ? "failing" : ""].filter(Boolean).join(" ");
  const root = h("article", {
    class: classes,
    "data-source-id": s.id,
    "data-flag": s.health.flag,
    "data-state": s.state,
    "data-failures": s.consecutiveFailures,
    "aria-label": `${s.publication}: ${FLAG_LABELS[s.health.flag] ?? s.health.flag}`,
  });

  const href = linkableUrl(s.url);
  const url = href
    ? h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-url", "data-role": "url" }, s.url)
    : h("span", { class: "source-url", "data-role": "url" }, s.url);

  const head = h(
    "header",
    { class: "source-head" },
    h("h3", { class: "source-pub", "data-role": "publication" }, s.publication),
    h("span", { class: `flag flag-${s.health.flag}`, "data-role": "flag" }, FLAG_LABELS[s.health.flag] ?? s.health.flag),
  );
  root.append(head);
  if (s.title) root.append(h("p", { class: "source-title", "data-role": "title" }, s.title));
  root.append(
    h("p", { class: "source-where" }, url),
    h("p", { class: "health-line", "data-role": "health", "data-flag": s.health.flag }, healthLine(s.health)),
  );

  const today = new Date(now).toISOString().slice(0, 10);
  const columns = dayColumns(s.health, today);
  const figure = h("figure", { class: "source-days", "data-role": "days", "data-days": columns.length });
  figure.append(
    h("figcaption", {}, h("span", {}, [`Items per day, last ${formatCount(columns.length)} days`, usualRate(s.health)].filter(Boolean).join("; "))),
    columns.length === 0
      ? h("p", { class: "source-note" }, "No days recorded yet.")
      : columnChart(columns, { ...CHART, colour: INK, format: formatCount, summary: daysSummary(columns), className: "source-chart" }),
  );
  root.append(figure);

  root.append(
    h(
      "dl",
      { class: "source-facts" },
      fact("Kind", "kind", kindLabel(s.kind)),
      fact("State", "state", pollLine(s, now)),
      fact("Last poll", "last-poll", when(s.lastPollAt, now)),
      fact("Last success", "last-success", when(s.lastSuccessAt, now)),
      fact("Items", "items", itemsLine(s)),
      fact("Failures", "failures", failuresLine(s)),
    ),
  );
  if (s.lastError !== null && s.lastError !== "") {
    root.append(h("p", { class: "source-error", "data-role": "last-error" }, h("strong", {}, "Last error: "), h("span", { "data-role": "error-text" }, s.lastError)));
  }
  return root;
}
