// What the text itself calls a name: a kind of organisation or place in lower case
// right before it ("the band Deadsy", "the village of Atwick") or after a copula
// or in apposition ("Aisby is a village in Lincolnshire", "Crazyhead are an English punk
// band", "Reading, a town in Berkshire").
// Each test looks at a few tokens around one mention: bounded work per mention.
import { isLower, type Ctx, type Mention } from "./context.js";
import { countryNames } from "./lexicon.js";
import { tick } from "./limits.js";
import { isUnknown, MEDIUM, NONE, STRONG, typing, type Typing } from "./rule.js";
import type { EntityType } from "./types.js";
import { ORG_KINDS, PLACE_KINDS } from "./words.js";

/**
 * The typing the text's own kind words give mention `m`, or undefined. `yielding`: the
 * mention's typing is a guess (unknown, from one list, or weak) that evidence may overrule.
 */
export function textKind(ctx: Ctx, m: Mention, yielding: boolean): Typing | undefined {
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

/** "the village of Atwick", "the town of Sebago", "the villages of Lougou": a kind of place, then "of". */
const placeKindOf = (ctx: Ctx, m: Mention): boolean =>
  lowerKey(ctx, m.first - 1) === "of" && PLACE_KINDS.has(lowerKey(ctx, m.first - 2)) && sameSentence(ctx, m.first - 2, m.first);

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
    tick();
    const t = ctx.tokens[w];
    if (!t || (t.kind === "punct" && t.text !== "/")) return undefined;
    const key = ctx.keys[w]!;
    const next = ctx.tokens[w + 1];
    const closes = !next || AFTER_KIND.has(next.kind === "word" ? ctx.keys[w + 1]! : next.text);
    if (isLower(ctx, w) && closes) {
      if (PLACE_KINDS.has(key)) return "place";
      if (ORG_KINDS.has(key)) return "organization";
    }
    if (AFTER_KIND.has(key)) return undefined; // "a member of ...": not the name's own kind
  }
  return undefined;
}
