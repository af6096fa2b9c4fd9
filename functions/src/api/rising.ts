// What /v1/rising reads and ranks. A scope (one publication, or all of them
// from the counts the rollup folds over publications) gives the
// articles per day over the window (n, N), the day's newest articles (which
// entities to consider), and the candidates' articles per day (k, b);
// rising-score.ts ranks them. Bounded: RISING_SAMPLE articles, then the
// RISING_CANDIDATES entities they mention most, whatever the data.
import { SHA1_HEX } from "@newsroom/core/keys";
import { DAY_MS, GLOBAL_SCOPE, PUBLICATION_SCOPE, type Day, type Scope } from "@newsroom/core/firestore-schema";
import { dayStartMs } from "@newsroom/core/dates";
import { RISING_ARTICLE_IDS, RISING_BASELINE_DAYS, RISING_CANDIDATES, RISING_SAMPLE, type ENTITY_TYPES } from "@newsroom/core/api-schema";
import { rankRising } from "./rising-score.js";
import type { EntityRow, PublicationRow, ReadStore } from "./read-store.js";

export type RisingWindow = {
  day: Day;
  /** The baseline's first and last days. */
  from: Day;
  to: Day;
  /** The baseline's days, then the day. */
  days: Day[];
  /** The day as instants: [startMs, endMs). */
  startMs: number;
  endMs: number;
};

/** The day and the RISING_BASELINE_DAYS before it (a valid day: checked against the date bounds first). */
export function risingWindow(day: Day): RisingWindow {
  const startMs = dayStartMs(day)!;
  const days = Array.from({ length: RISING_BASELINE_DAYS + 1 }, (_, i) => new Date(startMs - (RISING_BASELINE_DAYS - i) * DAY_MS).toISOString().slice(0, 10));
  return { day, from: days[0]!, to: days[RISING_BASELINE_DAYS - 1]!, days, startMs, endMs: startMs + DAY_MS };
}

export type RisingEntity = Pick<EntityRow, "id" | "word" | "type" | "absorbed">;

/** Where a scope's numbers come from. */
export interface RisingSource {
  /** The scope's articles on each day of the window; undefined: no such scope. */
  articlesPerDay(w: RisingWindow): Promise<{ publication: PublicationRow | null; days: Record<Day, number> } | undefined>;
  /** The day's newest articles (at most `limit`), newest first, with the entities each mentions. */
  sample(w: RisingWindow, limit: number): Promise<ReadonlyArray<{ id: string; ents: readonly string[] }>>;
  /** Those of `ids` that exist, with the articles that mention them on each day of the window. */
  entities(ids: readonly string[], w: RisingWindow): Promise<Array<{ entity: RisingEntity; days: Record<Day, number> }>>;
}

/** A scope's stored counts (`scope`) and its articles (`pubKey`; undefined: every publication's). */
function storedSource(store: ReadStore, scope: Scope, pubKey: string | undefined): Omit<RisingSource, "articlesPerDay"> & { stored(w: RisingWindow): ReturnType<ReadStore["publicationDays"]> } {
  return {
    stored: (w) => store.publicationDays(pubKey ?? "", w.days, scope),
    sample: (w, limit) => store.articlesBetween(pubKey, w.startMs, w.endMs, limit),
    async entities(ids, w) {
      const found = await store.entitiesDays(pubKey ?? "", ids, w.days, scope);
      return found.map(({ row, days }) => ({ entity: row, days: Object.fromEntries(Object.entries(days).map(([d, c]) => [d, c.a])) }));
    },
  };
}

/** One publication's stored counts and articles. */
export function publicationSource(store: ReadStore, pubKey: string): RisingSource {
  const s = storedSource(store, PUBLICATION_SCOPE, pubKey);
  return {
    ...s,
    async articlesPerDay(w) {
      const p = await s.stored(w);
      return p && { publication: p.row, days: p.days };
    },
  };
}

/**
 * All publications: the counts the rollup folds over them (GLOBAL_SCOPE, behind the publications' by up to
 * the fold period) and every publication's articles. Before the first fold, no articles and no entity.
 */
export function globalSource(store: ReadStore): RisingSource {
  const s = storedSource(store, GLOBAL_SCOPE, undefined);
  return {
    ...s,
    async articlesPerDay(w) {
      return { publication: null, days: (await s.stored(w))?.days ?? {} };
    },
  };
}

export type RisingEntry = RisingEntity & { k: number; b: number; n: number; N: number; score: number; articleIds: string[] };
export type Rising = {
  publication: PublicationRow | null;
  /** n and N. */
  articles: number;
  baselineArticles: number;
  scanned: { articles: number; candidates: number };
  entries: RisingEntry[];
};

const sum = (days: Record<Day, number>, which: readonly Day[]) => which.reduce((t, d) => t + (days[d] ?? 0), 0);

/** The scope's rising entities on the window's day, `limit` at most; undefined when the scope does not exist. */
export async function rising(source: RisingSource, w: RisingWindow, { type, limit }: { type?: (typeof ENTITY_TYPES)[number]; limit: number }): Promise<Rising | undefined> {
  const [scope, sample] = await Promise.all([source.articlesPerDay(w), source.sample(w, RISING_SAMPLE)]);
  if (!scope) return undefined;
  // Each entity's positions in the sample (newest first); only ids of the layout's form can name a document.
  const seen = new Map<string, number[]>();
  sample.forEach((a, i) => {
    for (const id of new Set(a.ents)) {
      if (!SHA1_HEX.test(id)) continue;
      const at = seen.get(id);
      if (at) at.push(i);
      else seen.set(id, [i]);
    }
  });
  const candidates = [...seen]
    .sort(([x, a], [y, b]) => b.length - a.length || (x < y ? -1 : 1))
    .slice(0, RISING_CANDIDATES)
    .map(([id]) => id);
  const found = candidates.length === 0 ? [] : await source.entities(candidates, w);
  const baseline = w.days.slice(0, -1);
  const n = scope.days[w.day] ?? 0;
  const N = sum(scope.days, baseline);
  const ranked = rankRising(
    found
      .filter(({ entity }) => type === undefined || entity.type === type)
      .map(({ entity, days }) => ({ ...entity, k: days[w.day] ?? 0, b: sum(days, baseline), n, N })),
  ).slice(0, limit);
  const entries = ranked.map((e) => {
    // Articles that wrote only a lone surname the rollup counted into this name carry that surname's id.
    const at = [e.id, ...(e.absorbed ?? [])].flatMap((id) => seen.get(id) ?? []);
    const newest = [...new Set(at)].sort((x, y) => x - y).slice(0, RISING_ARTICLE_IDS);
    return { ...e, articleIds: newest.map((i) => sample[i]!.id) };
  });
  return { publication: scope.publication, articles: n, baselineArticles: N, scanned: { articles: sample.length, candidates: found.length }, entries };
}
