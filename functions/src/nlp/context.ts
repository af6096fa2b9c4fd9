// Shared state of one article's analysis: token keys, headline sentences, words
// seen in lower case, and the word tests the chunking and typing rules both need.
import {
  aliases, calendarWords, cities, commonWords, firstNames, knownNames, nonNames, peopleNames, phrases, rarerWords, titles,
} from "./lexicon.js";
import { tick } from "./limits.js";
import { isAllCaps, isCapitalised, wordKey } from "./normalize.js";
import type { Token } from "./tokenize.js";
import type { Typing } from "./rule.js";
import { STARTERS, ZONES_AND_UNITS } from "./words.js";

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
  /** 1 where a token can be part of a name (computed once: the chunker asks several times per token). */
  nameTokens: Uint8Array;
}

export function buildContext(tokens: Token[], shouting: Set<number>): Ctx {
  tick(tokens.length);
  const keys = tokens.map((t) => (t.kind === "word" ? wordKey(t.text) : t.text)); // punctuation is its own key
  const lowerSeen = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === "word" && /^\p{Ll}/u.test(t.text)) lowerSeen.add(keys[i]!);
  });
  const ctx: Ctx = { tokens, keys, shouting, lowerSeen, nameTokens: new Uint8Array(tokens.length) };
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
      tick();
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
export function shoutingSentences(tokens: Token[]): Set<number> {
  // Per sentence (sentences are numbered 0..n-1): words, words in capitals, capitalised words,
  // capitalised everyday words, capitalised verbs and function words (what a title-case
  // headline has and a list of names has not).
  const sentences = (tokens.at(-1)?.sent ?? -1) + 1;
  const counts = (): Uint32Array => new Uint32Array(sentences);
  const bump = (a: Uint32Array, s: number): void => {
    a[s] = a[s]! + 1;
  };
  const words = counts(), upper = counts(), capitalised = counts(), everyday = counts(), verbs = counts();
  tick(tokens.length);
  for (const t of tokens) {
    if (t.kind !== "word" || !/\p{L}{2}/u.test(t.text)) continue;
    const key = wordKey(t.text);
    const isUpper = /^\p{Lu}/u.test(t.text);
    if (TITLE_CASE_SMALL.has(key) && !t.sentStart && !isUpper) continue; // "of", "the", "in" may stay lower in titles
    const s = t.sent;
    bump(words, s);
    if (isAllCaps(t.text)) bump(upper, s);
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
const TITLE_CASE_SMALL = new Set(["a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at",
  "to", "by", "up", "as", "vs", "via", "with", "from", "into", "over"]);

export function knownAsName(key: string): boolean {
  return knownNames.has(key) || aliases.has(key) || firstNames.has(key);
}

/** Can token i be part of a name? False past either end of the text. */
export function isNameToken(ctx: Ctx, i: number): boolean {
  return ctx.nameTokens[i] === 1;
}

function nameTokenAt(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  if (t.kind !== "word") return false;
  const key = ctx.keys[i]!;
  if (calendarWords.has(key) || !/\p{L}/u.test(t.text)) return false;
  // "I", "I'm", "Don't", "We're": pronouns and contractions are never part of a name.
  if (key === "i" || /'(m|ve|ll|d|re|t)$/u.test(key)) return false;
  const shouted = ctx.shouting.has(t.sent);
  if (ZONES_AND_UNITS.has(key) && (ctx.tokens[i - 1]?.kind === "num" || (!shouted && isAllCaps(t.text)))) return false;
  if (shouted) {
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
