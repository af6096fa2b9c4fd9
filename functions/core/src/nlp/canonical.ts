// Article-level resolution: weakly typed mentions take the type the article
// gives them elsewhere, and short mentions take the canonical form of the full
// name seen earlier ("Biden" -> "Joe Biden", "WHO" -> "World Health Organization").
import { personWords, wellKnownFullName, withoutMiddleInitials, withoutSuffix } from "./aliases.js";
import type { Definitions } from "./evidence.js";
import { aliases, countryNames, nameConnectors, nonNames, titles } from "./lexicon.js";
import { MAX_ENTITY_CHARS, type WorkMeter } from "./limits.js";
import { cleanSurface, isAllCaps, titleCase, wordKey } from "./normalize.js";
import { mention, type Mention } from "./context.js";
import { isRetypable, isSpelledByKey, isUnknown, MEDIUM, NONE, STRONG, typing, WEAK, type Rule, type Strength } from "./rule.js";
import type { Token } from "./tokenize.js";
import type { Entity, EntityType } from "./types.js";

/** Retype weak mentions from stronger ones with the same words; drop non-names. */
export function resolveTypes(mentions: Mention[], tokens: Token[], meter: WorkMeter): Mention[] {
  meter.tick(mentions.length);
  const personWords = new Map<string, number>();
  for (const m of mentions) {
    // A full name typed even weakly ("Olena Hrytsenko") still names its lone surname.
    if (m.strength >= WEAK && m.type === "person" && m.last > m.first) {
      for (const w of m.key.split(" ")) {
        if (nameConnectors.has(w) || titles.has(w) || nonNames.has(w)) continue; // "President", "Jr"
        personWords.set(w, Math.max(personWords.get(w) ?? 0, m.strength));
      }
    }
  }
  // An unknown full name whose last word recurs alone ("Ana Kowalczyk ... Kowalczyk") is a person.
  const loneWords = new Set(mentions.filter((m) => m.first === m.last && isUnknown(m.rule)).map((m) => m.key));
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.first === m.last || !isUnknown(m.rule) || m.last - m.first > 3) continue;
    const last = lastWord(m.key);
    if (loneWords.has(last)) surnames.add(last);
  }
  coordinate(mentions, tokens, meter, (m) => m.first === m.last && (personWords.has(m.key) || surnames.has(m.key)));
  const byKey = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.strength < MEDIUM) continue;
    const prev = byKey.get(m.key);
    if (!prev || prev.strength < m.strength) byKey.set(m.key, m);
  }
  // The first word of each organisation's or place's name in the article ("Reading Railroad").
  const heads = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.last === m.first || m.strength < MEDIUM || m.type === "person") continue;
    const w = m.key.slice(0, m.key.indexOf(" "));
    if (!heads.has(w)) heads.set(w, m);
  }
  const out: Mention[] = [];
  for (const m0 of mentions) {
    let m = m0;
    // "the Reading train", "a Liberal member": an ordinary word mid-sentence, before a lower-case
    // word, that starts a name the article gives in full stands for that name.
    if (m.rule === "common-word" && m.first === m.last && !tokens[m.first]!.sentStart && beforeLowerWord(tokens, m.last)) {
      const head = heads.get(m.key);
      if (head !== undefined) m = retype(m, head.type, WEAK, "name-head");
    }
    if (surnames.size > 0 && isUnknown(m.rule) && surnames.has(lastWord(m.key))) {
      m = retype(m, "person", MEDIUM, "repeated-surname");
    }
    // "Hillary Clinton ... Clinton": a lone word a list knows as a town (not a country) is the
    // person whose full name the article gives ("Clinton", "Houston" are towns and surnames).
    if (m.strength === STRONG && m.type === "place" && m.first === m.last && (personWords.get(m.key) ?? 0) >= MEDIUM &&
      !countryNames.has(m.key)) {
      out.push(retype(m, "person", MEDIUM, "person-word"));
      continue;
    }
    if (m.strength < STRONG) {
      const same = byKey.get(m.key);
      if (same && same.strength > m.strength) {
        out.push(retype(m, same.type, same.strength, "same-as"));
        continue;
      }
      // A lone word that is part of a person's full name in this article is that person.
      if (m.first === m.last && personWords.has(m.key)) {
        out.push(retype(m, "person", MEDIUM, "person-word"));
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
function coordinate(mentions: Mention[], tokens: Token[], meter: WorkMeter, namedPerson: (m: Mention) => boolean): void {
  // An unknown word that is part of a person's full name in the article is that person, not a list member.
  const untyped = (m: Mention): boolean => isUnknown(m.rule) && !namedPerson(m);
  // List joins are one or two tokens (",", "and", ", or"); a longer gap is no join.
  const lower = (k: number): string => tokens[k]!.text.toLowerCase();
  const between = (a: Mention, b: Mention): string => {
    const gap = b.first - a.last - 1;
    return gap === 1 ? lower(a.last + 1) : gap === 2 ? `${lower(a.last + 1)} ${lower(a.last + 2)}` : "";
  };
  const weaker = (m: Mention, than: Mention, join: string): boolean =>
    join !== "," && m.first === m.last && isRetypable(m.rule) && than.strength > m.strength && than.type !== m.type;
  const joins = mentions.slice(1).map((b, k) => between(mentions[k]!, b));
  for (let pass = 0; pass < 2; pass++) {
    meter.tick(mentions.length);
    for (let k = 0; k + 1 < mentions.length; k++) {
      const a = mentions[k]!;
      const b = mentions[k + 1]!;
      let join = joins[k]!;
      if (!LIST_JOINS.has(join)) continue;
      // "A, B and C": a comma inside a longer list is a list comma.
      if (join === "," && (LIST_JOINS.has(joins[k + 1] ?? "") || LIST_JOINS.has(joins[k - 1] ?? ""))) join = "list";
      // "Sapporo, Japan", "Austin, Texas": a name before a comma and a known place is a place.
      // A lone given name there is a town too ("Cary, North Carolina").
      if (join === "," && b.type === "place" && b.strength === STRONG && a.strength < STRONG && a.type !== "place" &&
        (a.type !== "person" || (a.first === a.last && isRetypable(a.rule)))) {
        mentions[k] = retype(a, "place", WEAK, "listed");
        continue;
      }
      // "born in Aringay, Pangasinan (...)": an unknown name after a place and a comma, then
      // punctuation, is the larger place it lies in ("in Oslo, Smith said" is not).
      if (join === "," && a.type === "place" && a.strength >= WEAK && untyped(b) && tokens[b.last + 1]?.kind === "punct") {
        mentions[k + 1] = retype(b, "place", WEAK, "listed");
        continue;
      }
      // Inside a list or across "and"/"or" even a weakly typed neighbour gives its type ("Dou Jiande and Wang Shichong").
      const enough = join === "," ? MEDIUM : WEAK;
      if ((untyped(a) && b.strength >= enough) || weaker(a, b, join)) {
        mentions[k] = retype(a, b.type, WEAK, "listed");
      } else if ((untyped(b) && a.strength >= enough) || weaker(b, a, join)) {
        mentions[k + 1] = retype(b, a.type, WEAK, "listed");
      }
    }
  }
}

const lastWord = (key: string): string => key.slice(key.lastIndexOf(" ") + 1);

const beforeLowerWord = (tokens: Token[], k: number): boolean =>
  tokens[k + 1]?.kind === "word" && tokens[k + 1]!.sent === tokens[k]!.sent && /^\p{Ll}/u.test(tokens[k + 1]!.text);

const LIST_JOINS = new Set([",", "and", "or", ", and", ", or"]);

const retype = (m: Mention, type: EntityType, strength: Strength, rule: Rule): Mention =>
  mention(m.first, m.last, m.key, typing(type, strength, rule));

/** Build the public entities: surface text as written, canonical form resolved. */
export function toEntities(
  mentions: Mention[], tokens: Token[], text: string, shouting: (sent: number) => boolean, definitions: Definitions, meter: WorkMeter,
): Entity[] {
  const entities: Entity[] = [];
  // Earliest full name by its first or last word, earliest organisation by its initials,
  // canonical form of each long form that an acronym abbreviates.
  const personByWord = new Map<string, string>();
  const orgByInitials = new Map<string, string>();
  const longForms = new Set(definitions.values());
  const byLongForm = new Map<string, string>();
  // "Martin Luther King Jr." and the article's "Martin Luther King" are one person.
  const suffixed = new Map<string, Mention>();
  for (const m of mentions) {
    const base = m.type === "person" ? withoutSuffix(m.key) : undefined;
    if (base !== undefined && !suffixed.has(base)) suffixed.set(base, m);
  }
  // Names recur within an article: their base canonical forms are worked out once.
  const bases = [new Map<string, string>(), new Map<string, string>()]; // as written, and in a headline
  const base = (m: Mention, surface = text.slice(tokens[m.first]!.start, tokens[m.last]!.end)): string => {
    const shouted = shouting(tokens[m.first]!.sent);
    const cache = bases[shouted ? 1 : 0]!;
    let c = cache.get(surface);
    if (c === undefined) {
      c = baseCanonical(surface, m.key, shouted, m.last > m.first);
      if (m.type === "person") c = withoutMiddleInitials(c.replace(NICKNAME, ""), m.key);
      cache.set(surface, c);
    }
    return c;
  };
  // A lone surname recurs ("ESTRADA ... ESTRADA"): its well-known full name is looked up once.
  const fullNames = new Map<string, string | undefined>();
  const fullName = (word: string): string | undefined => {
    if (!fullNames.has(word)) fullNames.set(word, wellKnownFullName(word));
    return fullNames.get(word);
  };
  // A name of several words resolves the same way at every mention: once per type and key.
  const resolved = { person: new Map<string, string>(), organization: new Map<string, string>(), place: new Map<string, string>() };
  meter.tick(mentions.length);
  for (const m of mentions) {
    const first = tokens[m.first]!;
    const last = tokens[m.last]!;
    const surface = text.slice(first.start, last.end);
    const multi = m.last > m.first;
    const known = multi ? resolved[m.type].get(m.key) : undefined;
    let canonical = known ?? (isSpelledByKey(m.rule) ? titleCase(m.key) : base(m, surface));
    if (known !== undefined) {
      // resolved at its first mention
    } else if (m.type === "person") {
      const words = personWords(m.key);
      const full = suffixed.get(words.join(" "));
      if (full !== undefined && full !== m) canonical = base(full);
      if (words.length === 1) {
        canonical = personByWord.get(words[0]!) ?? fullName(words[0]!) ?? canonical;
      } else if (words.length > 1) {
        for (const w of [words[0]!, words.at(-1)!]) if (!personByWord.has(w)) personByWord.set(w, canonical);
      }
    } else if (m.type === "organization") {
      const words = multi ? m.key.split(" ").filter((w) => !nameConnectors.has(w)) : undefined;
      if (words !== undefined && words.length > 1) {
        const initials = words.map((w) => w[0]).join("");
        if (!orgByInitials.has(initials)) orgByInitials.set(initials, canonical);
      } else if (!multi && m.key.length >= 2) {
        canonical = orgByInitials.get(m.key) ?? canonical;
      }
    }
    if (multi && known === undefined) resolved[m.type].set(m.key, canonical);
    if (longForms.has(m.key) && !byLongForm.has(m.key)) byLongForm.set(m.key, canonical);
    const long = m.first === m.last ? definitions.get(m.key) : undefined;
    if (long !== undefined) canonical = byLongForm.get(long) ?? canonical;
    // A canonical form can be longer than its surface ("İ" lower-cases to two code units):
    // a name that ends up over the bound is not counted, and is never cut into a fake one.
    if (surface.length > MAX_ENTITY_CHARS || canonical.length > MAX_ENTITY_CHARS) continue;
    entities.push({ text: surface, canonical, type: m.type, start: first.start, end: last.end });
  }
  return entities;
}

function baseCanonical(surface: string, key: string, shouted: boolean, multiWord: boolean): string {
  const alias = aliases.get(key) ?? aliases.get(key.replace(/^the /, ""));
  if (alias) return alias.canonical;
  let c = cleanSurface(surface);
  // "U.N." and "UN" count as one: drop the dots of a dotted acronym.
  if (/^(\p{Lu}\.){2,}$/u.test(c)) c = wordKey(c).toUpperCase();
  // "NEW YORK" in a headline or a dateline is "New York"; a lone "NATO" stays in capitals.
  if ((shouted || multiWord) && isAllCaps(c)) c = titleCase(c);
  // "Apple Inc." and "Apple" are one firm: legal-form suffixes are not counted.
  const bare = c.replace(CORPORATE_SUFFIX, "");
  return bare.length > 1 ? bare : c;
}

/** 'William "Buckshot" May' is counted as William May, the name other articles write. */
const NICKNAME = /\s+["“][^"“”\n]{1,40}["”](?=\s)/u;

const CORPORATE_SUFFIX = /,?\s+(?:&\s+)?(inc|incorporated|corp|corporation|ltd|limited|plc|llc|llp|co|gmbh|ag|sa|nv|bv|pty ltd|pty)\.?$/iu;

export type { EntityType };
