// What the text itself calls a name: a kind of organisation or place in lower case
// right before it ("the band Deadsy", "the village of Atwick") or after a copula
// or in apposition ("Aisby is a village in Lincolnshire", "Crazyhead are an English punk
// band", "Reading, a town in Berkshire").
// Each test looks at a few tokens around one mention: bounded work per mention.
import { isLower, type Ctx, type Mention } from "./context.js";
import { countryNames } from "./lexicon.js";
import { isUnknown, MEDIUM, NONE, STRONG, typing, type Typing } from "./rule.js";
import type { EntityType } from "./types.js";
import { ORG_KINDS, PLACE_KINDS } from "./words.js";

/**
 * The typing the text's own kind words give mention `m`, or undefined. `yielding`: the
 * mention's typing is a guess (unknown, from one list, or weak) that evidence may overrule;
 * `lists`: the article's listKinds.
 */
export function textKind(ctx: Ctx, m: Mention, yielding: boolean, lists: ListKinds): Typing | undefined {
  // STRONG: the text says what the name is; a place word inside it ("Madina Lake") says less.
  if (m.type !== "organization" && (yielding || (m.type === "place" && !countryNames.has(m.key))) && afterKind(ctx, m)) {
    return typing("organization", STRONG, "org-kind");
  }
  if (m.type !== "place" && yielding && placeKindOf(ctx, m)) return typing("place", MEDIUM, "place-kind-of");
  // Overrules a plural's guess too ("the Landes département" is no band); not a demonym or an
  // everyday word, which only describe the place ("the English county of ...").
  if (m.type !== "place" && (yielding || (m.type === "organization" && m.strength < STRONG)) &&
    (isUnknown(m.rule) || m.strength > NONE) && placeKindAfter(ctx, m)) {
    return typing("place", MEDIUM, "place-kind-after");
  }
  // "bands such as New Order, Interpol or Joy Division": the kind before a list names each member.
  if (yielding || (m.type === "place" && !countryNames.has(m.key))) {
    const kind = lists.get(m.first);
    if (kind !== undefined && kind !== m.type && (kind === "organization" || yielding)) return typing(kind, MEDIUM, "kind-list");
  }
  if (yielding || m.type === "place") {
    // "Aisby is a village in ...", "Crazyhead are an English punk band": what the text calls it.
    const kind = copulaKind(ctx, m);
    if (kind !== undefined && kind !== m.type && (kind === "organization" || yielding)) return typing(kind, MEDIUM, "copula-kind");
  }
  return undefined;
}

const sameSentence = (ctx: Ctx, a: number, b: number): boolean => ctx.tokens[a]?.sent === ctx.tokens[b]?.sent;
const lowerKey = (ctx: Ctx, k: number): string => (isLower(ctx, k) ? ctx.keys[k]! : "");

/** "the band Deadsy", "rebel group Hamas": a kind of organisation in lower case right before the name. */
const afterKind = (ctx: Ctx, m: Mention): boolean =>
  ORG_KINDS.has(lowerKey(ctx, m.first - 1)) && sameSentence(ctx, m.first - 1, m.first);

/** The plural of a kind noun: "band" -> "bands", "company" -> "companies", "church" -> "churches". */
const plural = (w: string): string =>
  /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(w) ? `${w}es` : `${w}s`;
/** Kinds of place in either number ("village", "villages"). */
const PLACE_KIND_WORDS = new Set([...PLACE_KINDS, ...[...PLACE_KINDS].map(plural)]);

/** "the village of Atwick", "the town of Sebago", "the villages of Lougou": a kind of place, then "of". */
const placeKindOf = (ctx: Ctx, m: Mention): boolean =>
  lowerKey(ctx, m.first - 1) === "of" && PLACE_KIND_WORDS.has(lowerKey(ctx, m.first - 2)) && sameSentence(ctx, m.first - 2, m.first);

/** Kinds of place written in lower case after the place's own name ("the Odenwaldkreis district"). */
const PLACE_KINDS_AFTER = new Set(["district", "province", "county", "region", "département", "municipality", "river",
  "lake", "pond", "valley", "island", "peninsula", "oblast", "canton", "prefecture", "parish", "township", "governorate"]);

/**
 * "the Odenwaldkreis district", "in the Landes département of", "the Huallaga river,": a kind of
 * place right after the name, closing the phrase ("the Texas county clerk" names a clerk).
 */
function placeKindAfter(ctx: Ctx, m: Mention): boolean {
  const k = m.last + 1;
  if (!PLACE_KINDS_AFTER.has(lowerKey(ctx, k)) || !sameSentence(ctx, k, m.last)) return false;
  const next = ctx.tokens[k + 1];
  return !next || AFTER_KIND.has(next.kind === "word" ? ctx.keys[k + 1]! : next.text);
}

