// One entity per person however the article writes the name: a middle initial
// ("Donald J. Trump" / "Donald Trump"), a generational suffix the article also
// drops ("Martin Luther King Jr." / "Martin Luther King"), and a lone surname
// that only one well-known person has ("Merkel" -> "Angela Merkel").
import { knownNames, wellKnownPeople, wellKnownSurnames } from "./lexicon.js";
import { isInitial, nameConnectors, SUFFIXES } from "./name-parts.js";
import { titleCase } from "./normalize.js";

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
