// The lexicon snapshot's file and format. Each list is stored as one string of
// lines, and each list of pairs as two such strings (keys, values): a thread
// then parses a few long strings and splits them, which costs about a third of
// parsing ~100,000 small JSON arrays and strings (the cold start per thread).
import type { LexiconData } from "./sources.js";

/** File name of the lexicon snapshot, written beside the compiled lexicon module (lexicon.js). */
export const SNAPSHOT_FILE = "lexicon.snapshot.json";

type Packed = Record<string, string | [string, string]>;

const lines = (words: readonly string[], field: string): string => {
  for (const w of words) if (w.includes("\n")) throw new Error(`lexicon ${field}: an entry holds a line break: ${JSON.stringify(w)}`);
  return words.join("\n");
};
const unlines = (s: string): string[] => (s === "" ? [] : s.split("\n"));

/** The snapshot's text for `data`. */
export function packLexicon(data: LexiconData): string {
  const packed: Packed = {};
  for (const [field, list] of Object.entries(data) as Array<[string, Array<string | [string, string]>]>) {
    packed[field] =
      list.length > 0 && Array.isArray(list[0])
        ? [lines((list as [string, string][]).map((p) => p[0]), field), lines((list as [string, string][]).map((p) => p[1]), field)]
        : lines(list as string[], field);
  }
  return JSON.stringify(packed);
}

/** The lexicon data of a snapshot's text (packLexicon's inverse). */
export function unpackLexicon(text: string): LexiconData {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(JSON.parse(text) as Packed)) {
    if (typeof v === "string") {
      out[field] = unlines(v);
    } else {
      const keys = unlines(v[0]);
      const values = unlines(v[1]);
      out[field] = keys.map((k, i) => [k, values[i]]);
    }
  }
  return out as unknown as LexiconData;
}
