// Shared state of one article's analysis: token keys, headline sentences, words
// seen in lower case, and the word tests the chunking and typing rules both need.
import {
  aliases, calendarWords, cities, commonWords, firstNames, knownNames, nonNames, peopleNames, rarerWords, titles,
} from "./lexicon.js";
import { isAllCaps, isCapitalised, wordKey } from "./normalize.js";
import type { Token } from "./tokenize.js";
import type { EntityType } from "./types.js";
import { STARTERS } from "./words.js";

/** How sure the typing is; weaker mentions may be retyped from the rest of the article. */
export type Strength = 3 | 2 | 1 | 0;

export const STRONG = 3; // lexicon, suffix, title
export const MEDIUM = 2; // name lists, acronyms
export const WEAK = 1; // context or default guess
export const NONE = 0; // not a name unless the article says so

export interface Mention {
  /** Token range [first, last] inclusive. */
  first: number;
  last: number;
  type: EntityType;
  strength: Strength;
  /** Lower-cased lookup key of the whole mention. */
  key: string;
  /** Which rule typed it (for debugging and tests). */
  why: string;
}

export interface Ctx {
  tokens: Token[];
  keys: string[];
  /** Sentences written in capitals only (headlines), where capitals say nothing. */
  shouting: Set<number>;
  /** Words the article also uses in lower case: a capital there is just sentence position. */
  lowerSeen: Set<string>;
}

export function buildContext(tokens: Token[], shouting: Set<number>): Ctx {
  const keys = tokens.map((t) => wordKey(t.text));
  const lowerSeen = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === "word" && /^\p{Ll}/u.test(t.text)) lowerSeen.add(keys[i]!);
  });
  return { tokens, keys, shouting, lowerSeen };
}

/**
 * Sentences where capitals say nothing about names: headlines in capitals
 * ("STORMS HIT LISBON") and in title case ("Storms Hit Lisbon As Portugal Braces").
 * Title case is told from a name-heavy sentence by its capitalised everyday words.
 */
export function shoutingSentences(tokens: Token[]): Set<number> {
  // Per sentence: words, words in capitals, capitalised words, capitalised everyday words,
  // capitalised verbs and function words (what a title-case headline has and a list of names has not).
  const stats = new Map<number, [number, number, number, number, number]>();
  for (const t of tokens) {
    if (t.kind !== "word" || !/\p{L}{2}/u.test(t.text)) continue;
    const c = stats.get(t.sent) ?? [0, 0, 0, 0, 0];
    const key = wordKey(t.text);
    const upper = /^\p{Lu}/u.test(t.text);
    if (TITLE_CASE_SMALL.has(key) && !t.sentStart && !upper) continue; // "of", "the", "in" may stay lower in titles
    c[0]++;
    if (isAllCaps(t.text)) c[1]++;
    if (upper) {
      c[2]++;
      if (TITLE_CASE_SMALL.has(key) && !t.sentStart) c[4]++; // "In", "To" capitalised mid-sentence
      else if (!t.sentStart && commonWords.has(key) && !rarerWords.has(key) && !knownAsName(key)) {
        c[3]++;
        if (VERB_OR_FUNCTION_TAGS.has(commonWords.get(key)!)) c[4]++;
      }
    }
    stats.set(t.sent, c);
  }
  const shouting = new Set<number>();
  for (const [sent, [words, upper, capitalised, everyday, verbs]] of stats) {
    if (words >= 3 && upper / words >= 0.8) shouting.add(sent);
    else if (words >= 4 && capitalised / words >= 0.75 && everyday >= 2 && verbs >= 2) shouting.add(sent);
  }
  return shouting;
}

// Compromise tags of verbs and function words.
const VERB_OR_FUNCTION_TAGS = new Set(["PresentTense", "PastTense", "Infinitive", "Modal", "Copula", "Gerund",
  "Pronoun", "Conjunction", "Preposition", "Adverb", "Determiner", "Auxiliary", "PhrasalVerb", "Verb",
  "Participle", "QuestionWord", "Negative"]);

// Short words that title case leaves in lower case.
const TITLE_CASE_SMALL = new Set(["a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at",
  "to", "by", "up", "as", "vs", "via", "with", "from", "into", "over"]);

export function knownAsName(key: string): boolean {
  return knownNames.has(key) || aliases.has(key) || firstNames.has(key);
}

/** Can token i be part of a name? */
export function isNameToken(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  if (t.kind !== "word") return false;
  const key = ctx.keys[i]!;
  if (calendarWords.has(key) || !/\p{L}/u.test(t.text)) return false;
  // "I", "I'm", "Don't", "We're": pronouns and contractions are never part of a name.
  if (key === "i" || /'(m|ve|ll|d|re|t)$/u.test(key)) return false;
  if (ctx.shouting.has(t.sent)) {
    // In a headline in capitals, only words that are not ordinary English count.
    if (STARTERS.has(key) || nonNames.has(key)) return false;
    if (knownAsName(key) || titles.has(key)) return true;
    return (!commonWords.has(key) || (rarerWords.has(key) && peopleNames.has(key))) && !ctx.lowerSeen.has(key); // "TRUMP"
  }
  if (isCapitalised(t.text)) return true;
  // Informal text writes well-known places and firms in lower case ("flying to canada").
  return key.length >= 4 && knownNames.has(key) && knownNames.get(key) !== "person" && !commonWords.has(key) &&
    !firstNames.has(key) && !peopleNames.has(key);
}

export function isPlaceWord(key: string): boolean {
  return knownNames.get(key) === "place" || cities.has(key) || aliases.get(key)?.type === "place";
}

/** Common, and not one of the rarer words that double as surnames ("Musk", "Rice"). */
export function isVeryCommon(key: string): boolean {
  return isCommon(key) && !rarerWords.has(key);
}

export function isCommon(key: string): boolean {
  return commonWords.has(key) && !knownNames.has(key) && !firstNames.has(key);
}
