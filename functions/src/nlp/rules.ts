// Finding and typing name mentions: capitalised runs of tokens are cut into
// candidate names, titles and sentence-initial common words are dropped, and
// each candidate is typed from lexicons, name suffixes and context.
import {
  aliases, calendarWords, cities, companyWords, commonWords, demonyms, firstNames, knownNames, nameConnectors,
  nonNames, rarerWords, ofHeadsOrg, ofHeadsPlace, orgSuffixes, peopleNames, placePrepositions,
  placeSuffixes, titles,
} from "./lexicon.js";
import { isAllCaps, isCapitalised, wordKey } from "./normalize.js";
import type { Token } from "./tokenize.js";
import type { EntityType } from "./types.js";

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

const CLUB_PREFIX = new Set(["fc", "afc", "cf", "ac", "sc", "sv", "vfb", "vfl", "tsv", "fk", "nk", "sk", "cd", "ud",
  "rc", "rcd", "ssc", "psv", "bsc", "ks", "gks", "olympique", "sporting", "atletico", "atlético", "real", "dynamo", "dinamo"]);

// Known acronyms that are also ordinary words: names only when written in capitals.
const CAPS_ONLY = new Set(["who", "aids", "nice", "ira", "eta", "cap", "ace"]);

// First words of named events and storms (not people, places or organisations).
const EVENT_HEADS = new Set(["hurricane", "typhoon", "cyclone", "storm", "tropical", "operation", "battle",
  "siege", "treaty", "festival", "cup", "championship", "championships", "olympics", "grand"]);

