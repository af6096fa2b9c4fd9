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
import type { Firestore } from "firebase-admin/firestore";
import { aliasKeys } from "@newsroom/core/names";
import { entityKey } from "@newsroom/core/keys";
import { paths, type AliasMerge, type DeltaEntity, type EntityType } from "@newsroom/core/layout";
import type { DeltaPubs } from "../process/delta.js";

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

/** The batch's single-word persons, most mentioned first (ties by publication, then id), at most `limit`. */
export function loneNames(merged: DeltaPubs, limit = MAX_ALIAS_LOOKUPS): LoneName[] {
  const out: LoneName[] = [];
  for (const [pub, p] of Object.entries(merged)) {
    for (const [id, e] of Object.entries(p.e)) if (isLone(e)) out.push({ pub, id, key: entityKey(e.w), count: e.c });
  }
  out.sort((a, b) => b.count - a.count || (a.pub < b.pub ? -1 : a.pub > b.pub ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.slice(0, limit);
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
    const candidates = new Map<string, FullName>();
    for (const f of [...(batch.get(l.pub)?.get(l.key) ?? []), ...(stored.get(l) ?? [])]) if (f.id !== l.id) candidates.set(f.id, f);
    if (candidates.size !== 1) continue;
    const [only] = candidates.values();
    // The batch's own form of the name wins over the stored one: it is what the parts write.
    const word = batchWord(batch, l.pub, only!.id) ?? only!.word;
    merges.push({ pub: l.pub, from: l.id, to: only!.id, word });
  }
  return merges;
}

const batchWord = (batch: Map<string, Map<string, FullName[]>>, pub: string, id: string) => {
  for (const names of batch.get(pub)?.values() ?? []) for (const f of names) if (f.id === id) return f.word;
  return undefined;
};

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
    const d: DeltaEntity["d"] = Object.fromEntries(Object.entries(into?.d ?? {}).map(([k, v]) => [k, { ...v }]));
    for (const [day, v] of Object.entries(lone.d)) {
      const cur = (d[day] ??= { m: 0, a: 0 });
      cur.m += v.m;
      cur.a += v.a;
    }
    e[m.to] = { w: into?.w ?? m.word, t: "person", c: (into?.c ?? 0) + lone.c, a: (into?.a ?? 0) + lone.a, d };
    const ofPub = absorbed.get(m.pub) ?? new Map<string, string[]>();
    ofPub.set(m.to, [...(ofPub.get(m.to) ?? []), m.from]);
    absorbed.set(m.pub, ofPub);
  }
  return { pubs: out, absorbed };
}

/** Looks up the batch's lone surnames among the stored full names (one bounded query each), and decides. */
export async function findMerges(db: Firestore, pubs: DeltaPubs, limit = MAX_ALIAS_LOOKUPS): Promise<AliasMerge[]> {
  const lone = loneNames(pubs, limit);
  const stored = new Map<LoneName, FullName[]>();
  for (let i = 0; i < lone.length; i += 20) {
    await Promise.all(
      lone.slice(i, i + 20).map(async (l) => {
        // Three at most: two persons already make the surname ambiguous.
        const snap = await db.collection(paths.ents(l.pub)).where("aliases", "array-contains", l.key).select("word", "type").limit(3).get();
        stored.set(l, snap.docs.filter((d) => d.get("type") === "person").map((d) => ({ id: d.id, word: String(d.get("word")) })));
      }),
    );
  }
  return decideMerges(lone, batchFullNames(pubs), stored);
}
