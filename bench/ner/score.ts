// Pure scoring: strict (exact span + type) and lenient (per document and type,
// multiset of normalised strings) precision / recall / F1.
import type { EntityType, Span } from "./conll.ts";

export const TYPES: readonly EntityType[] = ["person", "organization", "place"];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export type Tally = Record<EntityType, Counts>;

export function emptyTally(): Tally {
  return {
    person: { tp: 0, fp: 0, fn: 0 },
    organization: { tp: 0, fp: 0, fn: 0 },
    place: { tp: 0, fp: 0, fn: 0 },
  };
}

/** Case-fold, drop a trailing possessive 's and outer punctuation, squeeze spaces. */
export function normalizeLenient(s: string): string {
  let t = s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  t = t.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, "");
  t = t.replace(/['’]s?$/u, "");
  t = t.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, "");
  return t;
}

/** Strict: a prediction counts only if start, end and type all match a gold span. */
export function scoreStrict(gold: readonly Span[], pred: readonly Span[], tally: Tally): void {
  const key = (s: Span): string => `${s.type}:${s.start}:${s.end}`;
  const remaining = new Map<string, number>();
  for (const g of gold) remaining.set(key(g), (remaining.get(key(g)) ?? 0) + 1);
  for (const p of pred) {
    const k = key(p);
    const n = remaining.get(k) ?? 0;
    if (n > 0) {
      tally[p.type].tp++;
      remaining.set(k, n - 1);
    } else {
      tally[p.type].fp++;
    }
  }
  for (const g of gold) {
    const n = remaining.get(key(g)) ?? 0;
    if (n > 0) {
      tally[g.type].fn++;
      remaining.set(key(g), n - 1);
    }
  }
}

/** Lenient: per type, multiset intersection of normalised strings within one document. */
export function scoreLenient(gold: readonly Span[], pred: readonly Span[], tally: Tally): void {
  for (const type of TYPES) {
    const g = bag(gold.filter((s) => s.type === type).map((s) => normalizeLenient(s.text)));
    const p = bag(pred.filter((s) => s.type === type).map((s) => normalizeLenient(s.text)));
    let tp = 0;
    let nG = 0;
    let nP = 0;
    for (const n of g.values()) nG += n;
    for (const [k, n] of p) {
      nP += n;
      tp += Math.min(n, g.get(k) ?? 0);
    }
    tally[type].tp += tp;
    tally[type].fp += nP - tp;
    tally[type].fn += nG - tp;
  }
}

function bag(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of items) if (s !== "") m.set(s, (m.get(s) ?? 0) + 1);
  return m;
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Per-type and micro-averaged (summed counts) P/R/F1. */
export function summarize(t: Tally): Record<EntityType | "micro", Prf> {
  const micro: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const type of TYPES) {
    micro.tp += t[type].tp;
    micro.fp += t[type].fp;
    micro.fn += t[type].fn;
  }
  return {
    person: prf(t.person),
    organization: prf(t.organization),
    place: prf(t.place),
    micro: prf(micro),
  };
}
