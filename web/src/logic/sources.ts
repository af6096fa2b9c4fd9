// The Sources view's words and order, pure: which feed sources come first
// (those whose health is flagged, then the failing, then the rest, each by
// publication), and the lines that say how each one is doing. Every string
// from the API (publication, URL, title, error, the health's reason) is data
// here; ui/sourceCard.ts puts it in as text.
import type { ApiSource, SourceFlag, SourceHealth } from "../data/api-types.ts";
import { formatCount } from "./format.ts";

type Kind = ApiSource["kind"];
type State = ApiSource["state"];

export const FLAG_LABELS: Record<SourceFlag, string> = { ok: "OK", silent: "Silent", unusual: "Unusual", new: "New" };

const KIND_LABELS: Record<NonNullable<Kind>, string> = {
  rss: "RSS",
  atom: "Atom",
  "json-feed": "JSON Feed",
  "news-sitemap": "News sitemap",
  sitemap: "Sitemap",
  "sitemap-index": "Sitemap index",
};

export const kindLabel = (kind: Kind): string => (kind === null ? "Not known yet" : (KIND_LABELS[kind] ?? kind));

/** Whether the health check flags the source: silent or unusual today. */
export const isFlagged = (s: Pick<ApiSource, "health">): boolean => s.health.flag === "silent" || s.health.flag === "unusual";

/** Whether its polls fail: failures in a row, or the feed said it is gone. */
export const isFailing = (s: Pick<ApiSource, "consecutiveFailures" | "state">): boolean => s.consecutiveFailures > 0 || s.state === "gone";

/** 0: flagged, 1: failing, 2: the rest. */
export function attention(s: Pick<ApiSource, "health" | "consecutiveFailures" | "state">): number {
  if (isFlagged(s)) return 0;
  if (isFailing(s)) return 1;
  return 2;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** A sorted copy: flagged first, then failing, then the rest; within each by publication, then URL. */
export function orderSources<T extends Pick<ApiSource, "health" | "consecutiveFailures" | "state" | "publication" | "url">>(sources: readonly T[]): T[] {
  return [...sources].sort(
    (a, b) => attention(a) - attention(b) || collator.compare(a.publication, b.publication) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
}

/** Items per day with the digits that matter ("4.2", "12", "0"). */
export function formatRate(v: number): string {
  if (!Number.isFinite(v)) return "?";
  const r = Math.round(v * 10) / 10;
  return r >= 10 || Number.isInteger(r) ? formatCount(Math.round(r)) : r.toFixed(1);
}

/** The flag and why: "Silent: no items today; …". The reason is the API's, as it is. */
export function healthLine(h: Pick<SourceHealth, "flag" | "reason">): string {
  const reason = h.reason.trim();
  return reason === "" ? FLAG_LABELS[h.flag] ?? h.flag : `${FLAG_LABELS[h.flag] ?? h.flag}: ${reason}`;
}

/** The usual day, for the chart's caption: "usually 4.2 ± 1.1 a day"; "" before there is one. */
export function usualRate(h: Pick<SourceHealth, "mean" | "sd">): string {
  return h.mean > 0 || h.sd > 0 ? `usually ${formatRate(h.mean)} ± ${formatRate(h.sd)} a day` : "";
}

/** "3 today · 1,204 in all". */
export const itemsLine = (s: Pick<ApiSource, "itemsTotal" | "health">): string => `${formatCount(s.health.today)} today · ${formatCount(s.itemsTotal)} in all`;

/** "None", or "3 in a row (last: HTTP 503)". */
export function failuresLine(s: Pick<ApiSource, "consecutiveFailures" | "lastStatus">): string {
  if (s.consecutiveFailures <= 0) return "None";
  const status = s.lastStatus !== null && s.lastStatus >= 400 ? ` (last: HTTP ${s.lastStatus})` : "";
  return `${formatCount(s.consecutiveFailures)} in a row${status}`;
}

const STATE_WORDS: Record<State, string> = { active: "Active", paused: "Paused: not polled", gone: "Gone (the feed answered 410): not polled; resume it to try again" };

/** "Active · every 15 min · next in 4 minutes", "Paused: not polled". */
export function pollLine(s: Pick<ApiSource, "state" | "intervalMinutes" | "nextPollAt">, now: number): string {
  const state = STATE_WORDS[s.state] ?? s.state;
  if (s.state !== "active") return state;
  const parts = [state];
  if (s.intervalMinutes > 0) parts.push(`every ${formatInterval(s.intervalMinutes)}`);
  const next = instant(s.nextPollAt);
  if (next !== null) parts.push(next <= now ? "due now" : `next ${relativeTime(next, now)}`);
  return parts.join(" · ");
}

/** "15 min", "2 h", "1 h 30 min", "1 day". */
export function formatInterval(minutes: number): string {
  if (!(minutes > 0)) return "0 min";
  if (minutes < 60) return `${formatRate(minutes)} min`;
  const m = Math.round(minutes);
  if (m % 1440 === 0) return `${m / 1440} day${m === 1440 ? "" : "s"}`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/** Epoch ms of an ISO instant; null for none or one that does not parse. */
export function instant(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "always" });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 365],
];

