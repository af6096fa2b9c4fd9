// The parts of a name that are not the name itself (particles, middle initials,
// generational suffixes), and the alias keys built from them. No lexicon data:
// the rollup imports this without loading the extractor's lexicons.
import type { EntityType } from "./types.js";

/** Lower-case words allowed inside a name ("Bank of America", "Leonardo da Vinci"). */
export const nameConnectors = new Set([
  "of", "de", "da", "del", "della", "di", "do", "dos", "das", "du", "des", "la", "le", "van",
  "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "y", "&", "the", "and", "for", "on", "upon",
]);

export const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);

export const isInitial = (word: string): boolean => /^\p{L}\.?$/u.test(word);

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
