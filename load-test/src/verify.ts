// Proves nothing was lost: polls Firestore until the aggregates stop changing,
// then compares them with what the endpoint accepted.
import type { Firestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, paths, yearOf, type Day, type Year } from "@newsroom/core/firestore-schema";
import type { PublicationTally } from "./sender.ts";

export type CountCheck = { publication: string; baseline: number; expectedMin: number; expectedMax: number; actual: number };
export type EntityDiff = {
  publication: string;
  entityId: string;
  word: string;
  field: "count" | "articles" | "missing" | "unexpected" | "yearly.m" | "yearly.a" | "days.m" | "days.a";
  expected: number;
  actual: number;
};

export type Verification = {
  pass: boolean;
  publications: CountCheck[];
  entityDiffs: EntityDiff[];
  entitiesChecked: number;
  /** From the last 202 to the first poll where every count was as expected. */
  convergenceS: number | undefined;
  timedOut: boolean;
};

/** Each document's year documents (by the keys of its `yearly`), read in batches. */
async function yearDocs(db: Firestore, docs: ReadonlyArray<{ path: string; yearly: Record<string, unknown> }>): Promise<Map<string, Map<string, Record<string, unknown>>>> {
  const refs = docs.flatMap((d) => Object.keys(d.yearly).map((y) => ({ parent: d.path, year: y, ref: db.doc(`${d.path}/${COLLECTIONS.years}/${y}`) })));
  const out = new Map<string, Map<string, Record<string, unknown>>>();
  for (let i = 0; i < refs.length; i += 300) {
    const slice = refs.slice(i, i + 300);
    const snaps = await db.getAll(...slice.map((r) => r.ref));
    snaps.forEach((snap, k) => {
      const { parent, year } = slice[k]!;
      const byYear = out.get(parent) ?? new Map<string, Record<string, unknown>>();
      byYear.set(year, (snap.get("days") ?? {}) as Record<string, unknown>);
      out.set(parent, byYear);
    });
  }
  return out;
}

/** A publication's counts as stored: its total, its per-year summary, and its articles per day (its own document's days and its year documents'). */
export type PublicationDays = { articleCount: number; yearly: Record<Year, number>; days: Map<Day, number> };

/** Each publication's PublicationDays (a missing document: all empty); reads its document and one per year of its `yearly`. */
export async function readPublicationDays(db: Firestore, publications: readonly string[]): Promise<Map<string, PublicationDays>> {
  const out = new Map<string, PublicationDays>();
  if (publications.length === 0) return out;
  const snaps = await db.getAll(...publications.map((p) => db.doc(paths.publication(publicationKey(p)))));
  const docs = snaps.map((snap) => ({ path: snap.ref.path, yearly: (snap.get("yearly") ?? {}) as Record<Year, number> }));
  const years = await yearDocs(db, docs);
  snaps.forEach((snap, i) => {
    const days = new Map<Day, number>();
    const add = (entries: Record<string, unknown>) => {
      for (const [day, n] of Object.entries(entries)) days.set(day, (days.get(day) ?? 0) + Number(n));
    };
    add((snap.get("days") ?? {}) as Record<Day, number>); // its own years' days, until compacted
    for (const byDay of years.get(snap.ref.path)?.values() ?? []) add(byDay);
    out.set(publications[i]!, { articleCount: Number(snap.get("articleCount") ?? 0), yearly: docs[i]!.yearly, days });
  });
  return out;
}

/** Where a publication's articles per year and per day do not add up to its articleCount. */
export function daysAddUp(publication: string, p: PublicationDays): string[] {
  const problems: string[] = [];
  const byYear = Object.values(p.yearly).reduce((n, v) => n + v, 0);
  if (byYear !== p.articleCount) problems.push(`${publication}: ${byYear} articles by year, articleCount ${p.articleCount}`);
  for (const [year, n] of Object.entries(p.yearly)) {
    const days = [...p.days].filter(([d]) => yearOf(d) === year).reduce((m, [, v]) => m + v, 0);
    if (days !== n) problems.push(`${publication}: ${days} articles by day in ${year}, ${n} in its yearly total`);
  }
  return problems;
}

/** Publications whose articles per year and per day do not add up to their articleCount. */
export async function verifyPublicationDays(db: Firestore, publications: readonly string[]): Promise<string[]> {
  return [...(await readPublicationDays(db, publications))].flatMap(([name, p]) => daysAddUp(name, p));
}

/** What compareDays checked: the publications whose every post was dated, their days, and the first and last day sent. */
export type DayCheck = { publications: number; days: number; first?: Day; last?: Day; mismatches: string[] };

/**
 * Each day's new articles (now less before) against the posts sent dated that
 * day, for every publication whose posts all carried a publishedAt (an undated
 * post counts on the day the endpoint received it, which the client cannot
 * know to the day). A day nothing was sent for must have gained nothing.
 */
export function compareDays(tallies: ReadonlyMap<string, PublicationTally>, before: ReadonlyMap<string, ReadonlyMap<Day, number>>, now: ReadonlyMap<string, ReadonlyMap<Day, number>>): DayCheck {
  const check: DayCheck = { publications: 0, days: 0, mismatches: [] };
  for (const [publication, t] of tallies) {
    if (t.undated > 0) continue;
    check.publications++;
    const [base, got] = [before.get(publication) ?? new Map<Day, number>(), now.get(publication) ?? new Map<Day, number>()];
    for (const day of new Set([...t.days.keys(), ...got.keys(), ...base.keys()])) {
      const sent = t.days.get(day) ?? { accepted: 0, unknown: 0 };
      const added = (got.get(day) ?? 0) - (base.get(day) ?? 0);
      if (sent.accepted + sent.unknown > 0) {
        check.days++;
        if (sent.accepted > 0 && (check.first === undefined || day < check.first)) check.first = day;
        if (sent.accepted > 0 && (check.last === undefined || day > check.last)) check.last = day;
      }
      if (added < sent.accepted || added > sent.accepted + sent.unknown) {
        const range = sent.unknown > 0 ? `${sent.accepted}..${sent.accepted + sent.unknown}` : String(sent.accepted);
        check.mismatches.push(`${publication}: ${added} articles counted on ${day}, ${range} sent dated that day`);
      }
    }
  }
  return check;
}

