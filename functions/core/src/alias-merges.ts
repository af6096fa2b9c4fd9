// Publication-level aliases. The extractor resolves a lone surname only within
// its article ("Donald Trump ... Trump"); an article that writes just "Trump"
// yields an entity of its own. The rollup is where one publication's articles
// meet, so it counts such a lone surname as the publication's one full name
// with that surname, when exactly one is known (in this batch's counts or
// stored with an `aliases` entry). Two full names share the surname: no merge.
//
// Merges are decided once per batch, when it is planned, and stored in the plan
// (WindowDoc.plan.merges): a retry or a second rollup applies the same ones.
// A lone surname counted before its full name was known keeps its document.
// Pure: the stored full names come in through a lookup (the rollup's reads
// Firestore, rollup/alias-lookup.ts; the write benchmark's reads nothing).
import { aliasKeys } from "./nlp/name-parts.js";
import { entityKey, sha1Hex } from "./keys.js";
import type { AliasMerge, DeltaEntity, EntityType } from "./firestore-schema.js";
import { mergeEntity, type DeltaPubs } from "./delta.js";

/** Lone surnames looked up per batch at most (one query each): bounds the batch's reads and its plan's size. */
export const MAX_ALIAS_LOOKUPS = 200;

/** A full name one publication knows, as a candidate for a lone surname. */
export interface FullName {
  id: string;
  word: string;
}

export interface LoneName {
  pub: string;
  id: string;
  /** The lower-cased surname, as aliasKeys writes it. */
  key: string;
  count: number;
}

/** The lone surnames a person entity's name claims; none for other types or a single word. */
export function personAliases(type: EntityType, word: string): string[] {
  return type === "person" ? aliasKeys("person", entityKey(word)) : [];
}

const isLone = (e: DeltaEntity) => e.t === "person" && !/\s/u.test(entityKey(e.w));

/**
 * The batch's single-word persons to look up, at most `limit`: each
 * publication's most mentioned first, taken in turns across publications, so
 * one publication's flood of surnames cannot use up another's lookups. The
 * order of the publications in each turn comes from `seed` (the batch), so
 * when more publications than lookups have lone names, batches differ in
 * which go first.
 */
export function loneNames(merged: DeltaPubs, seed = "", limit = MAX_ALIAS_LOOKUPS): LoneName[] {
  const perPub: LoneName[][] = [];
  for (const [pub, p] of Object.entries(merged)) {
    const names: LoneName[] = [];
    for (const [id, e] of Object.entries(p.e)) if (isLone(e)) names.push({ pub, id, key: entityKey(e.w), count: e.c });
    if (names.length === 0) continue;
    names.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    perPub.push(names);
  }
  const turn = (names: LoneName[]) => sha1Hex(`${seed}\u0000${names[0]!.pub}`);
  perPub.sort((a, b) => (turn(a) < turn(b) ? -1 : turn(a) > turn(b) ? 1 : 0));
  const out: LoneName[] = [];
  for (let round = 0; out.length < limit; round++) {
    let any = false;
    for (const names of perPub) {
      const l = names[round];
      if (!l) continue;
      any = true;
      out.push(l);
      if (out.length === limit) break;
    }
    if (!any) break;
  }
  return out;
}

/** The full names of the batch itself, by publication and the surname they claim. */
export function batchFullNames(merged: DeltaPubs): Map<string, Map<string, FullName[]>> {
  const out = new Map<string, Map<string, FullName[]>>();
  for (const [pub, p] of Object.entries(merged)) {
    const byKey = new Map<string, FullName[]>();
    for (const [id, e] of Object.entries(p.e)) {
      for (const key of personAliases(e.t, e.w)) byKey.set(key, [...(byKey.get(key) ?? []), { id, word: e.w }]);
    }
    out.set(pub, byKey);
  }
  return out;
}

/** The merges: each lone surname whose batch and stored candidates are exactly one full name. */
export function decideMerges(lone: readonly LoneName[], batch: Map<string, Map<string, FullName[]>>, stored: ReadonlyMap<LoneName, readonly FullName[]>): AliasMerge[] {
  const merges: AliasMerge[] = [];
  for (const l of lone) {
    // The batch's own form of a name comes first and is kept: it is what the parts write.
    const candidates = new Map<string, FullName>();
    for (const f of [...(batch.get(l.pub)?.get(l.key) ?? []), ...(stored.get(l) ?? [])]) if (f.id !== l.id && !candidates.has(f.id)) candidates.set(f.id, f);
    if (candidates.size !== 1) continue;
    const [only] = candidates.values();
    merges.push({ pub: l.pub, from: l.id, to: only!.id, word: only!.word });
  }
  return merges;
}

/**
 * The batch's counts with each merged lone surname added to its full name (and
 * removed), and, per publication and full name, the ids it absorbed. Pure; the
 * input is not changed.
 */
export function applyMerges(pubs: DeltaPubs, merges: readonly AliasMerge[]): { pubs: DeltaPubs; absorbed: Map<string, Map<string, string[]>> } {
  const out: DeltaPubs = { ...pubs };
  const absorbed = new Map<string, Map<string, string[]>>();
  for (const m of merges) {
    const p = out[m.pub];
    const lone = p?.e[m.from];
    if (!p || !lone) continue;
    const e = { ...p.e };
    out[m.pub] = { ...p, e };
    delete e[m.from];
    const into = e[m.to];
    // A copy of the full name's counts (the input stays as it is), plus the lone surname's; the full name's form.
    const sum = mergeEntity(mergeEntity(undefined, into ?? { w: m.word, t: "person", c: 0, a: 0, d: {} }), lone);
    e[m.to] = { ...sum, w: into?.w ?? m.word, t: "person" };
    const ofPub = absorbed.get(m.pub) ?? new Map<string, string[]>();
    ofPub.set(m.to, [...(ofPub.get(m.to) ?? []), m.from]);
    absorbed.set(m.pub, ofPub);
  }
  return { pubs: out, absorbed };
}

/** Finds the stored full names that claim a lone surname. */
export type FullNameLookup = (lone: LoneName) => Promise<readonly FullName[]>;

/** Looks up the batch's lone surnames (20 lookups at a time), and decides; `seed` names the batch (see loneNames). */
export async function findMerges(pubs: DeltaPubs, lookup: FullNameLookup, seed = "", limit = MAX_ALIAS_LOOKUPS): Promise<AliasMerge[]> {
  const lone = loneNames(pubs, seed, limit);
  const stored = new Map<LoneName, readonly FullName[]>();
  for (let i = 0; i < lone.length; i += 20) {
    await Promise.all(lone.slice(i, i + 20).map(async (l) => void stored.set(l, await lookup(l))));
  }
  return decideMerges(lone, batchFullNames(pubs), stored);
}
