// The rules that type a mention, as a closed union: every rule states what the
// article-level steps (canonical.ts) may do with a mention it typed, so that code
// branches on these flags, never on rule names or debug strings.
import type { EntityType } from "./types.js";

/** How sure the typing is; weaker mentions may be retyped from the rest of the article. */
export type Strength = 3 | 2 | 1 | 0;

export const STRONG = 3; // lexicon, suffix, title
export const MEDIUM = 2; // name lists, acronyms
export const WEAK = 1; // context or default guess
export const NONE = 0; // not a name unless the article says so

interface Traits {
  /** Typed from a single name list: a stronger neighbour in a list ("Microsoft, Meta and Siemens") may overrule it. */
  retypable: boolean;
  /** No rule knew the name: its type is only a placeholder that any evidence in the article replaces. */
  unknown: boolean;
  /** The mention's key, not its surface, spells the name ("@jaketapper" is "jake tapper"): the canonical form comes from the key. */
  spelledByKey: boolean;
}

const fixed: Traits = { retypable: false, unknown: false, spelledByKey: false };
const fromList: Traits = { retypable: true, unknown: false, spelledByKey: false };
const unknownName: Traits = { retypable: false, unknown: true, spelledByKey: false };
const handle: Traits = { retypable: false, unknown: false, spelledByKey: true };

/** Every rule, with its traits. Add a rule here and the type checker asks for its traits. */
export const RULES = {
  // classify: names known as a whole
  alias: fixed, lexicon: fixed, title: fixed,
  // classify: several words
  "org-suffix": fixed, "club-prefix": fixed, "org-of": fixed, "org-for": fixed, "place-of": fixed, "place-suffix": fixed,
  "hall-of-fame": fixed, "stage-name": fixed, nickname: fixed, "org-head-inside": fixed, "service-district": fixed, "acronym-first": fixed,
  "the-plural": fixed, compass: fixed, city: fixed, "first-name": fixed, "place-then-name": fixed,
  "name-then-city": fixed, "common-words": fixed, said: fixed, "people-names": fixed, "place-pair": fixed,
  "surname-end": fixed, "surname-first": fixed, "surname-ending": fixed, "default-multi": unknownName,
  // classify: one word
  "non-name": fixed, "chat-word": fixed, "acronym-stop": fixed, "acronym-2": fixed, acronym: fixed, "common-word": fixed,
  "context-place-1": fromList, company: fromList, "city-1": fromList, "name-list-1": fromList,
  "place-ending": fromList, "default-1": unknownName, "org-head": fixed,
  // chunk.ts and canonical.ts: the article's evidence
  "before-title": fixed, listed: fixed, "same-as": fixed, "person-word": fixed, "repeated-surname": fixed, "name-head": fixed,
  "well-known-surname": fromList,
  // evidence.ts: the words around the name
  "sports-club": fixed, "same-club": fixed, "org-frame": fixed, "org-kind": fixed, "place-kind-of": fixed, "place-kind-after": fixed,
  "copula-kind": fixed, "kind-list": fixed, "acronym-defined": fixed,
  // chunk.ts and handles.ts: social-media handles
  "handle-name": handle, "handle-given": fixed, "handle-org": fixed, "at-place": fixed, "lower-full-name": fixed, eponym: fixed,
} as const satisfies Record<string, Traits>;

export type Rule = keyof typeof RULES;

/** A rule's verdict on one candidate. */
export interface Typing {
  type: EntityType;
  strength: Strength;
  rule: Rule;
}

export const typing = (type: EntityType, strength: Strength, rule: Rule): Typing => ({ type, strength, rule });

export const isRetypable = (rule: Rule): boolean => RULES[rule].retypable;
export const isUnknown = (rule: Rule): boolean => RULES[rule].unknown;
export const isSpelledByKey = (rule: Rule): boolean => RULES[rule].spelledByKey;