/** Rounded half away from zero, and never to zero: as much before as after. */
const roundAway = (v: number): number => Math.sign(v) * Math.max(1, Math.round(Math.abs(v)));

/** "just now", "5 minutes ago", "in 3 hours", "2 days ago", "1 year ago". */
export function relativeTime(ms: number, now: number): string {
  const seconds = (ms - now) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  let v = seconds;
  for (const [unit, size] of STEPS) {
    if (Math.round(Math.abs(v)) < size) return relative.format(roundAway(v), unit);
    v /= size;
  }
  return relative.format(roundAway(v), "year");
}

/** When something happened: "never", or relative to now. */
export const whenLine = (iso: string | null, now: number): string => {
  const ms = instant(iso);
  return ms === null ? "never" : relativeTime(ms, now);
};

/** The feed's address if it is one a link may point at (http or https), else null: shown as text only. */
export function linkableUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

export type DayColumn = { label: string; value: number; title: string };

/** The health's days as chart columns, oldest first; the last is today, so far. */
export function dayColumns(h: Pick<SourceHealth, "days">, today: string): DayColumn[] {
  return h.days.map((d) => {
    const n = Number.isFinite(d.items) ? d.items : 0;
    return { label: d.day, value: n, title: `${d.day}${d.day === today ? " (today, so far)" : ""}: ${formatCount(n)} item${n === 1 ? "" : "s"}` };
  });
}

/** What the chart shows, for screen readers: "Items per day, 2026-02-05 to 2026-03-06: 120 in all, most 9 (2026-02-20)". */
export function daysSummary(columns: readonly DayColumn[]): string {
  if (columns.length === 0) return "Items per day: none recorded yet";
  const total = columns.reduce((n, c) => n + c.value, 0);
  const top = columns.reduce((a, c) => (c.value > a.value ? c : a));
  return `Items per day, ${columns[0]!.label} to ${columns.at(-1)!.label}: ${formatCount(total)} in all, most ${formatCount(top.value)} (${top.label})`;
}

/** The line above the list: "4 sources: 1 silent, 1 unusual, 1 failing". */
export function listSummary(sources: ReadonlyArray<Pick<ApiSource, "health" | "consecutiveFailures" | "state">>): string {
  const n = sources.length;
  const head = `${formatCount(n)} source${n === 1 ? "" : "s"}`;
  const count = (p: (s: (typeof sources)[number]) => boolean) => sources.filter(p).length;
  const parts = [
    [count((s) => s.health.flag === "silent"), "silent"],
    [count((s) => s.health.flag === "unusual"), "unusual"],
    [count(isFailing), "failing"],
    [count((s) => s.state === "paused"), "paused"],
  ]
    .filter(([c]) => (c as number) > 0)
    .map(([c, what]) => `${formatCount(c as number)} ${what}`);
  return parts.length === 0 ? `${head}, all well` : `${head}: ${parts.join(", ")}`;
}

/** How to add the first source: the words, then the command. */
export const NO_SOURCES = { message: "No sources yet: add one with", command: "npm run sources -- add URL --publication NAME" } as const;

/** What a refusal of the key means, by status: null when it is no refusal. */
export function keyRefusal(status: number): string | null {
  if (status === 401) return "The API asked for the operator's key.";
  if (status === 403) return "That is not the operator's key.";
  return null;
}
