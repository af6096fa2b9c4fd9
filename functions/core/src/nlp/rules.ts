// Typing one candidate name as a person, organisation or place, from lexicons,
// name suffixes and prefixes, titles and the words around it.
import {
  aliases, cities, companyWords, commonWords, demonyms, firstNames, knownNames, nameConnectors,
  nonNames, ofHeadsOrg, ofHeadsPlace, orgSuffixes, peopleNames, placePrepositions, placeSuffixes, rarerWords, titles,
  wellKnownSurnames,
} from "./lexicon.js";
import { ALL_CAPS, isCommon, isLower, isPlaceWord, isVeryCommon, type Ctx } from "./context.js";
import { MEDIUM, NONE, STRONG, typing, WEAK, type Typing } from "./rule.js";
import { isAllCaps } from "./normalize.js";
import type { EntityType } from "./types.js";
import {
  ACRONYM_TAILS, CAPS_ONLY, CHAT_WORDS, CLUB_PREFIX, COMPASS, EVENT_HEADS, HALL_OF, LOOSE_HEADS, LOOSE_PLACE_PREFIX,
  MISC_TAILS, OPEN_QUOTES, ORG_ACRONYM_STOP, ORG_HEADS, PLACE_ENDING, PLACE_PREFIX, SERVICE_DISTRICT, SERVICE_WORDS,
  SPEECH, STAGE_PREFIX, STARTERS, SURNAME_ENDING, TITLE_MODIFIERS,
} from "./words.js";

/** Type a candidate of tokens [i..j] (`keys` their lookup keys, `key` joined), or undefined if it is no name. */
export function classify(ctx: Ctx, i: number, j: number, keys: string[], key: string, titled: boolean): Typing | undefined {
  const known = classifyKnown(ctx, i, keys, key, titled);
  if (known === NO_NAME) return undefined;
  if (known) return known;
  const thePlural = isThePlural(ctx, i, keys, key);
  return keys.length > 1 ? classifyWords(ctx, i, j, keys, key, thePlural) : classifyWord(ctx, i, j, key, thePlural);
}

const NO_NAME = "no-name";

/** Names known as a whole (aliases, lexicons), named events, names after a title; undefined when none decides. */
function classifyKnown(ctx: Ctx, i: number, keys: string[], key: string, titled: boolean): Typing | typeof NO_NAME | undefined {
  const n = keys.length;
  const firstKey = keys[0]!;
  const alias = aliases.get(key);
  if (alias && (n > 1 || isAllCaps(ctx.tokens[i]!.text) || key === "america" || key === "britain")) {
    return typing(alias.type, STRONG, "alias");
  }
  let known = knownNames.get(key);
  // "WHO" is the health agency; "Who" in "Doctor Who" or a question is not.
  if (n === 1 && CAPS_ONLY.has(key) && !isAllCaps(ctx.tokens[i]!.text)) known = undefined;
  if (known === "person" && n === 1 && cities.has(key)) known = "place"; // "Houston", "Sydney"
  if (known && !(titled && known !== "person")) return typing(known, STRONG, "lexicon");
  if (n > 1 && EVENT_HEADS.has(firstKey)) return NO_NAME; // "Hurricane Milton", "Operation Overlord"
  // After a title, a person; but "the NFL champion Baltimore Colts" is a team (a town, then a plural).
  if (titled && !(n > 1 && isPlaceWord(firstKey) && /[^s]s$/.test(keys[n - 1]!) && !peopleNames.has(keys[n - 1]!))) {
    return typing("person", STRONG, "title");
  }
  return undefined;
}

/** "the Rolling Stones", "the Boston Celtics": a capitalised plural after "the" names a team or band. */
function isThePlural(ctx: Ctx, i: number, keys: string[], key: string): boolean {
  const lastKey = keys[keys.length - 1]!;
  if (ctx.tokens[i]!.text === "The" && keys.length > 1) return isPluralAfterThe(ctx, i, i + keys.length - 1);
  return i > 0 && ctx.tokens[i - 1]!.text === "the" && /[^s]s$/.test(lastKey) && !isPlaceWord(key) &&
    !ctx.tokens[i]!.sentStart && !demonyms.has(lastKey) && (!isVeryCommon(lastKey) || orgSuffixes.has(lastKey)); // not "the States"; but "the Patriots"
}

