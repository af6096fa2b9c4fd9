// Daily series in the rollup's layout: the current year's days in the totals'
// document itself (`days`), every other day in one document per year (a day
// may be in both: its count is the sum). Which years a request reads, and its
// answer from the documents read. Pure.
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
  if (from !== undefined && to !== undefined && from > to) throw badRequest("from must not be after to");
  const first = from !== undefined ? Number(yearOf(from)) : Number(yearOf(to!)) - SERIES_MAX_YEARS + 1;
  const last = to !== undefined ? Number(yearOf(to)) : first + SERIES_MAX_YEARS - 1;
  if (last - first + 1 > SERIES_MAX_YEARS) {
    throw badRequest(`from and to span ${last - first + 1} calendar years; one request reads at most ${SERIES_MAX_YEARS}: ask for the rest in another`);
  }
  return years.filter((y) => Number(y) >= first && Number(y) <= last);
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

/** Per year from the totals' `yearly` maps: every year either has. */
export function entityYears(entity: Record<string, DayCounts> = {}, publication: Record<string, number> = {}) {
  const years = [...new Set([...Object.keys(entity), ...Object.keys(publication)])].filter((y) => YEAR.test(y)).sort();
  return years.map((y) => ({ year: Number(y), mentions: entity[y]?.m ?? 0, articles: entity[y]?.a ?? 0, publicationArticles: publication[y] ?? 0 }));
}

export function publicationYears(publication: Record<string, number> = {}) {
  return Object.keys(publication)
    .filter((y) => YEAR.test(y))
    .sort()
    .map((y) => ({ year: Number(y), articles: publication[y] ?? 0 }));
}
