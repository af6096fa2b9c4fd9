// Which entities are rising on a day: how far an entity's share of the day's
// articles is above its own share over the days before. Pure.
//
// For an entity in k of the day's n articles and in b of the N articles of the
// days before (RISING_BASELINE_DAYS, @newsroom/core/api-schema), the 2×2 table
// [[k, n−k], [b, N−b]] is tested with the log-likelihood ratio of two
// binomials (Dunning 1993, "Accurate methods for the statistics of surprise and
// coincidence": the G-test, made for rare events, where z-tests of proportions
// overstate small counts):
//   G² = 2 Σ O·ln(O/E), E = row total · column total / (n + N), 0·ln 0 = 0
//      = 2 [xlx(k) + xlx(n−k) + xlx(b) + xlx(N−b) − xlx(n) − xlx(N) − xlx(k+b) − xlx(n+N−k−b) + xlx(n+N)],  xlx(x) = x ln x
//   score = √G² when k/n > b/N (signed root: ≈ N(0, 1) under "same share", so one-sided), else 0.
// Why this one: it is finite for every table with n, N > 0, so an entity new in
// the window (b = 0) needs no pseudo-count, and is scored by how much evidence
// the baseline's silence is: G² = 2k·ln(1 + N/n) when k ≪ n, so 10 articles
// today after 28 silent days of 100 articles a day score ≈ 8.3, while the same
// 10 after a baseline of 5 articles in all score ≈ 1. Evidence grows with the
// counts: at 100 articles a day, a doubling from 2 to 4 scores ≈ 1.2, a jump
// from 20 to 60 ≈ 8.5. (Its Poisson limit, k ≪ n, is Li & Ma 1983, eq. 17:
// the significance of a count above a measured background.)
// Listed: at least MIN_DAY_ARTICLES on the day and score ≥ RISING_MIN_Z.

/** Articles an entity needs on the day to be listed: fewer is chance however empty its baseline. */
export const MIN_DAY_ARTICLES = 3;
/** One-sided p < 0.001: among the 50 candidates a request scores, about a 5% chance of one false alarm (Bonferroni). */
export const RISING_MIN_Z = 3.09;

/** k of the day's n articles mention the entity; b of the baseline's N. */
export type RisingCounts = { k: number; b: number; n: number; N: number };
export type Scored<T> = T & { score: number };

const xlx = (x: number) => (x > 0 ? x * Math.log(x) : 0);
/** A count as a whole number ≥ 0 (NaN and negatives as 0). */
const count = (x: number) => (x > 0 ? Math.floor(x) : 0);

/** The signed-root log-likelihood ratio, ≥ 0, rounded to 3 decimals; 0 when there is nothing to compare (n = 0, N = 0, a count that is not finite). */
export function risingScore(c: RisingCounts): number {
  if (![c.k, c.b, c.n, c.N].every(Number.isFinite)) return 0;
  const n = count(c.n);
  const N = count(c.N);
  if (n === 0 || N === 0) return 0;
  // Counts read at different moments may disagree (k > n); a share is at most 1.
  const k = Math.min(count(c.k), n);
  const b = Math.min(count(c.b), N);
  if (k * N <= b * n) return 0;
  const g2 = 2 * (xlx(k) + xlx(n - k) + xlx(b) + xlx(N - b) - xlx(n) - xlx(N) - xlx(k + b) - xlx(n + N - k - b) + xlx(n + N));
  const score = Math.sqrt(Math.max(0, g2));
  return Number.isFinite(score) ? Math.round(score * 1000) / 1000 : 0;
}

export interface RisingOptions {
  minArticles?: number;
  minScore?: number;
}

/** The rising ones, highest score first; ties by the day's articles, then id (the order is the same whatever the input's). */
export function rankRising<T extends RisingCounts & { id: string }>(candidates: readonly T[], { minArticles = MIN_DAY_ARTICLES, minScore = RISING_MIN_Z }: RisingOptions = {}): Array<Scored<T>> {
  return candidates
    .filter((c) => count(c.k) >= minArticles)
    .map((c) => ({ ...c, score: risingScore(c) }))
    .filter((c) => c.score >= minScore)
    .sort((x, y) => y.score - x.score || count(y.k) - count(x.k) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
