// Article-level evidence that a name is an organisation, from the words around
// it rather than from lists: an acronym the text defines ("Sexual Minorities
// Uganda (SMUG)"), the frames of organisation names ("Acme spokesman", "joined
// Acme", "a statement from Acme"), and sports results, where a town's name is a
// club's ("Barcelona beat Real Madrid 2-1").
import { cities, countryNames, nameConnectors, placePrepositions, wellKnownSurnames } from "./lexicon.js";
import { isLower, isNameToken, mention, type Ctx, type Mention } from "./context.js";
import { MAX_SPAN_TOKENS } from "./limits.js";
import { isAllCaps } from "./normalize.js";
import { isRetypable, isUnknown, MEDIUM, STRONG, typing, WEAK, type Typing } from "./rule.js";
import { listKinds, textKind } from "./kinds.js";
import { CLUB_AFTER, ORG_FRAME_AFTER, ORG_FRAME_BEFORE, PLAYED_FOR, RESULT_VERBS, VERSUS } from "./words.js";

/** Acronyms the article defines -> the key of their long form. */
export type Definitions = Map<string, string>;

/** Retype mentions (in place) from the article's evidence; returns the acronyms it defines. */
export function applyEvidence(ctx: Ctx, mentions: Mention[]): Definitions {
  ctx.meter.tick(mentions.length);
  const definitions = defineAcronyms(ctx, mentions);
  const lists = listKinds(ctx); // every article pays this one pass, so work stays linear in its length
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.type === "place" && isClubTown(m.key) && inResult(ctx, m)) {
      // MEDIUM: the club where the result says so; the town's other mentions keep their own evidence.
      mentions[k] = mention(m.first, m.last, m.key, typing("organization", MEDIUM, "sports-club"));
    } else {
      const yielding = yields(m); // worked out once: the tests below all ask
      const named = yielding || m.type !== "person" ? textKind(ctx, m, yielding, lists) : undefined;
      if (named !== undefined) mentions[k] = mention(m.first, m.last, m.key, named);
      // Not a demonym, title or the like ("Indonesian guitarist X", "Dear spokesman").
      else if (m.type !== "organization" && yielding && m.rule !== "non-name" && (orgFrame(ctx, m) || storeName(ctx, m))) {
        mentions[k] = mention(m.first, m.last, m.key, typing("organization", MEDIUM, "org-frame"));
      }
    }
  }
  sameClub(ctx, mentions);
  return definitions;
}

/**
 * A town the article names as a club ("Footscray beat Carlton", "coached Footscray") is the
 * club at its other mentions too ("Footscray then lost"), except where the words say place ("in Footscray").
 */
function sameClub(ctx: Ctx, mentions: Mention[]): void {
  const clubs = new Set<string>();
  for (const m of mentions) if (m.rule === "sports-club") clubs.add(m.key);
  if (clubs.size === 0) return;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.type !== "place" || !clubs.has(m.key) || placePrepositions.has(ctx.keys[m.first - 1] ?? "")) continue;
    mentions[k] = mention(m.first, m.last, m.key, typing("organization", MEDIUM, "same-club"));
  }
}

/** The token after a name and its possessive, if it has one ("Acme's board" -> "board"). */
const afterPossessive = (ctx: Ctx, m: Mention): number => (ctx.tokens[m.last + 1]?.kind === "poss" ? m.last + 2 : m.last + 1);

/** A guess the words around a name may overrule: unknown, from one list, or from weak context. */
const yields = (m: Mention): boolean => isUnknown(m.rule) || isRetypable(m.rule) || m.strength <= WEAK;

const isClubTown = (key: string): boolean => cities.has(key) && !countryNames.has(key);

/**
 * "Barcelona beat ...", "... beat Barcelona", "Lyon v Nice", "Barcelona 2 Getafe 1", "Barcelona 2-1",
 * "played for Lyon", "coached Lyon", "Lyon coach Ann Lee".
 */
function inResult(ctx: Ctx, m: Mention): boolean {
  const { tokens, keys } = ctx;
  const next = tokens[m.last + 1];
  const prev = tokens[m.first - 1];
  const nextKey = keys[m.last + 1] ?? "";
  const prevKey = keys[m.first - 1] ?? "";
  if (next?.kind === "word" && (RESULT_VERBS.has(nextKey) || VERSUS.has(nextKey))) return true;
  // "Chelsea fans", "Madrid's goals": a club's supporters, players and results.
  const after = afterPossessive(ctx, m);
  if (tokens[after]?.kind === "word" && isLower(ctx, after) && CLUB_AFTER.has(keys[after]!)) return true;
  if (prev?.kind === "word" && (RESULT_VERBS.has(prevKey) || VERSUS.has(prevKey))) return true;
  // "played 26 games for Lausanne", "made his debut for Lyon": a career names the club.
  if (prev?.kind === "word" && tokens[m.first - 2]?.kind === "word" && PLAYED_FOR.has(`${keys[m.first - 2]} ${prevKey}`)) return true;
  // A score right after the name: "2-1", or "2" before another capitalised name.
  return next?.kind === "num" && /^\d{1,2}(-\d{1,2})?$/u.test(next.text) &&
    (next.text.includes("-") || /^\p{Lu}/u.test(tokens[m.last + 2]?.text ?? "") || tokens[m.last + 2] === undefined);
}

