// Shared state of one article's analysis: token keys, headline sentences, words
// seen in lower case, and the word tests the chunking and typing rules both need.
import {
  aliases, calendarWords, cities, commonWords, firstNames, knownNames, nonNames, peopleNames, phrases, rarerWords, titles,
} from "./lexicon.js";
import type { WorkMeter } from "./limits.js";
import { isAllCaps, isCapitalised, wordKey } from "./normalize.js";
import type { Token } from "./tokenize.js";
import type { Typing } from "./rule.js";
import { HONOURS, STARTERS, ZONES_AND_UNITS } from "./words.js";

export { MEDIUM, NONE, STRONG, WEAK, type Strength } from "./rule.js";

/** A candidate name (token range [first, last] inclusive) and the rule that typed it. */
export interface Mention extends Typing {
  first: number;
  last: number;
  /** Lower-cased lookup key of the whole mention. */
  key: string;
}

/** A mention with a new typing. Built field by field: one object shape for every mention keeps the hot loops monomorphic. */
export function mention(first: number, last: number, key: string, t: Typing): Mention {
  return { first, last, key, type: t.type, strength: t.strength, rule: t.rule };
}

export interface Ctx {
  tokens: Token[];
  keys: string[];
  /** Sentences written in capitals only (headlines), where capitals say nothing. */
  shouting: Set<number>;
  /** Words the article also uses in lower case: a capital there is just sentence position. */
  lowerSeen: Set<string>;
  /** Shape bits of each word token (tokenFacts). */
  shapes: Uint8Array;
  /** 1 where a token can be part of a name (computed once: the chunker asks several times per token). */
  nameTokens: Uint8Array;
  /** Counts the work of this extraction (limits.ts). */
  meter: WorkMeter;
}

// Facts about a word's letters, worked out once per distinct word of an article (text repeats
// its words; a hostile text repeats one): bits of TokenFacts.shapes.
export const LETTER = 1; // has a letter
export const LETTERS2 = 2; // two letters in a row
export const UPPER_FIRST = 4; // starts with a capital
export const LOWER_FIRST = 8; // starts with a small letter
export const ALL_CAPS = 16; // isAllCaps
export const CAPITALISED = 32; // isCapitalised (also "McDonald", "al-Sharaa")
export const CONTRACTION = 64; // "I'm", "don't"

export interface TokenFacts {
  /** Lookup key of every token (punctuation is its own key). */
  keys: string[];
  /** Shape bits of every word token (0 for others). */
  shapes: Uint8Array;
}

export function tokenFacts(tokens: Token[], meter: WorkMeter): TokenFacts {
  meter.tick(tokens.length);
  const seen = new Map<string, { key: string; shape: number }>();
  const keys: string[] = new Array<string>(tokens.length);
  const shapes = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "word") {
      keys[i] = t.text;
      continue;
    }
    let f = seen.get(t.text);
    if (f === undefined) {
      const key = wordKey(t.text);
      const w = t.text;
      const shape = (/\p{L}/u.test(w) ? LETTER : 0) | (/\p{L}{2}/u.test(w) ? LETTERS2 : 0) | (/^\p{Lu}/u.test(w) ? UPPER_FIRST : 0) |
        (/^\p{Ll}/u.test(w) ? LOWER_FIRST : 0) | (isAllCaps(w) ? ALL_CAPS : 0) | (isCapitalised(w) ? CAPITALISED : 0) |
        (/'(m|ve|ll|d|re|t)$/u.test(key) ? CONTRACTION : 0);
      seen.set(w, (f = { key, shape }));
    }
    keys[i] = f.key;
    shapes[i] = f.shape;
  }
  return { keys, shapes };
}

export function buildContext(tokens: Token[], { keys, shapes }: TokenFacts, shouting: Set<number>, meter: WorkMeter): Ctx {
  const lowerSeen = new Set<string>();
  tokens.forEach((t, i) => {
    if (shapes[i]! & LOWER_FIRST) lowerSeen.add(keys[i]!);
  });
  const ctx: Ctx = { tokens, keys, shapes, shouting, lowerSeen, nameTokens: new Uint8Array(tokens.length), meter };
  const inPhrase = shouting.size > 0 ? knownPhrases(ctx) : undefined;
  for (let i = 0; i < tokens.length; i++) ctx.nameTokens[i] = inPhrase?.[i] === 1 || nameTokenAt(ctx, i) ? 1 : 0;
  return ctx;
}

/**
 * In a headline in capitals, the words of a known name of two to four words ("NEW YORK",
 * "BOSTON RED SOX"): kept even where one of them is an ordinary word ("NEW", "RED").
 */
