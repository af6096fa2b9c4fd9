// Bounds on what one mention may be, and a deterministic meter of the work done.
// Real names are short: the longest in the development sets and in news are
// about seven tokens ("Royal Society for the Protection of Birds"). A longer
// run of capitalised words is a headline, a list or hostile input, not a name.

/** Longest `text` or `canonical` of a returned entity, in UTF-16 code units. */
export const MAX_ENTITY_CHARS = 128;
/** Most tokens (words, connectors and inner punctuation) in one candidate name. */
export const MAX_SPAN_TOKENS = 10;

let steps = 0;

/** Count `n` steps of work (a token visited, a key compared). Cheap enough for every loop. */
export function tick(n = 1): void {
  steps += n;
}

/**
 * Steps counted since the module loaded. For tests: the difference around one call
 * is that call's work, which must grow linearly with the input's length.
 */
export function workSteps(): number {
  return steps;
}
