// The view in the URL: which screen (the dashboard, or the operator's feed
// sources), which publication (or all publications' ranked list), entity,
// compare pair, type filter and series mode are on screen, and the day the Rising panels rank (absent: today). Parsing never throws (a hand-edited or stale
// link falls back to the parts that make sense); serialising keeps parameters
// it does not own (?firestore=, anything else) where they were.
import { isDay } from "@newsroom/core/calendar";
import { parseTypeFilter, type Scope, type TypeFilter } from "./types.ts";

export type SeriesMode = "mentions" | "share";

/** The page's screens: the publications' dashboard, or the operator's feed sources (?view=sources). */
export type Screen = "dashboard" | "sources";

export type ViewState = {
  /** publications/{pub}: the selected publication (the read API's /v0 links use ?pub=). */
  pub: string | null;
  /** An entity shown in detail: in `pub`, or (pub null) over all publications. */
  entity: string | null;
  /** The publication `pub` is compared with. */
  compare: string | null;
  type: TypeFilter;
  /** The entity's series as mentions, or as a share of the publication's articles. */
  series: SeriesMode;
  /** The screen shown (?view=); absent: the dashboard. */
  screen?: Screen;
  /** The day (UTC, YYYY-MM-DD) the cards' Rising panels rank (?day=); absent: today so far. */
  day?: string;
  /**
   * The side panel ranks all publications (?list=all), only without `pub` (which
   * selects a publication). A parameter of its own rather than a reserved `pub`:
   * `pub` also scopes the entity view, and any plain word is some name's key.
   */
  list?: "all";
};

export const EMPTY_VIEW: ViewState = { pub: null, entity: null, compare: null, type: "all", series: "mentions" };

/** The URL parameters the view owns. */
const OWNED = ["pub", "entity", "compare", "type", "series", "view", "day", "list"] as const;
/** The view's parts that are compared as they are (the screen is compared by screenOf). */
const PARTS = ["pub", "entity", "compare", "type", "series", "day", "list"] as const;

export const screenOf = (v: Pick<ViewState, "screen">): Screen => v.screen ?? "dashboard";

/** A Firestore document id: 1..1500 bytes, no "/", not "." or "..". */
export function isDocumentId(value: string | null | undefined): value is string {
  if (!value || value === "." || value === ".." || value.includes("/")) return false;
  return new TextEncoder().encode(value).length <= 1500;
}

export function parseView(search: string): ViewState {
  const q = new URLSearchParams(search);
  const pub = isDocumentId(q.get("pub")) ? q.get("pub") : null;
  const entity = isDocumentId(q.get("entity")) ? q.get("entity") : null;
  const other = q.get("compare");
  const compare = pub !== null && isDocumentId(other) && other !== pub ? other : null;
  return {
    pub,
    entity,
    compare,
    type: parseTypeFilter(q.get("type")),
    series: q.get("series") === "share" ? "share" : "mentions",
    // Only when it is not the dashboard, so a dashboard view is the same object it always was.
    ...(q.get("view") === "sources" ? { screen: "sources" as const } : {}),
    ...(isDay(q.get("day") ?? "") ? { day: q.get("day")! } : {}),
    ...(pub === null && q.get("list") === "all" ? { list: "all" as const } : {}),
  };
}

/** The query string for `view`, keeping `current`'s other parameters; "" when there are none. */
export function serialiseView(view: ViewState, current = ""): string {
  const q = new URLSearchParams(current);
  for (const k of OWNED) q.delete(k);
  // Normalise first, so what is written parses back to the same view.
  const v = parseView(new URLSearchParams(Object.entries(ownedParams(view))).toString());
  for (const [k, value] of Object.entries(ownedParams(v))) q.set(k, value);
  const s = q.toString();
  return s === "" ? "" : `?${s}`;
}

function ownedParams(v: ViewState): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.pub !== null) out.pub = v.pub;
  if (v.entity !== null) out.entity = v.entity;
  if (v.compare !== null) out.compare = v.compare;
  if (v.type !== "all") out.type = v.type;
  if (v.series !== "mentions") out.series = v.series;
  if (screenOf(v) !== "dashboard") out.view = screenOf(v);
  if (v.day !== undefined) out.day = v.day;
  if (v.list !== undefined) out.list = v.list;
  return out;
}

/**
 * Whether going from `a` to `b` is a step the back button should undo (another
 * screen, publication, entity or comparison), rather than a setting changed in place.
 */
export function isNavigation(a: ViewState, b: ViewState): boolean {
  return screenOf(a) !== screenOf(b) || a.pub !== b.pub || a.list !== b.list || a.entity !== b.entity || a.compare !== b.compare;
}

/**
 * Whose ranking the side panel shows for `v`: its publication, all publications
 * (null, ?list=all), else, beside an entity over all publications, the one it
 * showed (`current`), else `first` (the publication with the most articles);
 * undefined while there is none.
 */
export function panelScope(v: ViewState, current: Scope | undefined, first: string | undefined): Scope | undefined {
  if (v.pub !== null) return v.pub;
  if (v.list === "all") return null;
  return v.entity !== null && current !== undefined ? current : first;
}

/** The parts of a view that open a scope's ranked list in the side panel. */
export const listOf = (scope: Scope): Pick<ViewState, "pub" | "entity" | "compare" | "list"> =>
  scope === null ? { pub: null, list: "all", entity: null, compare: null } : { pub: scope, entity: null, compare: null };

export const sameView = (a: ViewState, b: ViewState): boolean => screenOf(a) === screenOf(b) && PARTS.every((k) => a[k] === b[k]);
