// Ranked lists: users read the entities of a set ordered by count, so the
// benchmark compares the top N by count with the gold top N.
import type { Span } from "./conll.ts";
import { normalizeLenient } from "./score.ts";

/** The `n` most frequent type+string keys over a whole set (ties broken by key, so the cut is stable). */
export function topKeys(docs: readonly (readonly Span[])[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const spans of docs) {
    for (const s of spans) {
      const text = normalizeLenient(s.text);
      if (text === "") continue;
      const key = `${s.type}:${text}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([k]) => k);
}

/** Share of the gold top `n` (type and lenient string) that the predicted top `n` also holds. */
export function topOverlap(gold: readonly (readonly Span[])[], pred: readonly (readonly Span[])[], n = 50): number {
  const g = topKeys(gold, n);
  if (g.length === 0) return 0;
  const p = new Set(topKeys(pred, n));
  return g.filter((k) => p.has(k)).length / g.length;
}
