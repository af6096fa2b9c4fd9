// Proves nothing was lost: polls Firestore until the aggregates stop changing,
// then compares them with what the endpoint accepted.
import type { Firestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { paths } from "@newsroom/core/layout";
import type { PublicationTally } from "./sender.ts";

export type CountCheck = { publication: string; baseline: number; expectedMin: number; expectedMax: number; actual: number };
export type EntityDiff = {
  publication: string;
  entityId: string;
  word: string;
  field: "count" | "articles" | "missing" | "unexpected" | "days.m" | "days.a";
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

/** Publications whose articles per day do not add up to their articleCount. */
export async function verifyPublicationDays(db: Firestore, publications: readonly string[]): Promise<string[]> {
  if (publications.length === 0) return [];
  const snaps = await db.getAll(...publications.map((p) => db.doc(paths.publication(publicationKey(p)))));
  return snaps.flatMap((snap, i) => {
    const days = Object.values((snap.get("days") ?? {}) as Record<string, number>).reduce((n, d) => n + d, 0);
    const total = Number(snap.get("articleCount") ?? 0);
    return days === total ? [] : [`${publications[i]}: ${days} articles by day, articleCount ${total}`];
  });
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
    const snap = await db.collection(`${paths.publication(publicationKey(publication))}/ents`).get();
    const actual = new Map(snap.docs.map((d) => [d.id, d.data()]));
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
      // The daily series add up to the totals.
      const days = Object.values((got.days ?? {}) as Record<string, { m: number; a: number }>);
      const m = days.reduce((n, d) => n + d.m, 0);
      const a = days.reduce((n, d) => n + d.a, 0);
      if (m !== want.count) diffs.push({ publication, entityId: id, word: want.word, field: "days.m", expected: want.count, actual: m });
      if (a !== want.articles) diffs.push({ publication, entityId: id, word: want.word, field: "days.a", expected: want.articles, actual: a });
    }
    for (const [id, got] of actual) {
      if (!entities.has(id)) diffs.push({ publication, entityId: id, word: String(got.word), field: "unexpected", expected: 0, actual: Number(got.count) });
    }
  }
  return { diffs, checked };
}
