// Social-media handles ("@NicholasPegg", "@jaketapper", "@realDonaldTrump"): a handle
// is an account name, not prose, so it is never part of a longer name; but a handle
// spelt as a person's given name and surname is, mostly, that person's account.
// A bare handle ("@notstoreboughtdirt", "@CuriousCatMe") names no one.
import {
  commonWords, companyWords, firstNames, knownNames, peopleNames, rarerWords, titles, wellKnownPeople, wellKnownSurnames,
} from "./lexicon.js";
import type { WorkMeter } from "./limits.js";
import { SUFFIXES } from "./name-parts.js";

/** Longest handle worth splitting (Twitter allows 15 characters, Reddit 20). */
export const MAX_HANDLE_CHARS = 32;

// Words that accounts put before a name: "@realDonaldTrump", "@TheKennyRoda", "@DrJillStein"; titles too ("@MayorLisaMoreno").
const HANDLE_PREFIX = new Set(["real", "the", "its", "iam", "im", "dr", "mr", "mrs", "ms", "miss", "official"]);

const isGiven = (w: string): boolean => w.length >= 2 && firstNames.has(w);
const isVeryCommonWord = (w: string): boolean => commonWords.has(w) && !rarerWords.has(w);
/** A surname from the name lists that is not an everyday English word ("tapper", "kohn"; not "temp"). */
const isSurname = (w: string): boolean =>
  w.length >= 3 && (wellKnownSurnames.has(w) || (peopleNames.has(w) && !isVeryCommonWord(w)));

/** A handle that is one given name, not an everyday word ("@Paul", "@janet"; not "@Hope", "@Panda"). */
export function isGivenNameHandle(handle: string): boolean {
  if (handle.length > MAX_HANDLE_CHARS || !/^\p{L}\p{Ll}+$/u.test(handle)) return false;
  const key = handle.toLowerCase();
  return isGiven(key) && key.length >= 3 && !commonWords.has(key) && knownNames.get(key) !== "place" && knownNames.get(key) !== "organization";
}

/**
 * The person's name a handle spells, as a lower-case key of two or three words
 * ("NicholasPegg" -> "nicholas pegg", "jaketapper" -> "jake tapper"), or undefined.
 * Bounded: handles longer than MAX_HANDLE_CHARS are not split.
 */
export function handlePersonName(handle: string, meter: WorkMeter): string | undefined {
  if (handle.length > MAX_HANDLE_CHARS || handle.length < 5) return undefined;
  meter.tick(handle.length);
  const letters = handle.replace(/[_\p{N}]+/gu, "");
  // CamelCase or underscores mark the word boundaries: "MaryKayCabot", "zoe_clark", "CraigRBrittain".
  const parts = handle.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu) ?? [];
  if (parts.length >= 2 && parts.join("") === letters) {
    if (parts.some((p) => p.length > 1 && !/\p{Ll}/u.test(p))) return undefined; // an acronym inside: "KleinISD"
    const keys = parts.map((p) => p.toLowerCase());
    // No account prefix or initials; a generational suffix is kept but not tested ("realDonaldJTrumpJr" -> "donald trump jr").
    const suffix = SUFFIXES.has(keys.at(-1)!) ? ` ${keys.at(-1)!}` : "";
    const words = keys.filter((k, n) => !(n === 0 && (HANDLE_PREFIX.has(k) || titles.has(k)) && keys.length > 2) && k.length > 1 &&
      !(n === keys.length - 1 && suffix !== ""));
    if (words.length >= 2 && words.length <= 3) {
      const name = words.join(" ") + suffix;
      if (wellKnownPeople.has(name) || knownNames.get(name) === "person") return name;
      const last = words.at(-1)!;
      // Capitals mark the boundary, so an unknown last word may be the surname too ("MartinBelam").
      const unknownLast = last.length >= 3 && !commonWords.has(last) && !knownNames.has(last) && !firstNames.has(last);
      // The first word a given name, or a name from the lists that is no English word ("GraysonDolan").
      const first = words[0]!;
      const given = isGiven(first) || (peopleNames.has(first) && !commonWords.has(first) && !knownNames.has(first));
      if (given && (isSurname(last) || unknownLast) && !words.slice(1, -1).some(isVeryCommonWord)) return name;
    }
    return undefined;
  }
  // One run of letters ("jaketapper", "Seanhannity"): a given name, then a surname.
  const key = letters.toLowerCase();
  if (!/^\p{Ll}+$/u.test(key) || commonWords.has(key) || knownNames.has(key) || firstNames.has(key)) return undefined;
  for (let c = 2; c <= key.length - 3; c++) {
    meter.tick();
    const name = `${key.slice(0, c)} ${key.slice(c)}`;
    if (wellKnownPeople.has(name)) return name;
  }
  for (let c = 3; c <= key.length - 4; c++) {
    meter.tick();
    const given = key.slice(0, c);
    const surname = key.slice(c);
    if (isGiven(given) && isSurname(surname)) return `${given} ${surname}`;
  }
  return undefined;
}

const isOrgName = (w: string): boolean => knownNames.get(w) === "organization" || companyWords.has(w);

// Last words of an organisation's account: "@HillTownNews", "@EditionRecords", "@CityHallTV".
const ORG_HANDLE_TAILS = ["news", "daily", "records", "music", "band", "official", "society", "tv", "radio", "fm",
  "magazine", "mag", "hq", "media"];

/**
 * A handle that is an organisation's known name, alone or with one everyday word after it
 * ("@CNN", "@CNNPolitics", "@CBSSports": a desk or a section of the organisation's account),
 * or a name that ends in the word of a newsroom, label, band or official account ("@HillTownNews").
 */
export function isOrgHandle(handle: string, meter: WorkMeter): boolean {
  if (handle.length > MAX_HANDLE_CHARS || handle.length < 2) return false;
  meter.tick(handle.length);
  const key = handle.toLowerCase().replace(/[_\p{N}]+/gu, "");
  if (isOrgName(key)) return true;
  for (const tail of ORG_HANDLE_TAILS) if (key.length - tail.length >= 3 && key.endsWith(tail)) return true;
  for (let c = 2; c <= key.length - 3; c++) {
    meter.tick();
    if (isOrgName(key.slice(0, c)) && commonWords.has(key.slice(c))) return true;
  }
  return false;
}
