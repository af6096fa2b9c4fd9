// Daily series in the rollup's layout: the current year's days in the totals'
// document itself (`days`), every other day in one document per year (a day
// may be in both: its count is the sum). Which years a request reads, and its
// answer from the documents read, per day or summed per week, month or year
// (@newsroom/core/calendar, as the dashboard's charts group days). Pure.
import { binKey, type Bin } from "@newsroom/core/calendar";
import { addCounts, addDayCounts, mergeSeries, yearOf, type Day, type DayCounts, type Year } from "@newsroom/core/firestore-schema";
import { badRequest } from "./errors.js";
import { SERIES_MAX_YEARS } from "@newsroom/core/api-schema";

const YEAR = /^\d{4}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The years of `withData` (the keys of a `yearly` map) to read: those within
 * from/to, which may span at most SERIES_MAX_YEARS calendar years (a missing
 * end makes the span exactly that long), else the latest SERIES_MAX_YEARS.
 */
export function seriesYears(withData: Iterable<string>, from?: Day, to?: Day): Year[] {
  const years = [...withData].filter((y) => YEAR.test(y)).sort();
  if (from === undefined && to === undefined) return years.slice(-SERIES_MAX_YEARS);
  checkOrder(from, to);
  const first = from !== undefined ? Number(yearOf(from)) : Number(yearOf(to!)) - SERIES_MAX_YEARS + 1;
  const last = to !== undefined ? Number(yearOf(to)) : first + SERIES_MAX_YEARS - 1;
  if (last - first + 1 > SERIES_MAX_YEARS) {
    throw badRequest(`from and to span ${last - first + 1} calendar years; one request reads at most ${SERIES_MAX_YEARS}: ask for the rest in another`);
  }
  return years.filter((y) => Number(y) >= first && Number(y) <= last);
}

function checkOrder(from?: Day, to?: Day): void {
  if (from !== undefined && to !== undefined && from > to) throw badRequest("from must not be after to");
}

/** The years from/to fall in, any span (the per-year totals cost no read); neither: every year. */
function yearsWithin(from?: Day, to?: Day): (y: Year) => boolean {
  checkOrder(from, to);
  return (y) => (from === undefined || y >= yearOf(from)) && (to === undefined || y <= yearOf(to));
}

/**
 * Points (in day order) summed per bin, keyed by the bin's key, in order. A
 * stored key that is no calendar day (the rollup writes none) has no week,
 * month or year and is left out of those; per day every point stays as it is.
 */
export function binned<K extends string>(points: ReadonlyArray<{ day: string } & Record<K, number>>, keys: readonly K[], bin: Bin): Array<{ day: string } & Record<K, number>> {
  if (bin === "day") return [...points];
  const sums = new Map<string, { day: string } & Record<K, number>>();
  for (const p of points) {
    const key = binKey(p.day, bin);
    if (key === null) continue;
    const sum = sums.get(key);
    if (!sum) sums.set(key, { ...p, day: key });
    else for (const k of keys) (sum as Record<K, number>)[k] += p[k];
  }
  return [...sums.values()];
}

/** The days of `years` within from/to, in order: a totals document's inline days plus its year documents' (read for those years). */
function seriesOf<V>(inline: Record<Day, V> | undefined, yearDocs: ReadonlyArray<Record<Day, V> | undefined>, add: (a: V, b: V) => V, years: readonly Year[], from?: Day, to?: Day): Map<Day, V> {
  const wanted = new Set(years);
  const days = Object.entries(mergeSeries(inline, yearDocs, add)).filter(([d]) => DAY.test(d) && wanted.has(yearOf(d)) && (!from || d >= from) && (!to || d <= to));
  return new Map(days.sort(([a], [b]) => (a < b ? -1 : 1)));
}

export type Series<V> = { inline: Record<Day, V> | undefined; years: readonly Year[]; yearDocs: ReadonlyArray<Record<Day, V> | undefined> };

export function entitySeries(entity: Series<DayCounts>, publication: Series<number>, from?: Day, to?: Day) {
  const e = seriesOf(entity.inline, entity.yearDocs, addDayCounts, entity.years, from, to);
  const p = seriesOf(publication.inline, publication.yearDocs, addCounts, publication.years, from, to);
  return [...new Set([...e.keys(), ...p.keys()])].sort().map((day) => ({ day, mentions: e.get(day)?.m ?? 0, articles: e.get(day)?.a ?? 0, publicationArticles: p.get(day) ?? 0 }));
}

export function publicationSeries(publication: Series<number>, from?: Day, to?: Day) {
  return [...seriesOf(publication.inline, publication.yearDocs, addCounts, publication.years, from, to)].map(([day, articles]) => ({ day, articles }));
}

/** Per year from the totals' `yearly` maps: every year either has, in order. */
function entityYearly(entity: Record<string, DayCounts> = {}, publication: Record<string, number> = {}) {
  const years = [...new Set([...Object.keys(entity), ...Object.keys(publication)])].filter((y) => YEAR.test(y)).sort();
  return years.map((y) => [y, { mentions: entity[y]?.m ?? 0, articles: entity[y]?.a ?? 0, publicationArticles: publication[y] ?? 0 }] as const);
}

function publicationYearly(publication: Record<string, number> = {}) {
  return Object.keys(publication)
    .filter((y) => YEAR.test(y))
    .sort()
    .map((y) => [y, { articles: publication[y] ?? 0 }] as const);
}

export const entityYears = (entity?: Record<string, DayCounts>, publication?: Record<string, number>) => entityYearly(entity, publication).map(([y, c]) => ({ year: Number(y), ...c }));
export const publicationYears = (publication?: Record<string, number>) => publicationYearly(publication).map(([y, c]) => ({ year: Number(y), ...c }));

/** bin=year: per-year rows (from the `yearly` maps, no year document read) within the years from/to fall in, keyed "YYYY". */
function yearSeries<C extends object>(rows: ReadonlyArray<readonly [Year, C]>, from?: Day, to?: Day) {
  const within = yearsWithin(from, to);
  return rows.filter(([y]) => within(y)).map(([day, c]) => ({ day, ...c }));
}

export const entityYearSeries = (entity: Record<string, DayCounts> | undefined, publication: Record<string, number> | undefined, from?: Day, to?: Day) => yearSeries(entityYearly(entity, publication), from, to);
export const publicationYearSeries = (publication: Record<string, number> | undefined, from?: Day, to?: Day) => yearSeries(publicationYearly(publication), from, to);
