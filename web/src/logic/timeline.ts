// Daily counts as columns: grouped into the finest calendar unit that fits
// the chart (calendar.ts), gaps filled with zeros, and laid out on a linear
// scale with a round maximum. Pure; ui/columnChart.ts draws the result.
import { bucketLabel, bucketStart, bucketStarts, chooseUnit, isDay, type Day, type Unit } from "./calendar.ts";

export type Bucket<K extends string> = { start: Day; label: string; totals: Record<K, number> };
export type Buckets<K extends string> = { unit: Unit; buckets: Bucket<K>[] };

/** Sums `keys` of the daily points per bucket, from the first day to the last; points with a malformed day are ignored. */
export function aggregate<K extends string>(points: ReadonlyArray<{ day: string } & Record<K, number>>, keys: readonly K[], maxBuckets: number): Buckets<K> {
  const valid = points.filter((p) => isDay(p.day));
  if (valid.length === 0) return { unit: "day", buckets: [] };
  const days = valid.map((p) => p.day).sort();
  const unit = chooseUnit(days[0]!, days.at(-1)!, maxBuckets);
  const zero = () => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const byStart = new Map<Day, Bucket<K>>(bucketStarts(days[0]!, days.at(-1)!, unit).map((s) => [s, { start: s, label: bucketLabel(s, unit), totals: zero() }]));
  for (const p of valid) {
    const b = byStart.get(bucketStart(p.day, unit))!;
    for (const k of keys) b.totals[k] += Number.isFinite(p[k]) ? p[k] : 0;
  }
  return { unit, buckets: [...byStart.values()] };
}

/** The days map of a publication document as points. */
export const daysToPoints = (days: Readonly<Record<string, number>>): Array<{ day: string; articles: number }> =>
  Object.entries(days).map(([day, articles]) => ({ day, articles }));

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
