// Tokeniser with character offsets and sentence starts. Kept separate from
// compromise's parser because only offsets and capitalisation are needed, and
// a single regex pass is several times faster than a full parse.

/** "handle": the account name of an @handle, without its "@" (never part of a prose name). */
export type TokenKind = "word" | "num" | "poss" | "punct" | "handle";

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** First word of a sentence (after opening quotes/brackets). */
  sentStart: boolean;
  /** Index of the sentence the token belongs to. */
  sent: number;
}

import type { WorkMeter } from "./limits.js";

// Abbreviations whose period belongs to the word and does not end a sentence.
const ABBREV = new Set([
  "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
  "sen", "rep", "gov", "rev", "st", "mt", "ft", "jr", "sr", "inc", "corp", "ltd", "co", "bros",
  "vs", "no", "dept", "univ", "assn", "messrs", "pres", "supt", "insp", "det", "cpl", "pvt", "fr",
]);

// Order matters: URLs/hashtags/handles, dotted acronyms (U.S.), words (with inner ' - . &), possessive, numbers, other.
const TOKEN_RE =
  /((?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{N}_]+)|(\p{Lu}\.(?:\p{Lu}\.)+)|([\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’&][\p{L}\p{M}\p{N}]+)*(?:\.(?:com|org|net|io|co\.uk)\b)?)|(\p{N}+\p{Lu}[\p{L}\p{N}]*|\p{N}[\p{N}.,:/-]*\p{N}%?|\p{N}%?)|(\S)/gu;

const SENT_END = new Set([".", "!", "?", "…"]);
const CLAUSE_MARKS = new Set([",", ";", ":", "&", "/", "+", "=", "%", "$", "€", "£"]);

export function tokenize(text: string, meter: WorkMeter): Token[] {
  const out: Token[] = [];
  let newSentence = true;
  let sent = -1;
  let lastEnd = 0;
  const breakFrom = (pos: number): number => {
    const k = text.indexOf("\n", pos);
    return k < 0 ? Infinity : k;
  };
  let nextBreak = breakFrom(0); // the first line break at or after lastEnd (tokens never hold one)
  const none: (string | undefined)[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE_AT.test(text[pos]!))) {
      pos++; // every \s character is one code unit
      continue;
    }
    meter.tick();
    const start = pos;
    // Plain punctuation is a token of one character: no regex needed (punctuation-heavy
    // text has a token per character). Anything else goes through TOKEN_RE at this position.
    let m: (string | undefined)[];
    let word: string;
    if (c < 128 ? ASCII_PUNCT[c] === 1 : TYPOGRAPHIC.has(c)) {
      word = text[pos]!;
      m = none;
      m[5] = word;
      pos++;
    } else {
      TOKEN_AT.lastIndex = pos;
      const found = TOKEN_AT.exec(text)!; // (\S) matches any character that is not a space
      m = found;
      word = found[0];
      pos = TOKEN_AT.lastIndex;
    }
    // A line break always starts a new sentence (headlines, list items, posts).
    if (nextBreak < start) {
      newSentence = true;
      nextBreak = breakFrom(start);
    }
    // Handles are not prose: like punctuation, they neither start nor continue a sentence.
    const handleWord = m[3] !== undefined && afterLoneAt(out, text, start);
    const isPunct = m[5] !== undefined || m[1] !== undefined || handleWord;
    if (!isPunct && (newSentence || sent < 0)) sent++;
    const first = newSentence && !isPunct;

    if (m[1] !== undefined) {
      // URLs, #hashtags and @handles are not prose: never part of a name. An @handle (not the
      // "@" of an e-mail address) is cut into "@" and the account name, which the handle rule reads.
      if (word[0] === "@" && !WORD_BEFORE.test(text[start - 1] ?? "")) {
        push(out, "@", start, "punct", false, Math.max(sent, 0));
        push(out, word.slice(1), start + 1, "handle", false, Math.max(sent, 0));
      } else {
        push(out, word, start, "punct", false, Math.max(sent, 0));
      }
    } else if (handleWord) {
      // Text tokenised before it reached us writes "@ name": the word after a lone "@" is the handle.
      push(out, word, start, "handle", false, Math.max(sent, 0));
    } else if (m[2] !== undefined || m[4] !== undefined) {
      // "6PR" (a call sign) is a word; "1990", "5%" are numbers.
      push(out, word, start, m[2] !== undefined || /\p{L}/u.test(word) ? "word" : "num", first, sent);
    } else if (m[3] !== undefined) {
      // Split a trailing possessive ('s, ’s, or a bare ' after s) off the name.
      const poss = /['’]s?$/u.exec(word);
      if (poss && poss.index > 0 && (poss[0].length === 2 || /s['’]$/u.test(word))) {
        push(out, word.slice(0, poss.index), start, "word", first, sent);
        push(out, poss[0], start + poss.index, "poss", false, sent);
      } else if (text[start + word.length] === "." && (ABBREV.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) {
        // Keep the period of an abbreviation or an initial ("J.") inside the token.
        push(out, word + ".", start, "word", first, sent);
      } else {
        push(out, word, start, "word", first, sent);
      }
    } else {
      push(out, word, start, "punct", false, Math.max(sent, 0));
    }
    if (m[1] !== undefined || handleWord) {
      // keep the sentence state
    } else if (isPunct) {
      // After a full stop, brackets and quotes ("(Applause.) In ...") keep the new sentence open.
      if (SENT_END.has(word)) newSentence = true;
      else if (CLAUSE_MARKS.has(word)) newSentence = false;
    } else {
      newSentence = false;
    }
    lastEnd = out[out.length - 1]!.end;
    if (pos < lastEnd) pos = lastEnd; // the period an abbreviation took
  }
  return out;
}

const WORD_BEFORE = /[\p{L}\p{N}_]/u;

/** Is the token at `start` right after a lone "@" (one space at most, same line)? */
function afterLoneAt(out: Token[], text: string, start: number): boolean {
  const prev = out[out.length - 1];
  if (prev === undefined || prev.text !== "@" || start - prev.end > 1) return false;
  return start === prev.end || text[prev.end] === " ";
}

const TOKEN_AT = new RegExp(TOKEN_RE.source, "uy"); // sticky: one match exactly at lastIndex
const SPACE_AT = /\s/u;
// Typographic punctuation of news text (… “ ” ‘ ’ – — « »): one-character tokens too.
const TYPOGRAPHIC = new Set([0x2026, 0x201c, 0x201d, 0x2018, 0x2019, 0x2013, 0x2014, 0xab, 0xbb]);
// ASCII characters that only the last alternative of TOKEN_RE, (\S), can match.
const ASCII_PUNCT = new Uint8Array(128).map((_, c) => (c > 32 && c < 127 && !/[A-Za-z0-9#@]/.test(String.fromCharCode(c)) ? 1 : 0));

function push(out: Token[], text: string, start: number, kind: TokenKind, sentStart: boolean, sent: number): void {
  out.push({ text, start, end: start + text.length, kind, sentStart, sent });
}
