// Titles of works in quotation marks: '"Anarchy in Tokyo"', '"Made in Miami"'. A title
// names a song, book or film, not the place or person inside it, so the names inside are
// not counted (the CoNLL convention: the title is a miscellaneous name). A name that is
// the whole quoted text ('"Bank of America"') stays.
import type { WorkMeter } from "./limits.js";
import { TITLE_CASE_SMALL, type Mention } from "./context.js";
import type { Token } from "./tokenize.js";
import { CLOSE_QUOTES, OPEN_QUOTES } from "./words.js";

/** Longest quoted title, in words. */
const MAX_TITLE_WORDS = 8;

/** The mentions that are not a part of a quoted title. */
export function outsideTitles(mentions: Mention[], tokens: Token[], meter: WorkMeter): Mention[] {
  const titles: [number, number][] = []; // token ranges inside the quotes
  for (let i = 0; i < tokens.length; i++) {
    if (!OPEN_QUOTES.has(tokens[i]!.text)) continue;
    const end = titleEnd(tokens, i + 1);
    if (end < 0) continue;
    titles.push([i + 1, end - 1]);
    i = end; // the closing quote opens nothing
  }
  if (titles.length === 0) return mentions;
  meter.tick(mentions.length + titles.length);
  const out: Mention[] = [];
  let t = 0; // both lists are in reading order
  for (const m of mentions) {
    while (t < titles.length && titles[t]![1] < m.first) t++;
    const title = titles[t];
    const inside = title !== undefined && m.first >= title[0] && m.last <= title[1];
    if (!inside || (m.first === title[0] && m.last === title[1])) out.push(m);
  }
  return out;
}

/**
 * Index of the quote that closes a title starting at token k, or -1: up to eight words in the
 * same sentence, the first capitalised, every other capitalised or a small word, at least one
 * small word in lower case (so '"Cary Towne Center"' is a name in quotes, not a title).
 */
function titleEnd(tokens: Token[], k: number): number {
  let words = 0;
  let small = false;
  for (let e = k; e < tokens.length && e - k <= MAX_TITLE_WORDS; e++) {
    const t = tokens[e]!;
    if (CLOSE_QUOTES.has(t.text)) return words >= 2 && small ? e : -1;
    if (t.sent !== tokens[k]!.sent || t.kind !== "word") return -1;
    const lower = /^\p{Ll}/u.test(t.text);
    if (lower && (words === 0 || !TITLE_CASE_SMALL.has(t.text))) return -1;
    small ||= lower;
    words++;
  }
  return -1;
}
