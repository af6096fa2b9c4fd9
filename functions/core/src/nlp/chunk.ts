// Cutting text into candidate names: runs of capitalised tokens joined by name
// particles ("de", "of"), split at titles ("US President Joe Biden"), with
// sentence-initial common words dropped. Each candidate is typed by rules.ts.
import {
  cities, commonWords, demonyms, firstNames, peopleNames, knownNames, nameConnectors, nonNames, ofHeadsOrg, ofHeadsPlace, orgSuffixes, phrases, placeSuffixes,
  wellKnownPeople, wellKnownSurnames,
} from "./lexicon.js";
import { isCommon, isLower, isNameToken, isPlaceWord, knownAsName, mention, type Ctx, type Mention } from "./context.js";
import { handlePersonName, isGivenNameHandle, isOrgHandle } from "./handles.js";
import { isUnknown, MEDIUM, NONE, STRONG, typing, WEAK } from "./rule.js";
import { classify, isPluralAfterThe } from "./rules.js";
import { MAX_ENTITY_CHARS, MAX_SPAN_TOKENS } from "./limits.js";
import { isAllCaps, isCapitalised } from "./normalize.js";
import {
  ALWAYS_TITLE, CHAT_WORDS, CLOSE_QUOTES, CLUB_PREFIX, EPONYM_HEADS, EVENT_HEADS, HALL_OF, JOB_WORDS, OPEN_QUOTES, PARTICLES, ROUTE_HEADS, STARTERS, TITLE_MODIFIERS,
} from "./words.js";

/** Find and type the name mentions in a tokenised text. */
export function findMentions(ctx: Ctx): Mention[] {
  const tokens = ctx.tokens;
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    ctx.meter.tick();
    if (!isNameToken(ctx, i)) {
      if (tokens[i]!.kind === "handle") handleMention(ctx, i, out);
      else if (isLower(ctx, i) && firstNames.has(ctx.keys[i]!)) i += lowerFullName(ctx, i, out); // cheap test first
      i++;
      continue;
    }
    let j = i;
    let orgWord = isOrgWord(ctx.keys[i]!); // an organisation word so far lets "for" join ("Centre for ...")
    while (j + 1 < tokens.length) {
      ctx.meter.tick();
      if (isNameToken(ctx, j + 1) && tokens[j + 1]!.sent === tokens[i]!.sent) {
        j++;
        orgWord ||= isOrgWord(ctx.keys[j]!);
        continue;
      }
      const skip = connectorSpan(ctx, i, j, orgWord) || nicknameSpan(ctx, i, j) || possessiveSpan(ctx, i, j);
      if (skip > 0) {
        j += skip + 1;
        orgWord ||= isOrgWord(ctx.keys[j]!);
        continue;
      }
      break;
    }
    if (j - i < MAX_SPAN_TOKENS) splitRun(ctx, i, j, out, lowerTitleBefore(ctx, i), lowerTitleAfter(ctx, j));
    else splitLongRun(ctx, i, j, out);
    i = j + 1;
  }
  return out;
}

/**
 * "@MariaLopez", "@lisagonzalez": a handle that spells a person's name is that person (the name is its key);
 * "@Olivia" is a person, "@CNN" and "@CNNPolitics" the organisation; any other handle names no one.
 */
function handleMention(ctx: Ctx, i: number, out: Mention[]): void {
  const text = ctx.tokens[i]!.text;
  const key = text.toLowerCase();
  const name = handlePersonName(text, ctx.meter);
  if (name !== undefined) out.push(mention(i, i, name, typing("person", MEDIUM, "handle-name")));
  else if (isGivenNameHandle(text)) out.push(mention(i, i, key, typing("person", MEDIUM, "handle-given")));
  else if (isOrgHandle(text, ctx.meter)) out.push(mention(i, i, key, typing("organization", MEDIUM, "handle-org")));
  else if (ctx.tokens[i]!.start > ctx.tokens[i - 1]!.end && isPlaceWord(key) && !isCommon(key) && isCapitalised(text)) {
    // "meet me @ Lisbon": with a space, "@" may be "at" before a place ("@ name" is a handle only in tokenised text).
    out.push(mention(i, i, key, typing("place", MEDIUM, "at-place")));
  }
}