// Lower-case particles inside personal and place names.
const PARTICLES = new Set(["de", "da", "del", "della", "di", "do", "dos", "das", "du", "des", "la", "le",
  "van", "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "y"]);

// Words that modify a following title ("Prime Minister", "Foreign Secretary").
const TITLE_MODIFIERS = new Set([
  "vice", "prime", "first", "former", "late", "deputy", "foreign", "defence", "defense", "finance",
  "interior", "health", "state", "opposition", "chief", "acting", "interim", "assistant", "senior",
  "junior", "lord", "lady", "grand", "crown",
]);
const ALWAYS_TITLE = new Set([...titles].filter((t) => !TITLE_MODIFIERS.has(t)));

// Sentence-initial words that are never the start of a name.
const STARTERS = new Set([
  "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while", "after",
  "before", "as", "so", "then", "this", "that", "these", "those", "there", "here", "with", "from",
  "by", "to", "of", "since", "although", "though", "because", "under", "over", "during", "despite",
  "according", "meanwhile", "however", "also", "yet", "now", "today", "yesterday", "why", "how",
  "what", "where", "who", "which", "is", "are", "was", "were", "will", "would", "can", "could",
  "should", "my", "our", "his", "her", "their", "its", "your", "i", "we", "you", "he", "she", "it",
  "they", "do", "does", "did", "not", "no", "yes", "all", "some", "many", "most", "both", "each",
  "every", "one", "two", "new", "last", "next", "former", "about", "against", "among", "between",
  "into", "through", "unlike", "like", "via", "per", "even", "just", "only", "still", "rt", "via",
]);

const ORG_ACRONYM_STOP = new Set([
  "ceo", "cfo", "coo", "cto", "gdp", "tv", "ok", "am", "pm", "usd", "eur", "gbp", "phd", "mp",
  "dj", "mc", "id", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "lol", "omg",
  "rt", "dm", "pc", "ai", "vr", "ar", "hd", "dvd", "cd", "ad", "bc", "ce", "vs", "ft", "mph",
  "km", "kg", "lb", "oz", "mm", "cm", "ml", "hq", "pr", "faq", "ps", "pps", "aka", "diy", "etc",
  "wtf", "idk", "imo", "tbh", "btw", "fyi", "asap", "tba", "tbd", "rip", "nsfw", "ootd", "irl",
  "lmao", "smh", "ftw", "yolo", "ppl", "plz", "thx", "mvp", "ufo", "usb", "gps", "atm", "pin",
  "dna", "rna", "hiv", "aids", "sars", "covid", "ipo", "vip", "tldr", "stfu", "ama", "itt",
  "til", "eli5", "imho", "afaik", "tbt", "gtfo", "lmfao", "rofl", "brb", "jk", "nvm", "ikr", "idc",
  "ily", "omw", "pov", "op", "ootd", "gg", "gl", "hf", "wip", "nsfl", "psa", "fomo", "goat",
  "ngl", "iirc", "tfw", "mfw", "hmu", "icymi", "tl", "dr", "aa", "xd", "uk.", "tba", "com", "sql",
  "tls", "ssl", "api", "sdk", "cpu", "gpu", "ram", "ssd", "os", "ui", "ux", "seo", "qa",
]);

interface Ctx {
  tokens: Token[];
  keys: string[];
  /** Sentences written in capitals only (headlines), where capitals say nothing. */
  shouting: Set<number>;
  /** Words the article also uses in lower case: a capital there is just sentence position. */
  lowerSeen: Set<string>;
}

/** Find and type the name mentions in a tokenised text. */
export function findMentions(tokens: Token[], shouting: Set<number>): Mention[] {
  const ctx = buildContext(tokens, shouting);
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameToken(ctx, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length) {
      if (isNameToken(ctx, j + 1) && tokens[j + 1]!.sent === tokens[i]!.sent) {
        j++;
        continue;
      }
      const skip = connectorSpan(ctx, i, j);
      if (skip > 0) {
        j += skip + 1;
        continue;
      }
      break;
    }
    splitRun(ctx, i, j, out, lowerTitleBefore(ctx, i), lowerTitleAfter(ctx, j));
    i = j + 1;
  }
  return out;
}

function buildContext(tokens: Token[], shouting: Set<number>): Ctx {
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

function knownAsName(key: string): boolean {
  return knownNames.has(key) || aliases.has(key) || firstNames.has(key);
}

/** Can token i be part of a name? */
function isNameToken(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i]!;
  if (t.kind !== "word") return false;
  const key = ctx.keys[i]!;
  if (calendarWords.has(key) || !/\p{L}/u.test(t.text)) return false;
  if (ctx.shouting.has(t.sent)) {
    // In a headline in capitals, only words that are not ordinary English count.
    if (STARTERS.has(key) || nonNames.has(key)) return false;
    if (knownAsName(key) || titles.has(key)) return true;
    return !commonWords.has(key) && !ctx.lowerSeen.has(key);
  }
  if (isCapitalised(t.text)) return true;
  // Informal text writes well-known places and firms in lower case ("flying to canada").
  return key.length >= 4 && knownNames.has(key) && knownNames.get(key) !== "person" && !commonWords.has(key) &&
    !firstNames.has(key) && !peopleNames.has(key);
}

/** Number of connector tokens ("of", "de", "&", "of the") joining run [i..j] to a name token. */
function connectorSpan(ctx: Ctx, i: number, j: number): number {
  const { tokens, keys } = ctx;
  const a = tokens[j + 1];
  if (!a || a.kind === "poss" || a.sent !== tokens[i]!.sent) return 0;
  const k1 = a.text === "&" ? "&" : a.kind === "word" && /^\p{Ll}/u.test(a.text) ? keys[j + 1]! : "";
  if (!nameConnectors.has(k1)) return 0;
  let n = 1;
  if ((k1 === "of" || k1 === "for") && keys[j + 2] === "the" && tokens[j + 2]?.text === "the") n = 2;
  // "Ursula von der Leyen", "Charles de la Roche": two particles in a row.
  else if (PARTICLES.has(k1) && PARTICLES.has(keys[j + 2] ?? "") && /^\p{Ll}/u.test(tokens[j + 2]?.text ?? "")) n = 2;
  if (!isNameToken(ctx, j + n + 1)) return 0;
  const head = keys[j]!;
  const runKeys = keys.slice(i, j + 1);
  if (k1 === "of") return ofHeadsOrg.has(head) || ofHeadsPlace.has(head) ? n : 0;
  if (k1 === "and") return 0; // lists: "Apple and Google" are two names
  if (k1 === "for" || k1 === "on" || k1 === "upon" || k1 === "the") {
    // "Centre for Policy Studies", "Society for ...": only after an organisation word.
    return runKeys.some((k) => orgSuffixes.has(k) || ofHeadsOrg.has(k)) && k1 !== "the" ? n : 0;
  }
  // "Procter & Gamble" is one name; "Ann Lee & Bo Chan" are two.
  if (k1 === "&" && j > i) return 0;
  return n; // de, van, bin, &, ...
}

/** Cut a capitalised run at titles, then drop sentence-initial noise and type each part. */
function splitRun(ctx: Ctx, i: number, j: number, out: Mention[], titled: boolean, beforeTitle: boolean): void {
  const keys = ctx.keys;
  // A run ending in an organisation or place word is one name, even with a title inside
  // ("General Motors", "Prince Edward Island").
  if (j > i && (orgSuffixes.has(keys[j]!) || placeSuffixes.has(keys[j]!))) {
    emit(ctx, trimStart(ctx, i, j), j, false, out);
    return;
  }
  // Find the last title run that has name words after it: "US President Joe Biden".
  let t = -1;
  for (let k = j - 1; k >= i; k--) {
    if (isTitleAt(ctx, k, j, i)) {
      t = k;
      break;
    }
  }
  if (t < 0) {
    emit(ctx, trimStart(ctx, i, j), j, titled, out, beforeTitle);
    return;
  }
  let s = t;
  while (s - 1 >= i && isTitleAt(ctx, s - 1, j, i)) s--;
  if (s > i) {
    const left = trimStart(ctx, i, s - 1);
    if (left <= s - 1) emit(ctx, left, s - 1, false, out, true);
  }
  emit(ctx, t + 1, j, true, out);
}

// Job words written in lower case between an employer and a name ("Acme boss Ann Lee").
const JOB_WORDS = new Set(["executive", "boss", "founder", "co-founder", "owner", "spokesman",
  "spokeswoman", "spokesperson", "chairman", "chairwoman", "analyst", "economist", "manager",
  "coach", "striker", "midfielder", "defender", "goalkeeper", "president", "minister", "leader",
  "secretary", "chancellor", "premier", "governor", "mayor", "senator", "ceo", "chief", "head",
  "director", "adviser", "advisor", "official", "officer", "ambassador", "envoy", "commander",
  "general", "judge", "lawyer", "attorney", "prosecutor", "professor", "researcher", "scientist",
  "reporter", "correspondent", "editor", "star", "singer", "actor", "actress", "rapper", "player",
  "forward", "captain", "skipper", "champion", "counterpart", "rival", "colleague", "deputy"]);

/** "... said police spokesman Ann Lee": lower-case job words right before a name. */
function lowerTitleBefore(ctx: Ctx, i: number): boolean {
  let k = i - 1;
  let job = false;
  while (k >= 0 && i - k <= 3 && ctx.tokens[k]!.kind === "word" && /^\p{Ll}/u.test(ctx.tokens[k]!.text)) {
    const key = ctx.keys[k]!;
    if (JOB_WORDS.has(key) || ALWAYS_TITLE.has(key)) job = true;
    else if (!TITLE_MODIFIERS.has(key)) break;
    k--;
  }
  return job && i - 1 >= 0 && (JOB_WORDS.has(ctx.keys[i - 1]!) || ALWAYS_TITLE.has(ctx.keys[i - 1]!));
}

/** "Acme chief executive Ann Lee": the run before lower-case job words and a name. */
function lowerTitleAfter(ctx: Ctx, j: number): boolean {
  let k = j + 1;
  while (k < ctx.tokens.length && k - j <= 3 && ctx.tokens[k]!.kind === "word" && /^\p{Ll}/u.test(ctx.tokens[k]!.text) &&
    (JOB_WORDS.has(ctx.keys[k]!) || TITLE_MODIFIERS.has(ctx.keys[k]!))) k++;
  return k > j + 1 && JOB_WORDS.has(ctx.keys[k - 1]!) && isNameToken(ctx, k) && ctx.tokens[k]!.sent === ctx.tokens[j]!.sent;
}

function isTitleAt(ctx: Ctx, k: number, j: number, i = k): boolean {
  const key = ctx.keys[k]!;
  // After a given name a title word is a surname: "Stephen King", "Martin Luther King".
  if (k > i && firstNames.has(ctx.keys[k - 1]!) && !TITLE_MODIFIERS.has(ctx.keys[k - 1]!)) return false;
  if (ALWAYS_TITLE.has(key)) return true;
  // A modifier counts only before another title ("Prime Minister", not "Prime Video").
  return TITLE_MODIFIERS.has(key) && k + 1 <= j && isTitleAt(ctx, k + 1, j);
}

/** Skip sentence-initial common words ("The", "In", "When") at the start of a run. */
function trimStart(ctx: Ctx, i: number, j: number): number {
  let s = i;
  while (s <= j) {
    const t = ctx.tokens[s]!;
    const key = ctx.keys[s]!;
    const initial = t.sentStart || ctx.shouting.has(t.sent);
    if (STARTERS.has(key) && (initial || key === "the")) {
      if (key === "the" && !initial && s + 1 <= j && orgLike(ctx, s + 1, j)) break; // "The Guardian"
      s++;
      continue;
    }
    if (initial && !knownAsName(key) && (commonWords.has(key) || nonNames.has(key) || ctx.lowerSeen.has(key))) {
      // "Police said", "Residents of Oslo": a capital only because the sentence starts here.
      if (s === j || !firstNames.has(key)) {
        s++;
        continue;
      }
    }
    break;
  }
  return s;
}

function orgLike(ctx: Ctx, i: number, j: number): boolean {
  return orgSuffixes.has(ctx.keys[j]!) || knownNames.get(ctx.keys.slice(i, j + 1).join(" ")) === "organization";
}

function emit(ctx: Ctx, i: number, j: number, titled: boolean, out: Mention[], beforeTitle = false): void {
  // Connectors cannot end a name; a lone initial is not a name.
  while (j >= i && !isNameToken(ctx, j)) j--;
  if (j < i) return;
  const keys = ctx.keys.slice(i, j + 1);
  const key = keys.join(" ");
  let typed = classify(ctx, i, j, keys, key, titled);
  // "Acme chief executive Ann Lee": an unknown name before a job title is the employer.
  if (beforeTitle && typed && typed.strength === NONE && typed.why.startsWith("default")) {
    typed = { type: "organization", strength: WEAK, why: "before-title" };
  }
  if (typed) out.push({ first: i, last: j, key, ...typed });
}

function classify(
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
    !ctx.tokens[i]!.sentStart && !demonyms.has(lastKey);
  if (n > 1) {
    if (keys.every((k) => titles.has(k) || TITLE_MODIFIERS.has(k))) return undefined; // "First Lady"
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
    if (firstNames.has(firstKey) && !knownNames.has(firstKey)) return { type: "person", strength: MEDIUM, why: "first-name" };
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
    if (saidAfter(ctx, j) && !keys.some((k) => isCommon(k))) return { type: "person", strength: WEAK, why: "said" };
    if (keys.every((k) => peopleNames.has(k) || nameConnectors.has(k))) return { type: "person", strength: MEDIUM, why: "people-names" };
    if (knownNames.get(lastKey) === "place" && knownNames.get(firstKey) === "place") return { type: "place", strength: WEAK, why: "place-pair" };
    // Unknown words: a person if it ends like a surname, else counted only if the article types it.
    if (peopleNames.has(lastKey) && !isVeryCommon(lastKey)) return { type: "person", strength: WEAK, why: "surname-end" };
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
  if (saidAfter(ctx, j)) return { type: "person", strength: WEAK, why: "said" };
  const ctxType = guessByContext(ctx, i);
  if (ctxType === "place") return { type: "place", strength: WEAK, why: "context-place-1" };
  if (companyWords.has(key)) return { type: "organization", strength: MEDIUM, why: "company" };
  if (cities.has(key)) return { type: "place", strength: MEDIUM, why: "city-1" };
  if (firstNames.has(key) || peopleNames.has(key)) return { type: "person", strength: MEDIUM, why: "name-list-1" };
  if (PLACE_ENDING.test(key)) return { type: "place", strength: WEAK, why: "place-ending" };
  // An unknown lone word: counted only if the article types it elsewhere.
  return { type: "person", strength: NONE, why: "default-1" };
}

const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western",
  "upper", "lower", "central", "greater", "northeast", "northwest", "southeast", "southwest", "inner", "outer"]);

