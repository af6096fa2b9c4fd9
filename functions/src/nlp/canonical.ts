// Article-level resolution: weakly typed mentions take the type the article
// gives them elsewhere, and short mentions take the canonical form of the full
// name seen earlier ("Biden" -> "Joe Biden", "WHO" -> "World Health Organization").
import { aliases, nameConnectors, nonNames, titles } from "./lexicon.js";
import { cleanSurface, isAllCaps, titleCase, wordKey } from "./normalize.js";
import { MEDIUM, NONE, STRONG, WEAK, type Mention } from "./context.js";
import type { Token } from "./tokenize.js";
import type { Entity, EntityType } from "./types.js";

/** Retype weak mentions from stronger ones with the same words; drop non-names. */
export function resolveTypes(mentions: Mention[], tokens: Token[]): Mention[] {
  coordinate(mentions, tokens);
  const byKey = new Map<string, Mention>();
  const personWords = new Map<string, number>();
  for (const m of mentions) {
    // A full name typed even weakly ("Olena Hrytsenko") still names its lone surname.
    if (m.strength >= WEAK && m.type === "person" && m.last > m.first) {
      for (const w of m.key.split(" ")) {
        if (nameConnectors.has(w) || titles.has(w) || nonNames.has(w)) continue; // "President", "Jr"
        personWords.set(w, Math.max(personWords.get(w) ?? 0, m.strength));
      }
    }
    if (m.strength < MEDIUM) continue;
    const prev = byKey.get(m.key);
    if (!prev || prev.strength < m.strength) byKey.set(m.key, m);
  }
  // An unknown full name whose last word recurs alone ("Ana Kowalczyk ... Kowalczyk") is a person.
  const loneWords = new Set(mentions.filter((m) => m.first === m.last && m.why === "default-1").map((m) => m.key));
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.why !== "default-multi" || m.last - m.first > 3) continue;
    const last = m.key.split(" ").at(-1)!;
    if (loneWords.has(last)) surnames.add(last);
  }
  const out: Mention[] = [];
  for (const m0 of mentions) {
    let m = m0;
    if (m.strength === NONE && (m.why === "default-multi" || m.why === "default-1") && surnames.has(m.key.split(" ").at(-1)!)) {
      m = { ...m, type: "person", strength: MEDIUM, why: "repeated-surname" };
    }
    if (m.strength < STRONG) {
      const same = byKey.get(m.key);
      if (same && same.strength > m.strength) {
        out.push({ ...m, type: same.type, strength: same.strength, why: `same-as:${same.why}` });
        continue;
      }
      // A lone word that is part of a person's full name in this article is that person.
      if (m.first === m.last && personWords.has(m.key)) {
        out.push({ ...m, type: "person", strength: MEDIUM, why: "person-word" });
        continue;
      }
    }
    if (m.strength > NONE) out.push(m);
  }
  return out;
}

/**
 * Names in one list share a type: "Toyota, Honda and Zorvex" or "Lyon and Qarshi".
 * An untyped name next to a typed one (joined by a comma, "and" or "or") takes its type.
 * A lone word typed only from a name list ("Meta" is also a given name) follows a
 * stronger neighbour across "and"/"or", but not across a bare comma, which often
 * starts an apposition ("Ann Lee, Acme's founder").
 */
function coordinate(mentions: Mention[], tokens: Token[]): void {
  const between = (a: Mention, b: Mention): string =>
    tokens.slice(a.last + 1, b.first).map((t) => t.text.toLowerCase()).join(" ");
  const untyped = (m: Mention): boolean => m.strength === NONE && m.why.startsWith("default");
  const weaker = (m: Mention, than: Mention, join: string): boolean =>
    join !== "," && m.first === m.last && RETYPABLE.has(m.why) && than.strength > m.strength && than.type !== m.type;
  const joins = mentions.slice(1).map((b, k) => between(mentions[k]!, b));
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k + 1 < mentions.length; k++) {
      const a = mentions[k]!;
      const b = mentions[k + 1]!;
      let join = joins[k]!;
      if (!LIST_JOINS.has(join)) continue;
      // "A, B and C": a comma inside a longer list is a list comma.
      if (join === "," && (LIST_JOINS.has(joins[k + 1] ?? "") || LIST_JOINS.has(joins[k - 1] ?? ""))) join = "list";
      // "Sapporo, Japan", "Austin, Texas": a name before a comma and a known place is a place.
      if (join === "," && b.type === "place" && b.strength === STRONG && a.strength < STRONG && a.type !== "place" &&
        a.type !== "person") {
        mentions[k] = { ...a, type: "place", strength: WEAK, why: "listed" };
        continue;
      }
      if ((untyped(a) && b.strength >= MEDIUM) || weaker(a, b, join)) {
        mentions[k] = { ...a, type: b.type, strength: WEAK, why: "listed" };
      } else if ((untyped(b) && a.strength >= MEDIUM) || weaker(b, a, join)) {
        mentions[k + 1] = { ...b, type: a.type, strength: WEAK, why: "listed" };
      }
    }
  }
}

const LIST_JOINS = new Set([",", "and", "or", ", and", ", or"]);
// Typings from a single name list that a list's other members may overrule.
const RETYPABLE = new Set(["name-list-1", "city-1", "company", "context-place-1", "place-ending"]);

/** Build the public entities: surface text as written, canonical form resolved. */
export function toEntities(mentions: Mention[], tokens: Token[], text: string, shouting: (sent: number) => boolean): Entity[] {
  const entities: Entity[] = [];
  // Earliest full name by its first or last word, and earliest organisation by its initials.
  const personByWord = new Map<string, string>();
  const orgByInitials = new Map<string, string>();
  for (const m of mentions) {
    const first = tokens[m.first]!;
    const last = tokens[m.last]!;
    const surface = text.slice(first.start, last.end);
    let canonical = baseCanonical(surface, m.key, shouting(first.sent));
    const words = m.key.split(" ").filter((w) => !nameConnectors.has(w));
    if (m.type === "person") {
      if (words.length === 1) {
        canonical = personByWord.get(words[0]!) ?? canonical;
      } else {
        for (const w of [words[0]!, words.at(-1)!]) if (!personByWord.has(w)) personByWord.set(w, canonical);
      }
    } else if (m.type === "organization") {
      if (words.length > 1) {
        const initials = words.map((w) => w[0]).join("");
        if (!orgByInitials.has(initials)) orgByInitials.set(initials, canonical);
      } else if (m.key.length >= 2) {
        canonical = orgByInitials.get(m.key) ?? canonical;
      }
    }
    entities.push({ text: surface, canonical, type: m.type, start: first.start, end: last.end });
  }
  return entities;
}

function baseCanonical(surface: string, key: string, shouted: boolean): string {
  const alias = aliases.get(key) ?? aliases.get(key.replace(/^the /, ""));
  if (alias) return alias.canonical;
  let c = cleanSurface(surface);
  // "U.N." and "UN" count as one: drop the dots of a dotted acronym.
  if (/^(\p{Lu}\.){2,}$/u.test(c)) c = wordKey(c).toUpperCase();
  if (shouted && isAllCaps(c)) c = titleCase(c);
  // "Apple Inc." and "Apple" are one firm: legal-form suffixes are not counted.
  const bare = c.replace(CORPORATE_SUFFIX, "");
  return bare.length > 1 ? bare : c;
}

const CORPORATE_SUFFIX = /,?\s+(?:&\s+)?(inc|incorporated|corp|corporation|ltd|limited|plc|llc|llp|co|gmbh|ag|sa|nv|bv|pty ltd|pty)\.?$/iu;

export type { EntityType };