/**
 * "andrew mccabe", "ed sheeran": informal text writes full names in lower case. A given name
 * then a surname that are no English words, or a well-known person's full name, is that person.
 * Token i is a lower-case given name; returns the number of tokens taken after it.
 */
function lowerFullName(ctx: Ctx, i: number, out: Mention[]): number {
  const { tokens, keys } = ctx;
  const given = keys[i]!;
  const sameLine = (k: number): boolean => isLower(ctx, k) && tokens[k]!.sent === tokens[i]!.sent;
  if (!sameLine(i + 1)) return 0;
  const two = `${given} ${keys[i + 1]!}`;
  const three = sameLine(i + 2) ? `${two} ${keys[i + 2]!}` : "";
  ctx.meter.tick(2);
  if (three !== "" && wellKnownPeople.has(three)) {
    out.push(mention(i, i + 2, three, typing("person", MEDIUM, "lower-full-name")));
    return 2;
  }
  const surname = keys[i + 1]!;
  if (wellKnownPeople.has(two) || (given.length >= 3 && !commonWords.has(given) && surname.length >= 3 &&
    !commonWords.has(surname) && !firstNames.has(surname) && (peopleNames.has(surname) || wellKnownSurnames.has(surname)))) {
    out.push(mention(i, i + 1, two, typing("person", MEDIUM, "lower-full-name")));
    return 1;
  }
  return 0;
}

const isOrgWord = (key: string): boolean => orgSuffixes.has(key) || ofHeadsOrg.has(key);

/**
 * A run longer than any name ("The The The ...", a line of title case, a list
 * without commas) is cut at its connectors; a piece still too long is no name.
 */
function splitLongRun(ctx: Ctx, i: number, j: number, out: Mention[]): void {
  let start = i;
  for (let k = i; k <= j + 1; k++) {
    ctx.meter.tick();
    if (k <= j && isNameToken(ctx, k)) continue;
    if (k > start && k - start <= MAX_SPAN_TOKENS) splitRun(ctx, start, k - 1, out, false, false);
    start = k + 1;
  }
}

/** Number of connector tokens ("of", "de", "&", "of the") joining run [i..j] to a name token. */
function connectorSpan(ctx: Ctx, i: number, j: number, orgWord: boolean): number {
  const { tokens, keys } = ctx;
  const a = tokens[j + 1];
  if (!a || a.kind === "poss" || a.sent !== tokens[i]!.sent) return 0;
  // "Washington, D.C.": the comma is part of the city's name (aliases has both spellings).
  if (a.text === "," && j === i && keys[j] === "washington" && keys[j + 2] === "dc" && tokens[j + 2]!.sent === a.sent) return 1;
  const k1 = a.text === "&" ? "&" : isLower(ctx, j + 1) ? keys[j + 1]! : "";
  if (!nameConnectors.has(k1)) return 0;
  let n = 1;
  if ((k1 === "of" || k1 === "for") && keys[j + 2] === "the" && tokens[j + 2]?.text === "the") n = 2;
  // "Ursula von der Leyen", "Charles de la Roche": two particles in a row.
  else if (PARTICLES.has(k1) && PARTICLES.has(keys[j + 2] ?? "") && isLower(ctx, j + 2)) n = 2;
  if (!isNameToken(ctx, j + n + 1)) return 0;
  const head = keys[j]!;
  // "Battle of Gettysburg" is one name (an event, which rules.ts then drops), not a battle and a town.
  if (k1 === "of") return ofHeadsOrg.has(head) || ofHeadsPlace.has(head) || EVENT_HEADS.has(head) || (head === "hall" && HALL_OF.has(keys[j + n + 1]!)) ? n : 0;
  // "Bosnia and Herzegovina", "Newcastle upon Tyne": a connector inside a name the lexicons know.
  if ((k1 === "and" || k1 === "upon") && n === 1 && knownWith(ctx, i, j, k1)) return 1;
  // Lists: "Apple and Google" are two names; but "and" inside one organisation's name joins.
  if (k1 === "and") return andInOrgName(ctx, i, j) || routeAfter(ctx, j + 2) ? 1 : 0;
  if (k1 === "for" || k1 === "on" || k1 === "upon" || k1 === "the") {
    // "Centre for Policy Studies", "Society for ...": only after an organisation word, and not
    // before another name's start ("the Super League for FC Basel", "a grant for NASA").
    const next = tokens[j + n + 1]!;
    if (isAllCaps(next.text) || CLUB_PREFIX.has(keys[j + n + 1]!)) return 0;
    // "Council on Foreign Relations": "on" right after the head only ("Hotel Essex on Collins Ave"
    // is a hotel on a street), and never before a date ("the Hockey Club on May 15").
    if (k1 === "on" && (!isOrgWord(head) || keys[j + n + 1] === "may")) return 0;
    return orgWord && k1 !== "the" ? n : 0;
  }
  // "Procter & Gamble" is one name; "Ann Lee & Bo Chan" are two.
  if (k1 === "&" && j > i && !orgSuffixes.has(keys[j + 2] ?? "")) return 0; // but "JPMorgan Chase & Co."
  return n; // de, van, bin, &, ...
}

