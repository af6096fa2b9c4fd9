// Hostile inputs for the extractor's cost and safety tests (unit tests and
// `bench:ner --adversarial`): one short unit per word class of the lexicons,
// repeated to a given length. Each class targets one kind of rule that looks
// ahead or back: function words and titles (sentence starts, title runs),
// connectors and particles (names joined by "of", "de"), capitalised words of
// every lexicon (name runs, suffix and prefix tests), punctuation (token and
// sentence boundaries, Unicode the tokenizer must not choke on).
import {
  aliases, calendarWords, cities, companyWords, firstNames, nameConnectors, ofHeadsOrg, ofHeadsPlace, orgSuffixes,
  peopleNames, placeSuffixes, titles,
} from "@newsroom/core/nlp/lexicon";
import { CLUB_PREFIX, COMPASS, EVENT_HEADS, JOB_WORDS, PARTICLES, PLACE_PREFIX, STARTERS, TITLE_MODIFIERS } from "@newsroom/core/nlp/words";

export type HostileClass = "function-word" | "title" | "connector" | "particle" | "capitalised" | "punctuation";

export interface HostileUnit {
  cls: HostileClass;
  /** The text that is repeated. */
  unit: string;
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
/** The k-th word in one of its written forms, in turn: as listed, Capitalised, CAPITALS, "Abbrev. ". */
const form = (w: string, k: number, forms = 3): string =>
  [w + " ", cap(w) + " ", w.toUpperCase() + " ", cap(w) + ". "][k % forms]!;
/** A few members of a large set, in a fixed order, so the generator stays small and deterministic. */
const sample = (words: Iterable<string>, n: number): string[] => [...words].filter((w) => /^\p{L}/u.test(w)).sort().slice(0, n);

/** Every unit of every class (a few hundred; each repeated by `hostileText`). */
export function hostileUnits(): HostileUnit[] {
  const out: HostileUnit[] = [];
  const add = (cls: HostileClass, units: Iterable<string>): void => {
    for (const unit of new Set(units)) out.push({ cls, unit });
  };
  // The inputs of issue 10 first: "The ", "Former ", "Late " repeated.
  add("function-word", ["The ", "Former ", ...[...STARTERS].map((w, k) => form(w, k))]);
  add("title", ["Late ", ...[...new Set([...titles, ...TITLE_MODIFIERS, ...JOB_WORDS])].map((w, k) => form(w, k + 1, 4))]);
  add("connector", [...nameConnectors].flatMap((c) => [`Xyz ${c} `, `Bank ${c} `, `${c} `, `The Xyz ${c} the `]));
  add("particle", [...PARTICLES].flatMap((p) => [`Xyz ${p} `, `Xyz ${p} ${p} `, `${cap(p)} `]));
  add("capitalised", [
    ...[orgSuffixes, ofHeadsOrg, ofHeadsPlace, placeSuffixes, cities, firstNames, peopleNames, companyWords,
      CLUB_PREFIX, COMPASS, calendarWords, EVENT_HEADS, PLACE_PREFIX, aliases.keys()]
      .flatMap((set) => sample(set, 6).flatMap((w) => [cap(w) + " ", w.toUpperCase() + " "])),
    "Xyz ", "XYZ ", "Xyz's ", "Xyz, ", "Xyz. ", "Xyz\n", "Xyz-Xyz ", "Xyz", "X. ", "J. Xyz ", "McXyz ", "al-Xyz ",
    "Xyz Inc. ", "Xyz Group ", "Xyz University of ", "Former Late ", "Bank of the ", "The Xyz ",
    "Xyz Abc (XA) ", "(XYZ) ", "Xyz beat ", "Xyz 2-1 ", "joined Xyz ", "the League ", "NEW YORK ", "Donald J. ",
  ]);
  add("punctuation", [
    ".", ". ", ",", ";", ":", "!", "?", "…", "'", "’", "\"", "“", "”", "(", ")", "[", "-", "—", "&", "/", "\n", " ", "\t",
    "#", "@", "#Xyz ", "@Xyz ", "http://x.y/Z ", "1", "1.", "1,", "12% ", "$", "€5 ", "U.S. ", "U.", "A.", "'s ",
    "😀", "e\u0301", "\uFDFA", "\u200D", "\u0645\u0631\u062D\u0628\u0627 ", "\u4E2D\u6587", "Ⅻ ", "\u00A0",
  ]);
  return out;
}

/** `unit` repeated to exactly `chars` UTF-16 code units (never splitting a surrogate pair). */
export function hostileText(unit: string, chars: number): string {
  let s = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  if (/[\uD800-\uDBFF]$/u.test(s)) s = s.slice(0, -1) + " ";
  return s;
}