/**
 * Tokens [s..j]: "The" capitalised mid-sentence, then at most three words ending in a plural
 * ("bands like The Ramones"). The article is then part of the name, and even an everyday
 * plural names a band or team ("The Stooges", "The Eagles"); not a place ("The Netherlands"),
 * an event ("The Olympics"), nor a quoted title of a work ('"The Six Thatchers"').
 */
export function isPluralAfterThe(ctx: Ctx, s: number, j: number): boolean {
  const t = ctx.tokens[s]!;
  if (t.text !== "The" || t.sentStart || ctx.shouting.has(t.sent) || j <= s || j - s > 3) return false;
  if (/^["“”'‘’«»]$/u.test(ctx.tokens[s - 1]?.text ?? "")) return false;
  const lastKey = ctx.keys[j]!;
  return /[^s]s$/.test(lastKey) && !isPlaceWord(ctx.keys.slice(s + 1, j + 1).join(" ")) && !demonyms.has(lastKey) &&
    !MISC_TAILS.has(lastKey) && !placeSuffixes.has(lastKey);
}

/** A name of several words: suffixes, prefixes, "X of Y", given names, place words. */
function classifyWords(ctx: Ctx, i: number, j: number, keys: string[], key: string, thePlural: boolean): Typing | undefined {
  const n = keys.length;
  const firstKey = keys[0]!;
  const lastKey = keys[n - 1]!;
  if (keys.every((k) => titles.has(k) || TITLE_MODIFIERS.has(k))) return undefined; // "First Lady"
  if (MISC_TAILS.has(lastKey)) return undefined; // "Clean Air Act", "Nobel Prize", "World Cup"
  // "the Western Front", "the Eastern Front": a war's front is a place ("National Front" is a party).
  if (n === 2 && lastKey === "front" && COMPASS.has(firstKey)) return typing("place", MEDIUM, "compass");
  // "Fort Worth Star-Telegram", "Pittsburgh Post-Gazette": the head after a hyphen counts too.
  if (orgSuffixes.has(lastKey) || orgSuffixes.has(lastKey.slice(lastKey.lastIndexOf("-") + 1))) {
    return typing("organization", STRONG, "org-suffix");
  }
  // The chunker joins quotes into a name only around a nickname after a given name.
  if (n >= 4 && keys.some((k) => OPEN_QUOTES.has(k))) return typing("person", MEDIUM, "nickname");
  // "Hockey Hall of Fame", "the Hall of Fame" (the chunker joins "of" after "Hall" only here).
  if (n >= 3 && HALL_OF.has(lastKey) && keys[n - 2] === "of" && keys[n - 3] === "hall") {
    return typing("organization", STRONG, "hall-of-fame");
  }
  // Club prefixes: "FC Basel", "AC Milan", "VfB Stuttgart".
  if (CLUB_PREFIX.has(firstKey)) return typing("organization", STRONG, "club-prefix");
  const of = keys.indexOf("of");
  if (of > 0) {
    const head = keys[of - 1]!;
    if (ofHeadsOrg.has(head)) return typing("organization", STRONG, "org-of");
    if (ofHeadsPlace.has(head)) return typing("place", STRONG, "place-of");
  }
  // "Center for Science and Culture", "Council on Foreign Relations" (the chunker joins
  // "for" and "on" only after an organisation word).
  const forAt = firstOf(keys, "for", "on");
  if (forAt > 0 && (of < 0 || forAt < of) && (ofHeadsOrg.has(keys[forAt - 1]!) || ORG_HEADS.has(keys[forAt - 1]!))) {
    return typing("organization", STRONG, "org-for");
  }
  // "Coronado Unified School District": a district or board that runs schools or a service.
  if (SERVICE_DISTRICT.has(lastKey) && SERVICE_WORDS.has(keys[n - 2]!)) return typing("organization", STRONG, "service-district");
  if (placeSuffixes.has(lastKey) || (PLACE_PREFIX.has(firstKey) && !(LOOSE_PLACE_PREFIX.has(firstKey) && isCommon(lastKey) && lastKey.endsWith("s")))) {
    return typing("place", STRONG, "place-suffix");
  }
  // "CBS Cable", "BBC Radio", "NBC News": an organisation's acronym before more name words.
  // The words after it are media or business words, or no ordinary words ("KODE Action" is not).
  if (n <= 3 && acronymAt(ctx, i) && keys.slice(1).every((k) => ACRONYM_TAILS.has(k) || (!commonWords.has(k) && !firstNames.has(k) && !peopleNames.has(k)))) {
    return typing("organization", MEDIUM, "acronym-first");
  }
  // "the Rolling Stones", "the Boston Celtics": a capitalised plural after "the" names a team or band.
  if (thePlural) return typing("organization", MEDIUM, "the-plural");
  // "West Jersey", "Southern Sudan", "Greater Manchester".
  if (COMPASS.has(firstKey) && !orgSuffixes.has(lastKey) && !isCommon(lastKey)) return typing("place", MEDIUM, "compass");
  // "Old Goa", "Old Delhi": the old town of a known place (not "Old Spice" or "Old Firm").
  if (firstKey === "old" && n === 2 && knownNames.get(lastKey) === "place") return typing("place", MEDIUM, "compass");
  if (cities.has(key)) return typing("place", MEDIUM, "city");
  // "DJ Khaled", "MC Hammer": a stage-name prefix, then the name.
  if (STAGE_PREFIX.has(firstKey) && n <= 3 && !keys.slice(1).some((k) => isVeryCommon(k))) return typing("person", STRONG, "stage-name");
  // A given name first: "Warren Buffett" even though Warren is also a town ("Houston Rockets" is not).
  const givenName = firstNames.has(firstKey) || knownNames.get(firstKey) === "person";
  if (givenName && (!knownNames.has(firstKey) || (!isCommon(lastKey) && !isPlaceWord(lastKey)))) {
    return typing("person", MEDIUM, "first-name");
  }
  // A place name followed by other name words: "Boston Bruins", "Perth Glory", "CBS Cable",
  // "New York Yankees" (a known place of two words, then a name).
  // A town's name that is also an English word ("Best", "Mary") is no evidence.
  const placeWords = isPlaceWord(firstKey) && !isCommon(firstKey) ? 1 : n > 2 && isPlaceWord(`${firstKey} ${keys[1]}`) ? 2 : 0;
  if (placeWords > 0 && !placeSuffixes.has(lastKey) && !firstNames.has(keys[placeWords]!) &&
    !keys.slice(placeWords).every((k) => isPlaceWord(k))) {
    return typing("organization", MEDIUM, "place-then-name");
  }
  // A word before a city's name: mostly clubs and firms ("Bayer Leverkusen", "Inter Milan").
  if (n === 2 && cities.has(lastKey) && !isPlaceWord(firstKey) && !COMPASS.has(firstKey) && !peopleNames.has(lastKey) &&
    !isCommon(firstKey)) {
    return typing("organization", WEAK, "name-then-city");
  }
  // "Major League Baseball", "National Party Conference": ordinary words around the head of an
  // organisation's name (a head as the last word is org-suffix, above).
  const everyday = keys.every((k) => isCommon(k) || nameConnectors.has(k));
  if (everyday && n <= 4 && keys.slice(1, -1).some((k) => ORG_HEADS.has(k) && !LOOSE_HEADS.has(k))) {
    return typing("organization", WEAK, "org-head-inside");
  }
  // Capitalised ordinary words ("Best New Artist", "Classic Rock") are titles of works, not names.
  if (everyday) return typing("person", NONE, "common-words");
  if (demonyms.has(firstKey) && n === 2 && knownNames.get(lastKey) !== "person") return undefined;
  if (saidAround(ctx, i, j) && !keys.some((k) => isCommon(k))) return typing("person", WEAK, "said");
  if (!isVeryCommon(firstKey) && keys.every((k) => (peopleNames.has(k) && !titles.has(k)) || nameConnectors.has(k))) {
    return typing("person", MEDIUM, "people-names");
  }
  if (knownNames.get(lastKey) === "place" && knownNames.get(firstKey) === "place") return typing("place", WEAK, "place-pair");
  // Unknown words: a person if it ends like a surname, else counted only if the article types it.
  if (peopleNames.has(lastKey) && !isVeryCommon(lastKey) && !isVeryCommon(firstKey)) {
    return typing("person", WEAK, "surname-end");
  }
  // Surname first ("Wang Shichong", "Kojima Minoru") with no ordinary word in it.
  if (n <= 3 && peopleNames.has(firstKey) && !keys.some((k) => isVeryCommon(k) || ctx.lowerSeen.has(k))) {
    return typing("person", WEAK, "surname-first");
  }
  const nameWords = keys.filter((k) => !nameConnectors.has(k));
  if (nameWords.length <= 3 && SURNAME_ENDING.test(lastKey) && !nameWords.some((k) => isVeryCommon(k))) {
    return typing("person", WEAK, "surname-ending");
  }
  // "Dick Cheney", "Art Ross": a given name that is also an English word, then a surname that is not one.
  if (n === 2 && peopleNames.has(firstKey) && peopleNames.has(lastKey) && !commonWords.has(lastKey) && !cities.has(lastKey)) {
    return typing("person", WEAK, "surname-end");
  }
  return typing("person", NONE, "default-multi");
}

/** A single word: acronyms, ordinary words, name lists, the words around it. */
function classifyWord(ctx: Ctx, i: number, j: number, key: string, thePlural: boolean): Typing | undefined {
  const t = ctx.tokens[i]!;
  if (demonyms.has(key) || nonNames.has(key) || titles.has(key) || /(ish|ese)$/.test(key) && !firstNames.has(key)) {
    return typing("person", NONE, "non-name");
  }
  // "Im sure", "Yo what", "LMAO": a chat word alone (not "Im" of "Im Yoon-ah", a run of names).
  if (CHAT_WORDS.has(key)) return typing("person", NONE, "chat-word");
  // "23 KOs", "the GIFs", "MPs": an acronym's plural is a common noun, not a name (nor the island of Kos).
  if (t.text.endsWith("s") && /^\p{Lu}{2,}s$/u.test(t.text)) return typing("person", NONE, "non-name");
  if (/^\p{L}\.?$/u.test(t.text)) return undefined;
  if (thePlural) return typing("organization", MEDIUM, "the-plural");
  const letters = ctx.shapes[i]! & ALL_CAPS && !ctx.shouting.has(t.sent) ? t.text.replace(/\./g, "").length : Infinity;
  if (letters <= 6) {
    // Jargon, and ordinary words written in capitals for emphasis ("ERA", "HUGE").
    if (ORG_ACRONYM_STOP.has(key) || commonWords.has(key)) return typing("organization", NONE, "acronym-stop");
    // Two-letter capitals are mostly codes and abbreviations ("NY", "TV"), not organisations.
    if (letters < 3) return typing("organization", NONE, "acronym-2");
    return typing("organization", MEDIUM, "acronym");
  }
  // An ordinary word capitalised mid-sentence is a name only if it is a rarer word ("Trump")
  // that the article never writes in lower case.
  // At a sentence's start, the surname of a well-known person before a possessive, a colon or a
  // speech verb is that person too ("Trump's plan", "Trump: ...", "Trump said").
  const rarer = rarerWords.has(key) && !ctx.lowerSeen.has(key) && (!t.sentStart || (wellKnownSurnames.has(key) && ownsOrSpeaks(ctx, j)));
  // "the League", "the Commission": the head of an organisation's name, capitalised after "the"
  // mid-sentence, stands for the organisation the article names.
  if (ORG_HEADS.has(key) && !t.sentStart && !ctx.shouting.has(t.sent) && ctx.tokens[i - 1]?.text === "the") {
    return typing("organization", MEDIUM, "org-head");
  }
  // "Smith said": a surname that is also an English word, before a speech verb, where the
  // article never writes the word in lower case.
  const saidName = peopleNames.has(key) && !ctx.lowerSeen.has(key) && !STARTERS.has(key) && saidAround(ctx, i, j);
  if (!saidName && ((commonWords.has(key) && !rarer) || ctx.lowerSeen.has(key) || orgSuffixes.has(key) || placeSuffixes.has(key))) {
    return typing("person", NONE, "common-word");
  }
  if (saidAround(ctx, i, j)) return typing("person", WEAK, "said");
  const ctxType = guessByContext(ctx, i);
  if (ctxType === "place") return typing("place", WEAK, "context-place-1");
  if (companyWords.has(key)) return typing("organization", MEDIUM, "company");
  // "Merkel", "Putin": the surname of the one well-known person who has it (not an English word).
  if (wellKnownSurnames.has(key) && !commonWords.has(key)) return typing("person", MEDIUM, "well-known-surname");
  if (cities.has(key)) return typing("place", MEDIUM, "city-1");
  if (firstNames.has(key) || peopleNames.has(key)) return typing("person", MEDIUM, "name-list-1");
  if (PLACE_ENDING.test(key)) return typing("place", WEAK, "place-ending");
  // "encamped at Condo-Condo", "the station at Karmali": a word no list knows, after "at", is a place
  // (a known firm or school after "at" was typed above).
  if (ctx.keys[i - 1] === "at" && isLower(ctx, i - 1)) return typing("place", WEAK, "context-place-1");
  // An unknown lone word: counted only if the article types it elsewhere.
  return typing("person", NONE, "default-1");
}

/** The name ending at token j is followed by a possessive, a colon or a speech verb. */
function ownsOrSpeaks(ctx: Ctx, j: number): boolean {
  const next = ctx.tokens[j + 1];
  return next !== undefined && (next.kind === "poss" || next.text === ":" || (next.kind === "word" && SPEECH.has(ctx.keys[j + 1]!)));
}

/** Token i is an acronym of three to six capitals that is not jargon or an ordinary word ("CBS", not "CEO", "HUGE" or "CH-53"). */
function acronymAt(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  if (!(ctx.shapes[i]! & ALL_CAPS) || ctx.shouting.has(t.sent)) return false;
  const key = ctx.keys[i]!;
  return /^(\p{Lu}\.?){3,6}$/u.test(t.text) && !ORG_ACRONYM_STOP.has(key) && !commonWords.has(key) && !nonNames.has(key) &&
    !isPlaceWord(key) && !aliases.has(key);
}

/** "X said", "X, who", '"...," said X.': the name is a person's. */
function saidAround(ctx: Ctx, i: number, j: number): boolean {
  const next = ctx.tokens[j + 1];
  // After a quotation: '"...," said Okafor.' (the speech verb right before, a comma or quote before it).
  const prev = ctx.tokens[i - 1];
  if (prev?.kind === "word" && SPEECH.has(ctx.keys[i - 1]!) && /^[,"”'’]$/u.test(ctx.tokens[i - 2]?.text ?? "") &&
    (!next || next.kind === "punct")) return true;
  if (!next) return false;
  if (next.kind === "word") return SPEECH.has(ctx.keys[j + 1]!);
  return next.text === "," && ctx.keys[j + 2] === "who";
}

/** Context clue from the word before a name ("in Oslo" -> place). */
function guessByContext(ctx: Ctx, i: number): EntityType | undefined {
  const prev = i > 0 ? ctx.tokens[i - 1]! : undefined;
  if (!prev || prev.kind !== "word") return undefined;
  const key = ctx.keys[i - 1]!;
  if (placePrepositions.has(key)) return "place";
  // "across the Rhine", "to the Ilocos": a place preposition, then "the".
  if (key === "the" && isLower(ctx, i - 1) && ctx.tokens[i - 2]?.kind === "word" && placePrepositions.has(ctx.keys[i - 2]!)) return "place";
  return undefined;
}

/** Index of the first of two keys in `keys`, or -1 (no closure per call: this runs for every name). */
function firstOf(keys: string[], a: string, b: string): number {
  for (let k = 0; k < keys.length; k++) if (keys[k] === a || keys[k] === b) return k;
  return -1;
}
