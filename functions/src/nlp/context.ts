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

/** Sentences written (almost) all in capitals: headlines, where capitals say nothing. */
export function shoutingSentences(tokens: Token[]): Set<number> {
  const caps = new Map<number, [number, number]>();
  for (const t of tokens) {
    if (t.kind !== "word" || !/\p{L}{2}/u.test(t.text)) continue;
    const c = caps.get(t.sent) ?? [0, 0];
    c[0]++;
    if (isAllCaps(t.text)) c[1]++;
    caps.set(t.sent, c);
  }
  const shouting = new Set<number>();
  for (const [sent, [words, upper]] of caps) if (words >= 3 && upper / words >= 0.8) shouting.add(sent);
  return shouting;
}

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
