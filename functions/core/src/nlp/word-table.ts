// Read-only word lookups over packed data: an open-addressing hash table whose
// entries are lines of one string. The lexicon's big lists (up to ~45,000 words
// each) are packed at build time, so a new thread wraps a few typed arrays and
// one decoded string instead of building Sets and Maps of ~175,000 strings.

/** What the extractor asks of a word list. */
export interface WordSet {
  has(word: string): boolean;
}
/** What the extractor asks of a word -> value list. */
export interface WordMap<V extends string = string> extends WordSet {
  get(word: string): V | undefined;
}

/** FNV-1a over UTF-16 code units: the build and every lookup hash the same way. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The packed form of one list: what the snapshot stores, and what a table reads. */
export interface PackedList {
  /** The entries, each followed by "\n". */
  text: string;
  /** Where entry i starts in `text`; one more element than entries (the end). */
  starts: Uint32Array;
  /** Hash slots, a power of two at most half full: 0 is empty, else entry index + 1. */
  slots: Uint32Array;
  /** For a map: the distinct values, and each entry's index into them. */
  values?: string[];
  valueIndex?: Uint32Array;
}

const slotCount = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n * 2)));

/** Packs distinct `keys`, and for a map each key's value (`values[i]` for `keys[i]`). */
export function packList(keys: readonly string[], values?: readonly string[]): PackedList {
  if (values && values.length !== keys.length) throw new Error(`word table: ${keys.length} keys but ${values.length} values`);
  const starts = new Uint32Array(keys.length + 1);
  const slots = new Uint32Array(slotCount(keys.length));
  const mask = slots.length - 1;
  let at = 0;
  keys.forEach((key, i) => {
    if (key.includes("\n") || !key.isWellFormed()) throw new Error(`word table: an entry holds a line break or a lone surrogate: ${JSON.stringify(key)}`);
    starts[i] = at;
    at += key.length + 1;
    let s = hashWord(key) & mask;
    while (slots[s] !== 0) {
      if (keys[slots[s]! - 1] === key) throw new Error(`word table: a duplicate entry: ${JSON.stringify(key)}`);
      s = (s + 1) & mask;
    }
    slots[s] = i + 1;
  });
  starts[keys.length] = at;
  const text = keys.map((k) => `${k}\n`).join("");
  if (!values) return { text, starts, slots };
  const distinct = [...new Set(values)];
  const index = new Map(distinct.map((v, i) => [v, i]));
  return { text, starts, slots, values: distinct, valueIndex: Uint32Array.from(values, (v) => index.get(v)!) };
}

/** A lookup over a packed list. Lookups allocate nothing: a hash, then compares in place. */
export class WordTable<V extends string = string> implements WordMap<V> {
  readonly size: number;
  constructor(private readonly list: PackedList) {
    this.size = list.starts.length - 1;
  }

  private find(word: string): number {
    const { text, starts, slots } = this.list;
    const mask = slots.length - 1;
    // At most half full, so a probe always reaches an empty slot.
    for (let s = hashWord(word) & mask; ; s = (s + 1) & mask) {
      const e = slots[s]!;
      if (e === 0) return -1;
      const at = starts[e - 1]!;
      if (starts[e]! - at - 1 === word.length && text.startsWith(word, at)) return e - 1;
    }
  }

  has(word: string): boolean {
    return this.find(word) >= 0;
  }

  get(word: string): V | undefined {
    const i = this.find(word);
    const { values, valueIndex } = this.list;
    return i < 0 || !values || !valueIndex ? undefined : (values[valueIndex[i]!] as V);
  }

  /** The entries in their packed order (for small lists that are copied into Sets). */
  keys(): string[] {
    const { text, starts } = this.list;
    return Array.from({ length: this.size }, (_, i) => text.slice(starts[i]!, starts[i + 1]! - 1));
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  /** The entries with their values, in packed order (a map's round trip). */
  entries(): Array<[string, V]> {
    const { values, valueIndex } = this.list;
    if (!values || !valueIndex) throw new Error("word table: entries() of a list without values");
    return this.keys().map((k, i) => [k, values[valueIndex[i]!] as V]);
  }
}
