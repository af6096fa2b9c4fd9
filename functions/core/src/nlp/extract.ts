// Public entry: named entities (people, organisations, places) in one article.
// Synchronous, deterministic, no I/O per call; lexicons are built at module load.
//
// Pipeline: tokenize.ts (offsets, sentences) -> context.ts (headlines in capitals
// or Title Case) -> chunk.ts (candidate names: capitalised runs, titles, particles)
// -> rules.ts (type from lexicon.ts / words.ts, suffixes, context) -> evidence.ts
// (acronyms the text defines, organisation frames, sports results) -> canonical.ts
// (article-level retyping, lists, short mentions -> full names; aliases.ts) -> works.ts
// (names inside a quoted title of a work are not counted).
// Every step is linear in the input: candidate spans have at most MAX_SPAN_TOKENS
// tokens, and no name is longer than MAX_ENTITY_CHARS (limits.ts).
import { resolveTypes, toEntities } from "./canonical.js";
import { findMentions } from "./chunk.js";
import { buildContext, shoutingSentences, tokenFacts } from "./context.js";
import { applyEvidence } from "./evidence.js";
import { NO_METER, type WorkMeter } from "./limits.js";
import { tokenize } from "./tokenize.js";
import { outsideTitles } from "./works.js";
import type { Entity } from "./types.js";

export type { Entity, EntityType } from "./types.js";
export { MAX_ENTITY_CHARS, MAX_SPAN_TOKENS, type WorkMeter } from "./limits.js";

export interface ExtractOptions {
  /** Counts the steps of work, to check that they grow linearly with the text (hostile-input tests). */
  meter?: WorkMeter;
}
export { aliasKeys } from "./name-parts.js";

/** Entities in reading order; `text === input.slice(start, end)`, `canonical` is what is counted. Never throws. */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  try {
    return extract(text, options.meter ?? NO_METER);
  } catch (e) {
    // Last resort only: one bad article must not fail a whole message of posts.
    // The causes are fixed where found; the hostile-input tests fail if this line logs.
    console.error(`extractEntities: no entities for a text of ${String(text?.length)} chars: ${String(e)}`);
    return [];
  }
}

/** The extraction itself, without the guard. */
function extract(text: string, meter: WorkMeter): Entity[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const tokens = tokenize(text, meter);
  const facts = tokenFacts(tokens, meter);
  const shouting = shoutingSentences(tokens, facts, meter);
  const ctx = buildContext(tokens, facts, shouting, meter);
  const found = findMentions(ctx);
  const definitions = applyEvidence(ctx, found);
  const kept = outsideTitles(resolveTypes(found, tokens, meter), tokens, meter);
  return toEntities(kept, tokens, text, (s) => shouting.has(s), definitions, meter);
}
