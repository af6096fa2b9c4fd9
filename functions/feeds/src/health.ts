// A source's health: new items per UTC day over the last 30 days, and a flag
// when today looks wrong for it: silent (nothing today from a source that
// usually has items: the feed that looks alive but collects nothing) or
// unusual (outside its mean ± 2 standard deviations).

export type DailyCounts = Record<string, number>;
export const HEALTH_DAYS = 30;
/** Complete days of history before a source is judged at all. */
export const MIN_HISTORY_DAYS = 3;

export interface SourceHealth {
  days: Array<{ day: string; items: number }>;
  mean: number;
  sd: number;
  today: number;
  flag: "ok" | "silent" | "unusual" | "new";
  reason: string;
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The counts with `items` added to `day`, keeping only the keepDays days up to `day`. */
export function addItems(days: DailyCounts, day: string, items: number, keepDays = HEALTH_DAYS): DailyCounts {
  const first = dayMs(day) - (keepDays - 1) * DAY_MS;
  const out: DailyCounts = {};
  for (const [d, n] of Object.entries(days)) {
    const t = dayMs(d);
    if (Number.isFinite(t) && t >= first && t <= dayMs(day) && Number.isFinite(n)) out[d] = n;
  }
  out[day] = (out[day] ?? 0) + Math.max(0, Math.floor(items));
  return out;
}

/**
 * The last 30 days ending today, and the flag. Mean and deviation are over
 * the complete days before today since the source was added (days before it
 * are not zeros). Today is partial, so it is judged only where that is fair:
 * high when above mean + 2 sd already (sd at least √mean, as for any count);
 * low only when it is still zero and the source usually has at least one
 * item a day.
 */
export function sourceHealth(days: DailyCounts, today: string, options: { sinceDay?: string } = {}): SourceHealth {
  const end = dayMs(today);
  const since = options.sinceDay !== undefined && Number.isFinite(dayMs(options.sinceDay)) ? dayMs(options.sinceDay) : Number.NEGATIVE_INFINITY;
  const series = Array.from({ length: HEALTH_DAYS }, (_, i) => {
    const day = dayOf(end - (HEALTH_DAYS - 1 - i) * DAY_MS);
    return { day, items: days[day] ?? 0 };
  });
  const history = series.slice(0, -1).filter((d) => dayMs(d.day) >= since).map((d) => d.items);
  const current = series.at(-1)!.items;
  const mean = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : 0;
  const sd = history.length > 1 ? Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (history.length - 1)) : 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  const base = { days: series, mean: round(mean), sd: round(sd), today: current };
  if (history.length < MIN_HISTORY_DAYS) return { ...base, flag: "new", reason: `${history.length} complete day${history.length === 1 ? "" : "s"} of history: too few to judge` };
  if (current === 0 && mean >= 1) return { ...base, flag: "silent", reason: `no items today; it usually has ${round(mean)} a day` };
  // A count's spread is at least its square root (Poisson): a steady 5 a day makes 6 today no alarm.
  const spread = 2 * Math.max(sd, Math.sqrt(mean));
  if (current > mean + spread) return { ...base, flag: "unusual", reason: `${current} items today, above its usual ${round(mean)} ± ${round(spread)}` };
  return { ...base, flag: "ok", reason: `${current} items today; usually ${round(mean)} a day` };
}

/** A stored source's health as of `now`: its history counts from the day it was added. */
export function healthOf(source: { days?: DailyCounts; addedAt?: Date }, now: Date): SourceHealth {
  const added = source.addedAt instanceof Date && !Number.isNaN(source.addedAt.getTime()) ? { sinceDay: source.addedAt.toISOString().slice(0, 10) } : {};
  return sourceHealth(source.days ?? {}, now.toISOString().slice(0, 10), added);
}