// Endings typical of surnames in many languages (Petrenko, Kowalczyk, Ivanova, Popescu,
// Papadopoulos, Hovhannisyan, Yilmazoglu, Jovanovic, Fernandez).
const SURNAME_ENDING = /(enko|chuk|czuk|czyk|ovich|evich|owicz|ewicz|ovic|evic|ović|ević|escu|opoulos|akis|idis|yan|ian|oglu|oğlu|ov|ova|ev|eva|ski|ska|sky|skaya|dze|shvili|ez|son|sen|sson|stein|berg|mann)$/u;

// Endings of town names in English and neighbouring languages (-burg, -ville, -shire, ...).
const PLACE_ENDING = /(burg|burgh|bourg|ville|shire|stan|polis|grad|abad|pur|caster|chester|borough|bury|mouth|sund|hafen|heim|ovo|evo)$/u;

function isPlaceWord(key: string): boolean {
  return knownNames.get(key) === "place" || cities.has(key) || aliases.get(key)?.type === "place";
}

/** Common, and not one of the rarer words that double as surnames ("Musk", "Rice"). */
function isVeryCommon(key: string): boolean {
  return isCommon(key) && !rarerWords.has(key);
}

function isCommon(key: string): boolean {
  return commonWords.has(key) && !knownNames.has(key) && !firstNames.has(key);
}

const PLACE_PREFIX = new Set(["st", "saint", "mount", "mt", "lake", "cape", "fort", "port", "san", "santa", "sierra", "isla", "rio", "lago", "monte", "gulf", "isle"]);

const SPEECH = new Set(["said", "says", "told", "added", "tweeted", "wrote", "argued", "claimed", "insisted",
  "warned", "explained", "stated", "admitted", "denied", "recalled", "asked", "replied", "noted"]);

/** "X said", "X, who": the name is a person's. */
function saidAfter(ctx: Ctx, j: number): boolean {
  const next = ctx.tokens[j + 1];
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
