// Daily (or yearly) counts as columns: grouped into the finest calendar unit
// that fits the chart (@newsroom/core/calendar), gaps filled with zeros, and laid out on a
// linear scale with a round maximum. Pure and total: a point whose day is no
// day, or lies outside the range given, is left out and reported in
// `skipped`, never drawn across millennia and never a throw (finding 10).
// ui/columnChart.ts draws the result.
import { bucketLabel, bucketStart, bucketStarts, chooseUnit, yearStart, type Day, type DayRange, type Unit, type Year } from "@newsroom/core/calendar";

export type Bucket<K extends string> = { start: Day; label: string; totals: Record<K, number> };
/** `skipped`: the totals of the points left out. */
export type Buckets<K extends string> = { unit: Unit; buckets: Bucket<K>[]; skipped: Record<K, number> };
/** `finest`: the finest unit to group by ("year" for points that stand for whole years); `range`: the days to keep. */
export type AggregateOptions = { finest?: Unit; range?: DayRange };
type Point<K extends string> = { day: string } & Record<K, number>;

/** Whether a point on `day` counts: a day whose `finest` bucket starts within the range (widened to whole buckets). */
export function countable(day: string, finest: Unit = "day", range?: DayRange): boolean {
  const start = bucketStart(day, finest);
  if (start === null) return false;
  return range === undefined || (start >= (bucketStart(range.from, finest) ?? range.from) && start <= range.to);
}

/** Sums `keys` of the points per bucket, from the first countable day to the last. */
export function aggregate<K extends string>(points: ReadonlyArray<Point<K>>, keys: readonly K[], maxBuckets: number, o: AggregateOptions = {}): Buckets<K> {
  const finest = o.finest ?? "day";
  const zero = () => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const add = (to: Record<K, number>, p: Point<K>) => {
    for (const k of keys) to[k] += Number.isFinite(p[k]) ? p[k] : 0;
  };
  const skipped = zero();
  const kept: Array<Point<K>> = [];
  for (const p of points) {
    if (countable(p.day, finest, o.range)) kept.push(p);
    else add(skipped, p);
  }
  if (kept.length === 0) return { unit: finest, buckets: [], skipped };
  let [first, last] = [kept[0]!.day, kept[0]!.day];
  for (const p of kept) [first, last] = [p.day < first ? p.day : first, p.day > last ? p.day : last];
  const unit = chooseUnit(first, last, maxBuckets, finest);
  const byStart = new Map<Day, Bucket<K>>(bucketStarts(first, last, unit).map((s) => [s, { start: s, label: bucketLabel(s, unit), totals: zero() }]));
  for (const p of kept) {
    const b = byStart.get(bucketStart(p.day, unit) ?? "");
    if (b) add(b.totals, p);
    else add(skipped, p);
  }
  return { unit, buckets: [...byStart.values()], skipped };
}

/** The days map of a year document as points. */
export const daysToPoints = (days: Readonly<Record<string, number>>): Array<{ day: string; articles: number }> =>
  Object.entries(days).map(([day, articles]) => ({ day, articles }));

/** The point's day for a year: its first day (aggregate with finest "year"); a key that is no year stays as it is, and is skipped. */
const yearDay = (year: string): string => yearStart(year) ?? year;

/** Per-year entries as points. */
// The API sends years as numbers (api-schema's \`year\`); stored maps key them as strings.
export const yearsToPoints = <T extends { year: string | number }>(years: readonly T[]): Array<T & { day: string }> => years.map((y) => ({ ...y, day: yearDay(typeof y.year === "number" && y.year >= 0 ? String(y.year).padStart(4, "0") : String(y.year)) }));

/** A totals document's `yearly` map ({"2026": n}) as points. */
export const yearlyToPoints = (yearly: Readonly<Record<Year, number>>): Array<{ day: string; articles: number }> =>
  Object.entries(yearly).map(([year, articles]) => ({ day: yearDay(year), articles }));

/** Where a card's timeline comes from; `outside`: the articles of years no chart can draw (impossible ones), for its note. */
export type TimelineSource = { kind: "days"; years: Year[]; outside: number } | { kind: "years" };

/**
 * While the countable years of `yearly` span at most `maxYears` calendar
 * years, the days of their year documents (a listener each, live); beyond,
 * the per-year summary itself (years or decades). No countable year: no
 * document to follow.
 */
export function timelineSource(yearly: Readonly<Record<Year, number>>, maxYears: number, range?: DayRange): TimelineSource {
  const years: Year[] = [];
  let outside = 0;
  for (const [year, n] of Object.entries(yearly)) {
    if (!(n > 0)) continue;
    if (countable(yearDay(year), "year", range)) years.push(year);
    else outside += n;
  }
  years.sort();
  if (years.length === 0) return { kind: "days", years, outside };
  return Number(years.at(-1)) - Number(years[0]) + 1 <= maxYears ? { kind: "days", years, outside } : { kind: "years" };
}

/** The smallest 1, 2 or 5 times a power of ten that is >= x (1 for nothing). */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

export type Column = { label: string; value: number | null; x: number; width: number; y: number; height: number };
export type ColumnLayout = { columns: Column[]; scaleMax: number; plot: { x: number; y: number; width: number; height: number } };
export type ColumnOptions = { width: number; height: number; left: number; bottom: number; top?: number; gap?: number; scaleMax?: number };

/**
 * Columns across the plot area (left margin for the scale, bottom for the
 * labels). A null value (no data, e.g. a share of zero articles) is a gap; a
 * value above zero is at least a sliver, so a day with articles never looks
 * like one without.
 */
export function layoutColumns(items: ReadonlyArray<{ label: string; value: number | null }>, o: ColumnOptions): ColumnLayout {
  const top = o.top ?? 6;
  const plot = { x: o.left, y: top, width: Math.max(0, o.width - o.left), height: Math.max(0, o.height - top - o.bottom) };
  const max = Math.max(0, ...items.map((i) => i.value ?? 0));
  const scaleMax = o.scaleMax ?? niceMax(max);
  const step = items.length > 0 ? plot.width / items.length : 0;
  const gap = Math.min(o.gap ?? 2, step * 0.25);
  const columns = items.map((item, i) => {
    const v = item.value ?? 0;
    const h = v > 0 ? Math.max(1, (Math.min(v, scaleMax) / scaleMax) * plot.height) : 0;
    return { label: item.label, value: item.value, x: plot.x + i * step + gap / 2, width: Math.max(0.5, step - gap), y: plot.y + plot.height - h, height: h };
  });
  return { columns, scaleMax, plot };
}

/** What a chart says about the counts it left out ("2 articles with impossible dates not shown: ..."), or "" for none. */
export function oddDatesNote(count: number, one: string, many: string, range?: DayRange): string {
  if (!(count > 0)) return "";
  const where = range ? ` (only ${range.from} to ${range.to} can be counted)` : "";
  return `${new Intl.NumberFormat("en").format(count)} ${count === 1 ? one : many} with impossible dates not shown${where}.`;
}