function knownPhrases(ctx: Ctx): Uint8Array {
  const { tokens, keys, shouting } = ctx;
  const marks = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "word" || !shouting.has(t.sent)) continue;
    let key = keys[i]!;
    for (let k = i + 1; k < i + 4 && tokens[k]?.kind === "word" && tokens[k]!.sent === t.sent; k++) {
      ctx.meter.tick();
      key += " " + keys[k]!;
      if (phrases.has(key)) marks.fill(1, i, k + 1);
    }
  }
  return marks;
}

/**
 * Sentences where capitals say nothing about names: headlines in capitals
 * ("STORMS HIT LISBON") and in title case ("Storms Hit Lisbon As Portugal Braces").
 * Title case is told from a name-heavy sentence by its capitalised everyday words.
 */
export function shoutingSentences(tokens: Token[], { keys, shapes }: TokenFacts, meter: WorkMeter): Set<number> {
  // Per sentence (sentences are numbered 0..n-1): words, words in capitals, capitalised words,
  // capitalised everyday words, capitalised verbs and function words (what a title-case
  // headline has and a list of names has not).
  const sentences = (tokens.at(-1)?.sent ?? -1) + 1;
  const counts = (): Uint32Array => new Uint32Array(sentences);
  const bump = (a: Uint32Array, s: number): void => {
    a[s] = a[s]! + 1;
  };
  const words = counts(), upper = counts(), capitalised = counts(), everyday = counts(), verbs = counts();
  meter.tick(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const shape = shapes[i]!;
    if (!(shape & LETTERS2)) continue; // words only
    const key = keys[i]!;
    const isUpper = (shape & UPPER_FIRST) !== 0;
    if (TITLE_CASE_SMALL.has(key) && !t.sentStart && !isUpper) continue; // "of", "the", "in" may stay lower in titles
    const s = t.sent;
    bump(words, s);
    if (shape & ALL_CAPS) bump(upper, s);
    if (isUpper) {
      bump(capitalised, s);
      if (TITLE_CASE_SMALL.has(key) && !t.sentStart) bump(verbs, s); // "In", "To" capitalised mid-sentence
      else if (!t.sentStart && commonWords.has(key) && !rarerWords.has(key) && !knownAsName(key)) {
        bump(everyday, s);
        if (VERB_OR_FUNCTION_TAGS.has(commonWords.get(key)!)) bump(verbs, s);
      }
    }
  }
  const shouting = new Set<number>();
  for (let s = 0; s < sentences; s++) {
    const w = words[s]!;
    if (w >= 3 && upper[s]! / w >= 0.8) shouting.add(s);
    else if (w >= 4 && capitalised[s]! / w >= 0.75 && everyday[s]! >= 2 && verbs[s]! >= 2) shouting.add(s);
  }
  return shouting;
}

// Compromise tags of verbs and function words.
const VERB_OR_FUNCTION_TAGS = new Set(["PresentTense", "PastTense", "Infinitive", "Modal", "Copula", "Gerund",
  "Pronoun", "Conjunction", "Preposition", "Adverb", "Determiner", "Auxiliary", "PhrasalVerb", "Verb",
  "Participle", "QuestionWord", "Negative"]);

// Short words that title case leaves in lower case.
export const TITLE_CASE_SMALL = new Set(["a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at",
  "to", "by", "up", "as", "vs", "via", "with", "from", "into", "over"]);

export function knownAsName(key: string): boolean {
  return knownNames.has(key) || aliases.has(key) || firstNames.has(key);
}

/** Is token i a word starting with a small letter? False past either end of the text. */
export function isLower(ctx: Ctx, i: number): boolean {
  return ((ctx.shapes[i] ?? 0) & LOWER_FIRST) !== 0;
}

/** Can token i be part of a name? False past either end of the text. */
export function isNameToken(ctx: Ctx, i: number): boolean {
  return ctx.nameTokens[i] === 1;
}

function nameTokenAt(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  if (t.kind !== "word") return false;
  const key = ctx.keys[i]!;
  const shape = ctx.shapes[i]!;
  if (calendarWords.has(key) || !(shape & LETTER) || HONOURS.has(key)) return false;
  // "I", "I'm", "Don't", "We're": pronouns and contractions are never part of a name.
  if (key === "i" || shape & CONTRACTION) return false;
  const shouted = ctx.shouting.has(t.sent);
  if (ZONES_AND_UNITS.has(key) && (ctx.tokens[i - 1]?.kind === "num" || (!shouted && shape & ALL_CAPS))) return false;
  if (shouted) {
    // In a headline in capitals, only words that are not ordinary English count.
    if (STARTERS.has(key) || nonNames.has(key)) return false;
    if (knownAsName(key) || titles.has(key)) return true;
    return (!commonWords.has(key) || (rarerWords.has(key) && peopleNames.has(key))) && !ctx.lowerSeen.has(key); // "TRUMP"
  }
  if (shape & CAPITALISED) return true;
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
