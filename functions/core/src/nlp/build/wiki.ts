// Build time: well-known people and multi-word names from compromise-wikipedia
// (MIT; ~38k titles of popular Wikipedia articles, lower case, untyped).
// A title counts as a person's name when it reads like one: two or three words,
// a given name first, no ordinary English word, not a known place or organisation.
import wikipedia from "compromise-wikipedia";

/** The plugin's title list, taken through its own mutate hook (the list file is not exported). */
export function wikipediaTitles(): string[] {
  let titles: string[] = [];
  const plugin = wikipedia as unknown as { mutate(world: object, nlp: { buildTrie(list: string[]): object }): void };
  plugin.mutate({ model: {} }, { buildTrie: (list) => ((titles = list), {}) });
  return titles;
}

export interface NameLists {
  firstNames: Set<string>;
  peopleNames: Set<string>;
  /** Ordinary words (not names). */
  isCommon(word: string): boolean;
  isKnownNonPerson(name: string): boolean;
}

const SUFFIX = new Set(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]);
// Words of titles about a person's works rather than the person ("... filmography").
const META = /(graphy|ology)\b/u;
const PARTICLE = new Set(["de", "da", "del", "di", "van", "von", "der", "den", "la", "le", "bin", "al", "ibn"]);

/** Full names of popular people (lower case). */
export function wikiPeople(titles: readonly string[], lists: NameLists): string[] {
  return titles.filter((t) => {
    if (!/^[\p{L}' .-]+$/u.test(t) || lists.isKnownNonPerson(t)) return false;
    const words = t.split(" ").filter((w) => !SUFFIX.has(w));
    const core = words.filter((w) => !PARTICLE.has(w) && !/^\p{L}\.$/u.test(w)); // "j.", "de"
    if (core.length < 2 || core.length > 3) return false;
    const [first, ...rest] = core as [string, ...string[]];
    return lists.firstNames.has(first) && rest.every((w) => w.length > 2 && !META.test(w) && !lists.isCommon(w));
  });
}

/**
 * Surname -> the one well-known person of that surname. Where several are known, the
 * only one that other titles are about, twice or more ("Presidency of Donald Trump",
 * "Family of Barack Obama"), is the well-known one; otherwise the surname stays ambiguous.
 */
export function wellKnownSurnames(people: readonly string[], titles: readonly string[], lists: NameLists,
  isAmbiguousWord: (w: string) => boolean): [string, string][] {
  const bySurname = new Map<string, string[]>();
  for (const p of people) {
    const words = p.split(" ").filter((w) => !SUFFIX.has(w));
    const surname = words.at(-1)!;
    if (isAmbiguousWord(surname) || lists.firstNames.has(surname)) continue; // "Lincoln" the city, "James"
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), p]);
  }
  // Titles about a person ("Presidency of Donald Trump", "Opinion polling on the ... presidency").
  const byWord = new Map<string, string[]>();
  for (const t of titles) {
    if (META.test(t)) continue;
    for (const w of new Set(t.split(" "))) byWord.set(w, [...(byWord.get(w) ?? []), t]);
  }
  const derived = (p: string): number =>
    (byWord.get(p.split(" ").at(-1)!) ?? []).filter((t) => t !== p && ` ${t} `.includes(` ${p} `)).length;
  const out: [string, string][] = [];
  for (const [surname, names] of bySurname) {
    if (names.length === 1) {
      out.push([surname, names[0]!]);
      continue;
    }
    // Several: the one with two titles or more about them, when no other has any.
    const about = names.map((p) => [p, derived(p)] as const).filter(([, n]) => n > 0);
    if (about.length === 1 && about[0]![1] >= 2) out.push([surname, about[0]![0]]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