/** articleCount of each publication now (0 where the document does not exist). */
export async function readArticleCounts(db: Firestore, publications: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (publications.length === 0) return counts;
  const refs = publications.map((p) => db.doc(paths.publication(publicationKey(p))));
  const snaps = await db.getAll(...refs);
  snaps.forEach((snap, i) => counts.set(publications[i]!, Number(snap.get("articleCount") ?? 0)));
  return counts;
}

export type VerifyOptions = {
  db: Firestore;
  tallies: Map<string, PublicationTally>;
  baseline: Map<string, number>;
  lastAcceptedAt: number;
  timeoutMs: number;
  /** Matching counts must hold still this long before they are final (a late duplicate would show). */
  settleMs: number;
  /** Counts that do not match yet and have not moved for this long are final (a loss). */
  stallMs: number;
  pollMs?: number;
  onPoll?: (matching: number, total: number) => void;
};

export function compareCounts(tallies: Map<string, PublicationTally>, baseline: Map<string, number>, actual: Map<string, number>): CountCheck[] {
  return [...tallies].map(([publication, t]) => {
    const base = baseline.get(publication) ?? 0;
    return { publication, baseline: base, expectedMin: base + t.accepted, expectedMax: base + t.accepted + t.unknown, actual: actual.get(publication) ?? 0 };
  });
}

const within = (c: CountCheck) => c.actual >= c.expectedMin && c.actual <= c.expectedMax;

export async function verifyArticleCounts(options: VerifyOptions): Promise<Omit<Verification, "entityDiffs" | "entitiesChecked">> {
  const publications = [...options.tallies.keys()];
  const deadline = Date.now() + options.timeoutMs;
  let convergedAt: number | undefined;
  let stableSince = Date.now();
  let last = "";
  let checks: CountCheck[] = [];
  for (;;) {
    const actual = await readArticleCounts(options.db, publications);
    checks = compareCounts(options.tallies, options.baseline, actual);
    const matching = checks.filter(within).length;
    options.onPoll?.(matching, checks.length);
    const fingerprint = checks.map((c) => c.actual).join(",");
    if (fingerprint !== last) {
      last = fingerprint;
      stableSince = Date.now();
    }
    if (matching === checks.length) convergedAt ??= Date.now();
    else convergedAt = undefined;
    const still = Date.now() - stableSince;
    if (still >= (matching === checks.length ? options.settleMs : options.stallMs)) break;
    if (Date.now() >= deadline) {
      return { pass: false, publications: checks, convergenceS: undefined, timedOut: true };
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  const pass = checks.every(within);
  return {
    pass,
    publications: checks,
    convergenceS: pass && convergedAt ? Math.max(0, (convergedAt - options.lastAcceptedAt) / 1000) : undefined,
    timedOut: false,
  };
}

export type ExpectedEntity = { word: string; count: number; articles: number };

/** Compares every entity document of each publication with the expected counts, both ways. */
export async function verifyEntities(db: Firestore, expected: Map<string, Map<string, ExpectedEntity>>): Promise<{ diffs: EntityDiff[]; checked: number }> {
  const diffs: EntityDiff[] = [];
  let checked = 0;
  for (const [publication, entities] of expected) {
    const prefix = paths.ents(publicationKey(publication));
    const snap = await db.collection(prefix).get();
    const actual = new Map(snap.docs.map((d) => [d.id, d.data()]));
    const yearsOf = await yearDocs(db, snap.docs.map((d) => ({ path: d.ref.path, yearly: (d.get("yearly") ?? {}) as Record<string, unknown> })));
    for (const [id, want] of entities) {
      checked++;
      const got = actual.get(id);
      if (!got) {
        diffs.push({ publication, entityId: id, word: want.word, field: "missing", expected: want.count, actual: 0 });
        continue;
      }
      for (const field of ["count", "articles"] as const) {
        if (got[field] !== want[field]) diffs.push({ publication, entityId: id, word: want.word, field, expected: want[field], actual: Number(got[field]) });
      }
      // The yearly and daily series add up to the totals.
      const yearly = (got.yearly ?? {}) as Record<string, { m: number; a: number }>;
      const inline = Object.values((got.days ?? {}) as Record<string, { m: number; a: number }>);
      const days = [...inline, ...[...(yearsOf.get(`${prefix}/${id}`)?.values() ?? [])].flatMap((d) => Object.values(d) as Array<{ m: number; a: number }>)];
      for (const [field, series] of [["yearly", Object.values(yearly)], ["days", days]] as const) {
        const m = series.reduce((n, d) => n + d.m, 0);
        const a = series.reduce((n, d) => n + d.a, 0);
        if (m !== want.count) diffs.push({ publication, entityId: id, word: want.word, field: `${field}.m`, expected: want.count, actual: m });
        if (a !== want.articles) diffs.push({ publication, entityId: id, word: want.word, field: `${field}.a`, expected: want.articles, actual: a });
      }
    }
    for (const [id, got] of actual) {
      if (!entities.has(id)) diffs.push({ publication, entityId: id, word: String(got.word), field: "unexpected", expected: 0, actual: Number(got.count) });
    }
  }
  return { diffs, checked };
}
