// Public entry: named entities (people, organisations, places) in one article.
// Synchronous, deterministic, no I/O per call; lexicons are built at module load.
//
// Pipeline: tokenize.ts (offsets, sentences) -> context.ts (headlines in capitals
// or Title Case) -> chunk.ts (candidate names: capitalised runs, titles, particles)
// -> rules.ts (type from lexicon.ts / words.ts, suffixes, context) -> canonical.ts
// (article-level retyping, lists, short mentions -> full names, aliases).
import { resolveTypes, toEntities } from "./canonical.js";
import { findMentions } from "./chunk.js";
import { shoutingSentences } from "./context.js";
import { tokenize } from "./tokenize.js";
import type { Entity } from "./types.js";

export type { Entity, EntityType } from "./types.js";

/** Entities in reading order; `text === input.slice(start, end)`, `canonical` is what is counted. */
export function extractEntities(text: string): Entity[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const tokens = tokenize(text);
  const shouting = shoutingSentences(tokens);
  const mentions = resolveTypes(findMentions(tokens, shouting), tokens);
  return toEntities(mentions, tokens, text, (s) => shouting.has(s));
}