const COPULAS = new Set(["is", "are", "was", "were"]);
const ARTICLES = new Set(["a", "an"]);
/** Words that may follow the kind noun: the noun ends the phrase ("a town in", not "a town official"). */
const AFTER_KIND = new Set([",", ".", ";", ":", "(", ")", "in", "on", "of", "near", "and", "located", "based", "from",
  "that", "which", "founded", "formed", "situated", "within", "with", "whose", "at", "by", "for"]);
/** Most tokens between the article and the kind noun ("a small rural village", "an English punk rock / garage rock band"). */
const MAX_MODIFIERS = 6;

/**
 * "X is a (small) village in ...", "X are an English punk rock band from ...": the kind noun
 * closing the phrase after "is a" decides; a preposition before it ("a member of the band")
 * or a noun after it ("a town official") means the phrase is about something else.
 */
function copulaKind(ctx: Ctx, m: Mention): EntityType | undefined {
  let k = m.last + 1;
  if (ctx.tokens[k]?.kind === "punct" && ctx.tokens[k]!.text === ")") k++; // "X (also Y) is a ..."
  // "X is a village in ...", or the apposition "X, a village in ...".
  const linked = COPULAS.has(lowerKey(ctx, k)) || (ctx.tokens[k]?.text === "," && ARTICLES.has(lowerKey(ctx, k + 1)));
  if (!linked || !ARTICLES.has(lowerKey(ctx, k + 1))) return undefined;
  for (let w = k + 2; w < k + 3 + MAX_MODIFIERS && sameSentence(ctx, w, m.last); w++) {
    ctx.meter.tick();
    const t = ctx.tokens[w];
    if (!t || (t.kind === "punct" && t.text !== "/")) return undefined;
    const key = ctx.keys[w]!;
    const next = ctx.tokens[w + 1];
    const closes = !next || AFTER_KIND.has(next.kind === "word" ? ctx.keys[w + 1]! : next.text);
    if (isLower(ctx, w) && closes) {
      if (PLACE_KIND_WORDS.has(key)) return "place";
      if (ORG_KINDS.has(key)) return "organization";
    }
    if (AFTER_KIND.has(key)) return undefined; // "a member of ...": not the name's own kind
  }
  return undefined;
}

const ORG_KINDS_PLURAL = new Set([...[...ORG_KINDS].map(plural), "clients", "customers", "sponsors", "competitors", "anchors", "tenants"]);
/** Kinds of people before a list ("politicians such as", "guitarists like"). */
const PERSON_KINDS_PLURAL = new Set(["politicians", "artists", "singers", "musicians", "actors", "actresses", "writers",
  "authors", "players", "guitarists", "drummers", "rappers", "leaders", "figures", "celebrities", "personalities",
  "athletes", "composers", "poets", "painters", "scientists", "philosophers", "directors", "producers", "comedians",
  "journalists", "footballers", "coaches", "ministers", "senators", "candidates"]);
/** Token index -> the type a list's introduction gives the capitalised word there. */
export type ListKinds = Map<number, EntityType>;

/** Words that join a list's members; any other token ends the list. */
const LIST_TOKENS = new Set([",", "and", "or", "&", "the", "as", "well"]);

/**
 * "bands such as New Order, Interpol or Joy Division", "states like California, Utah and Arizona",
 * "Guitarists including Tohpati", "clients include Sub-Zero": a plural kind noun, then "such as",
 * "like", "including" or "include(s)",
 * gives its type to every capitalised word of the list after it, up to the first token that
 * joins no list. One pass: each list is walked once, from its introduction.
 */
export function listKinds(ctx: Ctx): ListKinds {
  const out: ListKinds = new Map();
  const { tokens, keys } = ctx;
  ctx.meter.tick(tokens.length);
  for (let k = 1; k < tokens.length; k++) {
    const key = lowerKey(ctx, k);
    let kindAt: number;
    if (key === "as" && lowerKey(ctx, k - 1) === "such") kindAt = k - 2;
    else if (key === "like" || key === "including" || key === "include" || key === "includes" || key === "included") kindAt = k - 1;
    else continue;
    if (tokens[kindAt]?.text === ",") kindAt--; // "bands, such as ..."
    if (kindAt < 0 || !sameSentence(ctx, kindAt, k)) continue;
    const kind = kindOfPlural(tokens[kindAt]!.sentStart ? keys[kindAt]! : lowerKey(ctx, kindAt));
    if (kind === undefined) continue;
    let e = k + 1;
    while (e < tokens.length && sameSentence(ctx, e, k)) {
      ctx.meter.tick();
      const t = tokens[e]!;
      if (t.kind === "word" && !isLower(ctx, e)) out.set(e, kind);
      else if (!LIST_TOKENS.has(keys[e]!)) break;
      e++;
    }
    k = e - 1;
  }
  return out;
}

/** The type a kind before a list gives: a plural ("bands such as"), or a place kind in either number ("a city like Paris"). */
function kindOfPlural(word: string): EntityType | undefined {
  if (ORG_KINDS_PLURAL.has(word)) return "organization";
  if (PLACE_KIND_WORDS.has(word)) return "place";
  if (PERSON_KINDS_PLURAL.has(word)) return "person";
  return undefined;
}
