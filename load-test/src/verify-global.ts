// Proves the counts over all publications are the publications' own, summed:
// global/totals against every publication document, and each entities/{id}
// against that id's documents in every publication (mentions, articles, and
// per year). Reads the whole database, so it is for a stack of one run's data
// (the reliability suite's), not a shared one.
import { FieldPath, type Firestore } from "firebase-admin/firestore";
import { COLLECTIONS, paths, type Year } from "@newsroom/core/firestore-schema";

type Counts = { m: number; a: number };
/** One scope's counts: articles in all and per year; each entity's mentions and articles in all and per year. */
export type ScopeCounts = {
  articles: number;
  yearly: Map<Year, number>;
  entities: Map<string, { word: string; total: Counts; yearly: Map<Year, Counts> }>;
};

const emptyScope = (): ScopeCounts => ({ articles: 0, yearly: new Map(), entities: new Map() });
const num = (v: unknown) => (typeof v === "number" ? v : 0);

function addYearly<V>(into: Map<Year, V>, yearly: unknown, add: (a: V | undefined, b: unknown) => V): void {
  for (const [y, v] of Object.entries((yearly ?? {}) as Record<string, unknown>)) into.set(y, add(into.get(y), v));
}
const addArticles = (a: number | undefined, b: unknown) => (a ?? 0) + num(b);
const addCounts = (a: Counts | undefined, b: unknown) => ({ m: (a?.m ?? 0) + num((b as Counts | undefined)?.m), a: (a?.a ?? 0) + num((b as Counts | undefined)?.a) });

function addEntity(scope: ScopeCounts, id: string, data: Record<string, unknown>): void {
  const e = scope.entities.get(id) ?? { word: String(data["word"] ?? ""), total: { m: 0, a: 0 }, yearly: new Map<Year, Counts>() };
  e.total = { m: e.total.m + num(data["count"]), a: e.total.a + num(data["articles"]) };
  addYearly(e.yearly, data["yearly"], addCounts);
  scope.entities.set(id, e);
}

/** The publications' counts summed (`sum`) and the global documents' (`global`); `pending`: pieces not yet folded. */
export async function readGlobalAndSum(db: Firestore): Promise<{ sum: ScopeCounts; global: ScopeCounts; pending: number }> {
  const sum = emptyScope();
  const global = emptyScope();
  const [pubs, ents, totals, entities, pending] = await Promise.all([
    db.collection(COLLECTIONS.publications).select("articleCount", "yearly").get(),
    db.collectionGroup(COLLECTIONS.ents).select("word", "count", "articles", "yearly").get(),
    db.doc(paths.globalTotals()).get(),
    db.collection(COLLECTIONS.entities).select("word", "count", "articles", "yearly").get(),
    db.collection(COLLECTIONS.globalPending).select(FieldPath.documentId()).count().get(),
  ]);
  for (const p of pubs.docs) {
    sum.articles += num(p.get("articleCount"));
    addYearly(sum.yearly, p.get("yearly"), addArticles);
  }
  // Only publications' entity documents: the collection group holds no other.
  for (const e of ents.docs) addEntity(sum, e.id, e.data());
  global.articles = num(totals.get("articleCount"));
  addYearly(global.yearly, totals.get("yearly"), addArticles);
  for (const e of entities.docs) addEntity(global, e.id, e.data());
  return { sum, global, pending: pending.data().count };
}

/** Every difference between the global counts and the publications' sum, as lines; none: exact. */
export function compareGlobal(sum: ScopeCounts, global: ScopeCounts, max = 20): string[] {
  const out: string[] = [];
  const say = (line: string) => out.length < max && out.push(line);
  if (sum.articles !== global.articles) say(`articles: global ${global.articles}, publications ${sum.articles}`);
  for (const y of new Set([...sum.yearly.keys(), ...global.yearly.keys()])) {
    if ((sum.yearly.get(y) ?? 0) !== (global.yearly.get(y) ?? 0)) say(`articles in ${y}: global ${global.yearly.get(y) ?? 0}, publications ${sum.yearly.get(y) ?? 0}`);
  }
  for (const id of new Set([...sum.entities.keys(), ...global.entities.keys()])) {
    const s = sum.entities.get(id);
    const g = global.entities.get(id);
    const name = `${g?.word ?? s?.word} (${id})`;
    if (!s || !g) {
      say(`${name}: ${g ? "only over all publications" : "missing over all publications"}`);
      continue;
    }
    if (s.total.m !== g.total.m || s.total.a !== g.total.a) say(`${name}: global ${g.total.m} mentions / ${g.total.a} articles, publications ${s.total.m} / ${s.total.a}`);
    for (const y of new Set([...s.yearly.keys(), ...g.yearly.keys()])) {
      const [sy, gy] = [s.yearly.get(y), g.yearly.get(y)];
      if (sy?.m !== gy?.m || sy?.a !== gy?.a) say(`${name} in ${y}: global ${JSON.stringify(gy ?? null)}, publications ${JSON.stringify(sy ?? null)}`);
    }
  }
  return out;
}

export type GlobalCheck = { ok: boolean; articles: number; entities: number; summed: number; pending: number; diffs: string[]; seconds: number };

/** Reads and compares until the sums agree with no piece left to fold, or `timeoutMs` passes (the sweeps fold meanwhile). */
export async function untilGlobalAgrees(db: Firestore, timeoutMs: number, everyMs = 5_000): Promise<GlobalCheck> {
  const t0 = Date.now();
  for (;;) {
    const { sum, global, pending } = await readGlobalAndSum(db);
    const diffs = compareGlobal(sum, global);
    const ok = pending === 0 && diffs.length === 0;
    if (ok || Date.now() - t0 >= timeoutMs) {
      return { ok, articles: global.articles, entities: global.entities.size, summed: sum.entities.size, pending, diffs, seconds: (Date.now() - t0) / 1000 };
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One line (and the differences) for a report. */
export function describeGlobalCheck(c: GlobalCheck): string[] {
  return [
    `${c.articles} articles and ${c.entities} entities over all publications; the publications' documents summed by id: ${c.summed} entities (checked after ${c.seconds.toFixed(0)} s)`,
    c.pending === 0 ? "no piece left to fold" : `${c.pending} pieces never folded`,
    ...c.diffs,
  ];
}