/**
 * 'William "Buckshot" May', 'Harold “Junior” Theriault': a nickname of one or two capitalised
 * words in quotes between a given name and the next name word. The number of tokens from
 * the opening quote to the closing one, or 0.
 */
function nicknameSpan(ctx: Ctx, i: number, j: number): number {
  const { tokens, keys } = ctx;
  // A given name, or a word in no list but the names ("Charalambos"): not "Beatles" or "Oslo".
  const key = keys[j]!;
  if (!OPEN_QUOTES.has(tokens[j + 1]?.text ?? "") || !(firstNames.has(key) || (!commonWords.has(key) && !cities.has(key) &&
    (knownNames.get(key) ?? "person") === "person"))) return 0;
  for (let n = 1; n <= 2; n++) {
    const close = j + 2 + n;
    if (!isNameToken(ctx, close - 1) || tokens[close - 1]!.sent !== tokens[i]!.sent) return 0;
    if (CLOSE_QUOTES.has(tokens[close]?.text ?? "")) {
      const next = close + 1;
      // The surname after it: not an everyday word or a name's head ('"Help" Tour', '"Hope" Foundation').
      const last = keys[next] ?? "";
      return isNameToken(ctx, next) && tokens[next]!.sent === tokens[i]!.sent && !tokens[next]!.sentStart &&
        (!commonWords.has(last) || peopleNames.has(last)) && !orgSuffixes.has(last) && !placeSuffixes.has(last) ? n + 2 : 0;
    }
  }
  return 0;
}

/**
 * "Couch's Division", "Nicholson's Limited", "People's Republic of China", "Ratepayers' Association":
 * a possessive inside an organisation's or place's name, when the words after it end in the
 * name's head (or are "Republic of ..."). Only after one or two words no list knows as a
 * person or place, so "Russia's Defence Ministry" and "Joe Biden's Justice Department" stay apart.
 * 1 (the possessive token) or 0.
 */
function possessiveSpan(ctx: Ctx, i: number, j: number): number {
  const { tokens, keys } = ctx;
  if (tokens[j + 1]?.kind !== "poss" || j - i > 1 || !isNameToken(ctx, j + 2) || tokens[j + 2]!.sent !== tokens[i]!.sent) return 0;
  let e = j + 2;
  while (e + 1 - (j + 2) < 4 && isNameToken(ctx, e + 1) && tokens[e + 1]!.sent === tokens[i]!.sent) e++;
  ctx.meter.tick(e - j);
  const head = keys[e]!;
  const headed = orgSuffixes.has(head) || placeSuffixes.has(head) ||
    ((ofHeadsOrg.has(keys[j + 2]!) || ofHeadsPlace.has(keys[j + 2]!)) && e === j + 2 && keys[e + 1] === "of");
  if (!headed) return 0; // the usual case, decided before the owner's lookups
  const owner = i === j ? keys[i]! : `${keys[i]!} ${keys[j]!}`;
  return knownNames.has(owner) || cities.has(owner) || wellKnownSurnames.has(owner) || firstNames.has(keys[i]!) || isDemonymLike(owner) ? 0 : 1;
}

