// String normalisation shared by the rules and canonicalisation.

/** Lookup key for one word: lower-cased, trailing period dropped, "U.S." -> "us". */
export function wordKey(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  if (/^(\p{L}\.)+$/u.test(lower)) return lower.replace(/\./g, "");
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/** True for words written in capitals only (at least two letters): "NATO", "U.S.". */
export function isAllCaps(word: string): boolean {
  // No lower-case or title-case letter, a capital, and two letters at least (no copies made: hot path).
  return !LOWER_RE.test(word) && UPPER_RE.test(word) && TWO_LETTERS_RE.test(word);
}
const LOWER_RE = /[\p{Ll}\p{Lt}]/u;
const UPPER_RE = /\p{Lu}/u;
const TWO_LETTERS_RE = /\p{L}[^\p{L}]*\p{L}/u;

/** Capitalised like a name: "Oslo", "McDonald", "eBay", "O'Neil". */
export function isCapitalised(word: string): boolean {
  return /^\p{N}*\p{Lu}/u.test(word) || /^\p{Ll}{1,2}\p{Lu}/u.test(word) ||
    /^(al|el|ad|as|ash|an|ar|az|abu|bin|ibn|ben|d|o|l)[-'’]\p{Lu}/u.test(word); // "al-Sharaa", "d'Artagnan"
}

/** "JOHN SMITH" -> "John Smith" (for names written in a shouting headline). */
export function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Canonical spelling of a surface form: squeezed spaces, no outer punctuation. */
export function cleanSurface(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(/^[\s"'“”‘’(\[{«»,;:!?*-]+/u, "")
    .replace(/[\s"'“”‘’)\]}«»,;:!?*-]+$/u, "")
    .trim();
}