/**
 * "Dillard's was added", "which became Macy's in 2006", "with Ivey's and Hudson Belk": a lone
 * name whose possessive owns nothing is a firm named so (a store, an auction house). Not the
 * surname of a well-known person ("Trump's and Biden's plans").
 */
function storeName(ctx: Ctx, m: Mention): boolean {
  const after = afterPossessive(ctx, m);
  if (m.first !== m.last || after === m.last + 1 || wellKnownSurnames.has(m.key)) return false;
  const next = ctx.tokens[after];
  // Not before the end of a sentence: "The car was Smith's."
  return next !== undefined && (next.kind === "punct" ? next.text === "," || next.text === ")" : isLower(ctx, after) && AFTER_STORE.has(ctx.keys[after]!));
}
const AFTER_STORE = new Set(["was", "became", "becomes", "opened", "closed", "in", "at", "on",
  "store", "stores", "department", "restaurant", "restaurants", "outlet", "outlets", "chain", "shop", "shops"]);

/** "Acme spokesman", "Acme's board", "joined Acme", "a statement from Acme". */
function orgFrame(ctx: Ctx, m: Mention): boolean {
  const { tokens, keys } = ctx;
  const after = afterPossessive(ctx, m);
  const word = (k: number): string => (isLower(ctx, k) ? keys[k]! : "");
  if (ORG_FRAME_AFTER.has(word(after))) return true;
  const one = word(m.first - 1);
  const two = `${word(m.first - 2)} ${one}`;
  return (one !== "" && ORG_FRAME_BEFORE.has(one)) || ORG_FRAME_BEFORE.has(two) ||
    (tokens[m.first - 1]?.text === "the" && ORG_FRAME_BEFORE.has(`${word(m.first - 3)} ${word(m.first - 2)}`)); // "joined the Acme"
}

/**
 * "Long Form Name (LFN)": an acronym in brackets right after capitalised words, the first
 * of which starts with its first letter. The long form becomes one mention (the chunker may
 * have cut its sentence-initial word off), and every mention of the acronym takes its type;
 * a long form no rule knew is an organisation (what acronyms in news mostly name).
 */
function defineAcronyms(ctx: Ctx, mentions: Mention[]): Definitions {
  const { tokens, keys } = ctx;
  const definitions: Definitions = new Map();
  const types = new Map<string, Typing>();
  const out: Mention[] = []; // rebuilt in one pass: no splice per definition
  for (const short of mentions) {
    const start = longFormStart(ctx, short);
    if (start < 0) {
      out.push(short);
      continue;
    }
    const end = short.first - 2;
    // The mentions inside [start, end] give way to the long form.
    let popped = 0;
    let same: Mention | undefined;
    while (out.length > 0 && out.at(-1)!.last >= start) {
      const m = out.pop()!;
      same = ++popped === 1 && m.first === start && m.last === end ? m : undefined;
    }
    const longKey = same?.key ?? keys.slice(start, end + 1).join(" ");
    const longTyping = same && !isUnknown(same.rule) && same.strength >= MEDIUM ? same : typing("organization", MEDIUM, "acronym-defined");
    out.push(mention(start, end, longKey, longTyping), short);
    types.set(short.key, typing(longTyping.type, MEDIUM, "acronym-defined"));
    definitions.set(short.key, longKey);
  }
  if (types.size === 0) return definitions; // out holds the mentions unchanged
  for (let k = 0; k < out.length; k++) {
    const m = out[k]!;
    const t = m.first === m.last ? types.get(m.key) : undefined;
    mentions[k] = t && m.strength < STRONG ? mention(m.first, m.last, m.key, t) : m;
  }
  mentions.length = out.length;
  return definitions;

  /** Start of the long form that `short`, an acronym in brackets, abbreviates; -1 if none. */
  function longFormStart(ctx: Ctx, short: Mention): number {
    const acronym = tokens[short.first]!.text;
    const end = short.first - 2; // last word of the long form
    if (short.first !== short.last || tokens[end + 1]?.text !== "(" || tokens[short.last + 1]?.text !== ")") return -1;
    if (!isAllCaps(acronym) || acronym.replace(/\./g, "").length > 8) return -1;
    // The earliest start within the span bound whose word has the acronym's first letter.
    let start = -1;
    for (let s = end; s >= 0 && end - s < MAX_SPAN_TOKENS && (isNameToken(ctx, s) || nameConnectors.has(keys[s]!)); s--) {
      ctx.meter.tick();
      if (isNameToken(ctx, s) && keys[s]![0] === acronym[0]!.toLowerCase()) start = s;
    }
    return start === end ? -1 : start;
  }
}