/** Run [i..j], `connector` and one or two more words spell a known place or name ("Trinidad and Tobago"). */
function knownWith(ctx: Ctx, i: number, j: number, connector: string): boolean {
  if (j - i > 2) return false;
  let key = `${ctx.keys.slice(i, j + 1).join(" ")} ${connector}`;
  for (let e = j + 2; e <= j + 3 && isNameToken(ctx, e); e++) {
    ctx.meter.tick();
    key += ` ${ctx.keys[e]!}`;
    if (knownNames.has(key) || cities.has(key)) return true;
  }
  return false;
}

/**
 * "Department of Physics and Astronomy", "Food and Drug Administration": "and" between plain
 * words (in no name list) inside one organisation's name, either in the complement of its
 * head ("Head of/for Plain and Plain") or before a shared head ("Plain and Plain Head").
 * Names on either side ("University of Texas and Texas A&M", "Apple and General Motors")
 * and a head on both sides ("Ministry of Defence and Foreign Office") keep the list reading.
 */
function andInOrgName(ctx: Ctx, i: number, j: number): boolean {
  const { keys } = ctx;
  // The capitalised words after "and": plain, the last may be an organisation word.
  let e = j + 2;
  while (e + 1 < ctx.tokens.length && e + 1 - (j + 2) < 3 && isNameToken(ctx, e + 1) && ctx.tokens[e + 1]!.sent === ctx.tokens[j]!.sent) e++;
  ctx.meter.tick(e - j);
  if (isNameToken(ctx, e + 1)) return false; // a longer run: not a plain complement
  for (let k = j + 2; k < e; k++) if (!isPlainWord(ctx, k)) return false;
  const tailHead = isOrgWord(keys[e]!);
  if (!tailHead && !isPlainWord(ctx, e)) return false;
  if (!isPlainWord(ctx, j)) return false;
  if (tailHead) {
    // "Food and Drug Administration": plain words only before "and", and no known name after it.
    for (let k = i; k < j; k++) if (!isPlainWord(ctx, k)) return false;
    return j - i < 2 && !knownNames.has(keys.slice(j + 2, e + 1).join(" "));
  }
  // "Head of Plain and Plain": plain words back to "of"/"for" right after an organisation word.
  let c = j;
  while (c > i && isPlainWord(ctx, c)) c--;
  if (keys[c] === "the" && isLower(ctx, c)) c--;
  return c > i && (keys[c] === "of" || keys[c] === "for") && isLower(ctx, c) && isOrgWord(keys[c - 1]!);
}

/** "(Portland and) Ogdensburg Railroad": one to three capitalised words from k, ending in a route's head. */
function routeAfter(ctx: Ctx, k: number): boolean {
  for (let e = k; e < k + 3 && isNameToken(ctx, e) && ctx.tokens[e]!.sent === ctx.tokens[k]!.sent; e++) {
    if (ROUTE_HEADS.has(ctx.keys[e]!)) return true;
  }
  return false;
}

/** A capitalised word in no name list and not in capitals: "Physics", "Gynecologists". */
function isPlainWord(ctx: Ctx, k: number): boolean {
  const key = ctx.keys[k]!;
  return isNameToken(ctx, k) && !isAllCaps(ctx.tokens[k]!.text) && !knownAsName(key) && !cities.has(key) &&
    !isOrgWord(key) && !placeSuffixes.has(key) && (commonWords.has(key) || !peopleNames.has(key));
}

/** Cut a capitalised run at titles, then drop sentence-initial noise and type each part. */
function splitRun(ctx: Ctx, i: number, j: number, out: Mention[], titled: boolean, beforeTitle: boolean): void {
  const keys = ctx.keys;
  // A run ending in an organisation or place word is one name, even with a title inside
  // ("General Motors", "Prince Edward Island").
  if (j > i && (orgSuffixes.has(keys[j]!) || placeSuffixes.has(keys[j]!))) {
    // "the 65th Air Division", "the 101st Airborne Division": a unit's ordinal is part of its name.
    const ordinal = orgSuffixes.has(keys[j]!) && ordinalBefore(ctx, i);
    // "the 65 Air Division", "4 Air Defense Wing": a military unit's number, written without a suffix.
    const number = !ordinal && MILITARY_UNITS.has(keys[j]!) && unitNumberBefore(ctx, i);
    emit(ctx, ordinal ? i - 2 : number ? i - 1 : trimStart(ctx, i, j), j, false, out);
    return;
  }
  // Find the last title run that has name words after it: "US President Joe Biden".
  let t = -1;
  for (let k = j - 1; k >= i; k--) {
    ctx.meter.tick();
    if (isTitleAt(ctx, k, j, i) && !isTitleAt(ctx, k + 1, j, i)) {
      t = k;
      break;
    }
  }
  if (t < 0) {
    emit(ctx, trimStart(ctx, i, j), j, titled, out, beforeTitle);
    return;
  }
  let s = t;
  while (s - 1 >= i && isTitleAt(ctx, s - 1, j, i)) {
    ctx.meter.tick();
    s--;
  }
  if (s > i) {
    const left = trimStart(ctx, i, s - 1);
    if (left <= s - 1) emit(ctx, left, s - 1, false, out, true);
  }
  emit(ctx, t + 1, j, true, out);
}

