// Bounds on what one mention may be, and the meter of the work done.
// Real names are short: the longest in the development sets and in news are
// about seven tokens ("Royal Society for the Protection of Birds"). A longer
// run of capitalised words is a headline, a list or hostile input, not a name.

/** Longest `text` or `canonical` of a returned entity, in UTF-16 code units. */
export const MAX_ENTITY_CHARS = 128;
/** Most tokens (words, connectors and inner punctuation) in one candidate name. */
export const MAX_SPAN_TOKENS = 10;

/**
 * Counts steps of work (a token visited, a key compared), deterministically: whoever
 * passes one to an extraction can check that the work grows linearly with the input.
 */
export interface WorkMeter {
  tick(n?: number): void;
}

/** The meter of an extraction nobody measures. */
export const NO_METER: WorkMeter = { tick: () => {} };
