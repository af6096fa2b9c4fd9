// Typing one candidate name as a person, organisation or place, from lexicons,
// name suffixes and prefixes, titles and the words around it.
import {
  aliases, cities, companyWords, commonWords, demonyms, firstNames, knownNames, nameConnectors,
  nonNames, ofHeadsOrg, ofHeadsPlace, orgSuffixes, peopleNames, placePrepositions, placeSuffixes, rarerWords, titles,
} from "./lexicon.js";
import { isCommon, isPlaceWord, isVeryCommon, MEDIUM, NONE, STRONG, WEAK, type Ctx, type Strength } from "./context.js";
import { isAllCaps } from "./normalize.js";
import type { EntityType } from "./types.js";
import {
  CAPS_ONLY, CLUB_PREFIX, COMPASS, EVENT_HEADS, MISC_TAILS, ORG_ACRONYM_STOP, PLACE_ENDING, PLACE_PREFIX, SPEECH, SURNAME_ENDING,
  TITLE_MODIFIERS,
} from "./words.js";

export function classify(
  ctx: Ctx, i: number, j: number, keys: string[], key: string, titled: boolean,
): { type: EntityType; strength: Strength; why: string } | undefined {
  const n = keys.length;
  const firstKey = keys[0]!;
  const lastKey = keys[n - 1]!;
  const alias = aliases.get(key);
  if (alias && (n > 1 || isAllCaps(ctx.tokens[i]!.text) || key === "america" || key === "britain")) {
    return { type: alias.type, strength: STRONG, why: "alias" };
  }
  let known = knownNames.get(key);
  // "WHO" is the health agency; "Who" in "Doctor Who" or a question is not.
  if (n === 1 && CAPS_ONLY.has(key) && !isAllCaps(ctx.tokens[i]!.text)) known = undefined;
  if (known === "person" && n === 1 && cities.has(key)) known = "place"; // "Houston", "Sydney"
  if (known && !(titled && known !== "person")) return { type: known, strength: STRONG, why: "lexicon" };
  if (n > 1 && EVENT_HEADS.has(firstKey)) return undefined; // "Hurricane Milton", "Operation Overlord"
  if (titled) return { type: "person", strength: STRONG, why: "title" };
  const thePlural = i > 0 && ctx.tokens[i - 1]!.text === "the" && /[^s]s$/.test(lastKey) && !isPlaceWord(key) &&
    !ctx.tokens[i]!.sentStart && !demonyms.has(lastKey) && !isVeryCommon(lastKey); // not "the States"
  if (n > 1) {
    if (keys.every((k) => titles.has(k) || TITLE_MODIFIERS.has(k))) return undefined; // "First Lady"
    if (MISC_TAILS.has(lastKey)) return undefined; // "Clean Air Act", "Nobel Prize", "World Cup"
    if (orgSuffixes.has(lastKey)) return { type: "organization", strength: STRONG, why: "org-suffix" };
    // Club prefixes: "FC Basel", "AC Milan", "VfB Stuttgart".
    if (CLUB_PREFIX.has(firstKey)) return { type: "organization", strength: STRONG, why: "club-prefix" };
    const of = keys.indexOf("of");
    if (of > 0) {
      const head = keys[of - 1]!;
      if (ofHeadsOrg.has(head)) return { type: "organization", strength: STRONG, why: "org-of" };
      if (ofHeadsPlace.has(head)) return { type: "place", strength: STRONG, why: "place-of" };
    }
    if (placeSuffixes.has(lastKey) || PLACE_PREFIX.has(firstKey)) return { type: "place", strength: STRONG, why: "place-suffix" };
    // "the Rolling Stones", "the Boston Celtics": a capitalised plural after "the" names a team or band.
    if (thePlural) return { type: "organization", strength: MEDIUM, why: "the-plural" };
    // "West Jersey", "Southern Sudan", "Greater Manchester".
    if (COMPASS.has(firstKey) && !orgSuffixes.has(lastKey) && !isCommon(lastKey)) return { type: "place", strength: MEDIUM, why: "compass" };
    if (cities.has(key)) return { type: "place", strength: MEDIUM, why: "city" };
    // A given name first: "Warren Buffett" even though Warren is also a town ("Houston Rockets" is not).
    const givenName = firstNames.has(firstKey) || knownNames.get(firstKey) === "person";
    if (givenName && (!knownNames.has(firstKey) || (!isCommon(lastKey) && !isPlaceWord(lastKey)))) {
      return { type: "person", strength: MEDIUM, why: "first-name" };
    }
    // A place name followed by other name words: "Boston Bruins", "Perth Glory", "CBS Cable".
    if (isPlaceWord(firstKey) && !placeSuffixes.has(lastKey) && !firstNames.has(keys[1]!) &&
      !keys.slice(1).every((k) => isPlaceWord(k))) {
      return { type: "organization", strength: MEDIUM, why: "place-then-name" };
    }
    // A word before a city's name: mostly clubs and firms ("Bayer Leverkusen", "Inter Milan").
    if (n === 2 && cities.has(lastKey) && !isPlaceWord(firstKey) && !COMPASS.has(firstKey) && !peopleNames.has(lastKey) &&
      !isCommon(firstKey)) {
      return { type: "organization", strength: WEAK, why: "name-then-city" };
    }
    // Capitalised ordinary words ("Best New Artist", "Classic Rock") are titles of works, not names.
    if (keys.every((k) => isCommon(k) || nameConnectors.has(k))) return { type: "person", strength: NONE, why: "common-words" };
    if (demonyms.has(firstKey) && n === 2 && knownNames.get(lastKey) !== "person") return undefined;
    if (saidAround(ctx, i, j) && !keys.some((k) => isCommon(k))) return { type: "person", strength: WEAK, why: "said" };
    if (!isVeryCommon(firstKey) && keys.every((k) => (peopleNames.has(k) && !titles.has(k)) || nameConnectors.has(k))) {
      return { type: "person", strength: MEDIUM, why: "people-names" };
    }
    if (knownNames.get(lastKey) === "place" && knownNames.get(firstKey) === "place") return { type: "place", strength: WEAK, why: "place-pair" };
    // Unknown words: a person if it ends like a surname, else counted only if the article types it.
    if (peopleNames.has(lastKey) && !isVeryCommon(lastKey) && !isVeryCommon(firstKey)) {
      return { type: "person", strength: WEAK, why: "surname-end" };
    }
    // Surname first ("Wang Shichong", "Kojima Minoru") with no ordinary word in it.
    if (n <= 3 && peopleNames.has(firstKey) && !keys.some((k) => isVeryCommon(k) || ctx.lowerSeen.has(k))) {
      return { type: "person", strength: WEAK, why: "surname-first" };
    }
    const nameWords = keys.filter((k) => !nameConnectors.has(k));
    if (nameWords.length <= 3 && SURNAME_ENDING.test(lastKey) && !nameWords.some((k) => isVeryCommon(k))) {
      return { type: "person", strength: WEAK, why: "surname-ending" };
    }
    return { type: "person", strength: NONE, why: "default-multi" };
  }
  // One word.
  const t = ctx.tokens[i]!;
  if (demonyms.has(key) || nonNames.has(key) || titles.has(key) || /(ish|ese)$/.test(key) && !firstNames.has(key)) {
    return { type: "person", strength: NONE, why: "non-name" };
  }
  if (/^\p{L}\.?$/u.test(t.text)) return undefined;
  if (thePlural) return { type: "organization", strength: MEDIUM, why: "the-plural" };
  if (isAllCaps(t.text) && !ctx.shouting.has(t.sent) && t.text.replace(/\./g, "").length <= 6) {
    // Jargon, and ordinary words written in capitals for emphasis ("ERA", "HUGE").
    if (ORG_ACRONYM_STOP.has(key) || commonWords.has(key)) return { type: "organization", strength: NONE, why: "acronym-stop" };
    // Two-letter capitals are mostly codes and abbreviations ("NY", "TV"), not organisations.
    if (t.text.replace(/\./g, "").length < 3) return { type: "organization", strength: NONE, why: "acronym-2" };
    return { type: "organization", strength: MEDIUM, why: "acronym" };
  }
  // An ordinary word capitalised mid-sentence is a name only if it is a rarer word ("Trump")
  // that the article never writes in lower case.
  const rarer = rarerWords.has(key) && !t.sentStart && !ctx.lowerSeen.has(key);
  if ((commonWords.has(key) && !rarer) || ctx.lowerSeen.has(key) || orgSuffixes.has(key) || placeSuffixes.has(key)) {
    return { type: "person", strength: NONE, why: "common-word" };
  }
  if (saidAround(ctx, i, j)) return { type: "person", strength: WEAK, why: "said" };
  const ctxType = guessByContext(ctx, i);
  if (ctxType === "place") return { type: "place", strength: WEAK, why: "context-place-1" };
  if (companyWords.has(key)) return { type: "organization", strength: MEDIUM, why: "company" };
  if (cities.has(key)) return { type: "place", strength: MEDIUM, why: "city-1" };
  if (firstNames.has(key) || peopleNames.has(key)) return { type: "person", strength: MEDIUM, why: "name-list-1" };
  if (PLACE_ENDING.test(key)) return { type: "place", strength: WEAK, why: "place-ending" };
  // An unknown lone word: counted only if the article types it elsewhere.
  return { type: "person", strength: NONE, why: "default-1" };
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
  return undefined;
}