/** "65th", "101st", "62d" right before token i (the tokenizer writes them as a number, then a word). */
function ordinalBefore(ctx: Ctx, i: number): boolean {
  const num = ctx.tokens[i - 2];
  const suffix = ctx.tokens[i - 1];
  return num?.kind === "num" && /^\d{1,4}$/u.test(num.text) && suffix !== undefined && ORDINAL_SUFFIX.has(suffix.text) &&
    suffix.start === num.end && num.sent === ctx.tokens[i]!.sent;
}
const ORDINAL_SUFFIX = new Set(["st", "nd", "rd", "th", "d"]);

/** Heads of military units, whose names start with a number ("65 Air Division"). */
const MILITARY_UNITS = new Set(["wing", "division", "squadron", "corps", "brigade", "regiment", "battalion", "fleet", "command"]);

/** A number of one to three digits right before token i, in its sentence: "65", not "1943". */
function unitNumberBefore(ctx: Ctx, i: number): boolean {
  const num = ctx.tokens[i - 1];
  return num?.kind === "num" && /^\d{1,3}$/u.test(num.text) && num.sent === ctx.tokens[i]!.sent;
}

/** "... said police spokesman Ann Lee": lower-case job words right before a name. */
function lowerTitleBefore(ctx: Ctx, i: number): boolean {
  let k = i - 1;
  let job = false;
  while (k >= 0 && i - k <= 3 && isLower(ctx, k)) {
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
  while (k < ctx.tokens.length && k - j <= 3 && isLower(ctx, k) &&
    (JOB_WORDS.has(ctx.keys[k]!) || TITLE_MODIFIERS.has(ctx.keys[k]!))) k++;
  return k > j + 1 && JOB_WORDS.has(ctx.keys[k - 1]!) && isNameToken(ctx, k) && ctx.tokens[k]!.sent === ctx.tokens[j]!.sent;
}

function isTitleAt(ctx: Ctx, k: number, j: number, i = k): boolean {
  // After a given name a title word is a surname: "Stephen King", "Martin Luther King".
  if (k > i && givenBefore(ctx.keys[k - 1]!)) return false;
  // A modifier counts only before another title ("Prime Minister", not "Prime Video"):
  // walk over the modifiers to the word that decides (a loop: runs are bounded, but no recursion).
  for (let m = k; m <= j; m++) {
    ctx.meter.tick();
    const key = ctx.keys[m]!;
    if (ALWAYS_TITLE.has(key)) return true;
    if (!TITLE_MODIFIERS.has(key)) return false;
  }
  return false;
}

/** A given name before a title word makes it a surname: "Stephen King", "Sacha Baron Cohen". */
function givenBefore(key: string): boolean {
  if (TITLE_MODIFIERS.has(key)) return false;
  return firstNames.has(key) || (peopleNames.has(key) && !commonWords.has(key) && !knownNames.has(key) && !cities.has(key));
}

/** A demonym ("Brazilian") or a word made from a place's name ("Minnesotan", "Queenslander", "Londoner"). */
function isDemonymLike(key: string): boolean {
  if (demonyms.has(key)) return true;
  if (key.length < 6 || firstNames.has(key) || peopleNames.has(key) || knownAsName(key)) return false;
  const base = key.endsWith("er") ? key.slice(0, -2) : key.endsWith("n") ? key.slice(0, -1) : "";
  return base.length >= 4 && isPlaceWord(base);
}

/** Skip sentence-initial common words ("The", "In", "When") at the start of a run. */
function trimStart(ctx: Ctx, i: number, j: number): number {
  let s = i;
  while (s <= j) {
    ctx.meter.tick();
    const t = ctx.tokens[s]!;
    const key = ctx.keys[s]!;
    const initial = t.sentStart || ctx.shouting.has(t.sent);
    // "New York", "NEW YORK 1996-08-22": the first word of a known name is kept.
    if (initial && s < j && startsKnownName(ctx, s, j)) break;
    if (STARTERS.has(key) && (initial || key === "the")) {
      if (key === "the" && !initial && s + 1 <= j && orgLike(ctx, s + 1, j)) break; // "The Guardian"
      // "bands like The Ramones": a capital "The" mid-sentence belongs to a plural name.
      if (!initial && isPluralAfterThe(ctx, s, j)) break;
      s++;
      continue;
    }
    // "Ima Throw", "Yo Soy": a chat word that starts a post is not the first word of a name.
    if (initial && s < j && CHAT_WORDS.has(key)) {
      s++;
      continue;
    }
    if (initial && !knownAsName(key) && (commonWords.has(key) || nonNames.has(key) || ctx.lowerSeen.has(key))) {
      if (s < j && CLUB_PREFIX.has(key)) break; // "Real Madrid"
      // "Duke Energy said": a run ending in an organisation or place word keeps its first word.
      if (s < j && (orgSuffixes.has(ctx.keys[j]!) || placeSuffixes.has(ctx.keys[j]!)) && !nonNames.has(key)) break;
      // "Police said", "Residents of Oslo": a capital only because the sentence starts here.
      // A lone word is kept (untyped) so that an earlier "Tim Cook" can claim "Cook said".
      if (s === j && !nonNames.has(key) && !ctx.lowerSeen.has(key)) break;
      if (s === j || !firstNames.has(key)) {
        s++;
        continue;
      }
    }
    break;
  }
  return s;
}

/** Do tokens s.. (up to 4 of them, not past j) spell a known name of two words or more? */
function startsKnownName(ctx: Ctx, s: number, j: number): boolean {
  let key = ctx.keys[s]!;
  for (let k = s + 1; k <= j && k < s + 4; k++) {
    ctx.meter.tick();
    key += " " + ctx.keys[k]!;
    if (phrases.has(key)) return true;
  }
  return false;
}

function orgLike(ctx: Ctx, i: number, j: number): boolean {
  return orgSuffixes.has(ctx.keys[j]!) || knownNames.get(ctx.keys.slice(i, j + 1).join(" ")) === "organization";
}

function emit(ctx: Ctx, i: number, j: number, titled: boolean, out: Mention[], beforeTitle = false): void {
  // "Brazilian Maria Lopez", "Minnesotan Scott LeDoux": a demonym before a given name describes the person.
  if (i < j && firstNames.has(ctx.keys[i + 1]!) && isDemonymLike(ctx.keys[i]!)) i++;
  // Connectors cannot end a name; a lone initial is not a name.
  while (j >= i && !isNameToken(ctx, j)) j--;
  if (j < i || ctx.tokens[j]!.end - ctx.tokens[i]!.start > MAX_ENTITY_CHARS) return; // no name is that long
  const keys = i === j ? [ctx.keys[i]!] : ctx.keys.slice(i, j + 1);
  ctx.meter.tick(keys.length);
  const key = i === j ? keys[0]! : keys.join(" ");
  let typed = classify(ctx, i, j, keys, key, titled);
  // "the Fermi level", "the Higgs boson": a name before the head of a scientific term is part of the term.
  // (A person, or a guess: "the Higgs" is no team; "Google" and "Oslo" known as such stay.)
  if (typed && (typed.type === "person" || typed.strength < STRONG) && !titled && isLower(ctx, j + 1) &&
    EPONYM_HEADS.has(ctx.keys[j + 1]!)) typed = typing("person", NONE, "eponym");
  // "Acme chief executive Ann Lee": an unknown name before a job title is the employer.
  if (beforeTitle && typed && isUnknown(typed.rule)) typed = typing("organization", WEAK, "before-title");
  if (typed) out.push(mention(i, j, key, typed));
}
