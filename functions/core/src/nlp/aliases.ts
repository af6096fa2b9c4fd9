// One entity per person however the article writes the name: a middle initial
// ("Donald J. Trump" / "Donald Trump"), a generational suffix the article also
// drops ("Martin Luther King Jr." / "Martin Luther King"), and a lone surname
// that only one well-known person has ("Merkel" -> "Angela Merkel").
import { knownNames, nameConnectors, wellKnownPeople, wellKnownSurnames } from "./lexicon.js";
import { titleCase } from "./normalize.js";
import type { EntityType } from "./types.js";

const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const isInitial = (word: string): boolean => /^\p{L}\.?$/u.test(word);

/** The words that name a person: no particles, middle initials or suffix (lower-cased keys). */
export function personWords(key: string): string[] {
  const words = key.split(" ");
  return words.filter((w, k) => !nameConnectors.has(w) && !SUFFIXES.has(w) && !(k > 0 && k < words.length - 1 && isInitial(w)));
}

/**
 * A person's full name without middle initials ("Donald J. Trump" -> "Donald Trump"),
 * unless the name with its initials is itself a well-known one ("George W. Bush").
 */
export function withoutMiddleInitials(canonical: string, key: string): string {
  if (wellKnownPeople.has(key) || knownNames.get(key) === "person") return canonical;
  const words = canonical.split(" ");
  const kept = words.filter((w, k) => k === 0 || k === words.length - 1 || !isInitial(w) || SUFFIXES.has(w.toLowerCase().replace(".", "")));
  return kept.length >= 2 ? kept.join(" ") : canonical;
}

/** "King Jr." -> "king": the key of a name without its generational suffix, or undefined if it has none. */
export function withoutSuffix(key: string): string | undefined {
  const at = key.lastIndexOf(" ");
  return at > 0 && SUFFIXES.has(key.slice(at + 1)) ? key.slice(0, at) : undefined;
}

/** The well-known full name a lone surname stands for, if exactly one is known ("merkel" -> "Angela Merkel"). */
export function wellKnownFullName(word: string): string | undefined {
  const full = wellKnownSurnames.get(word);
  return full === undefined ? undefined : titleCase(full);
}

/**
 * Keys under which an entity's full canonical form may claim a lone mention elsewhere
 * (for the write path, which sees many articles of one publication): a person's
 * surname ("Donald Trump" -> ["trump"]; "Ursula von der Leyen" -> ["von der leyen",
 * "leyen"]), an organisation's initials ("World Health Organization" -> ["who"]);
 * none for a place or a single-word name. Pure; lower-cased keys.
 */
export function aliasKeys(type: EntityType, canonical: string): string[] {
  const words = canonical.toLowerCase().split(/\s+/u).filter((w) => w !== "");
  if (words.length < 2) return [];
  if (type === "person") {
    const core = words.filter((w) => !SUFFIXES.has(w.replace(/\.$/u, "")) && !isInitial(w));
    let k = core.length - 1;
    while (k > 1 && nameConnectors.has(core[k - 1]!)) k--; // particles belong to the surname
    return core.length < 2 ? [] : [...new Set([core.slice(k).join(" "), core.at(-1)!])];
  }
  if (type === "organization") {
    const initials = words.filter((w) => !nameConnectors.has(w)).map((w) => w[0]).join("");
    return initials.length >= 2 ? [initials] : [];
  }
  return [];
}
