// The lexicon snapshot's file and format. Every list is stored packed as a hash
// table (../word-table.ts): a thread reads one file, decodes each list's text
// once and wraps typed arrays over the rest, so it builds no Set or Map of the
// ~175,000 words (the cold start per thread; building them took ~40 ms).
//
// Layout: u32 header length | header JSON | padding to 4 bytes | u32 arrays |
// UTF-8 text. The header gives, per list, where its arrays and text lie.
import { packList, type PackedList, WordTable } from "../word-table.js";
import type { LexiconData } from "./sources.js";

/** File name of the lexicon snapshot, written beside the compiled lexicon module (lexicon.js). */
export const SNAPSHOT_FILE = "lexicon.snapshot.bin";

/** The lists of pairs (word -> value); every other list is a set of words. */
const PAIR_LISTS = ["knownNames", "commonWords", "wellKnownSurnames"] as const satisfies ReadonlyArray<keyof LexiconData>;
type PairList = (typeof PAIR_LISTS)[number];
const isPairList = (field: string): field is PairList => (PAIR_LISTS as readonly string[]).includes(field);

/** The lexicon as threads read it: each list a lookup table. */
export type Lexicon = {
  [K in keyof LexiconData]: LexiconData[K] extends Array<[string, infer V extends string]> ? WordTable<V> : WordTable;
};

type Span = [start: number, length: number];
interface ListHeader {
  text: Span;
  starts: Span;
  slots: Span;
  values?: string[];
  valueIndex?: Span;
}

// The arrays are written and read in the machine's byte order; every Node
// platform Cloud Functions runs is little-endian, and a mismatch is refused.
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The snapshot's bytes for `data`. */
export function packLexicon(data: LexiconData): Uint8Array {
  const headers: Record<string, ListHeader> = {};
  const arrays: Uint32Array[] = [];
  const texts: Buffer[] = [];
  let words = 0;
  let bytes = 0;
  const place = (a: Uint32Array): Span => {
    arrays.push(a);
    words += a.length;
    return [words - a.length, a.length];
  };
  for (const [field, list] of Object.entries(data) as Array<[keyof LexiconData, Array<string | [string, string]>]>) {
    const packed: PackedList = isPairList(field)
      ? packList((list as [string, string][]).map((p) => p[0]), (list as [string, string][]).map((p) => p[1]))
      : packList(list as string[]);
    const text = Buffer.from(packed.text, "utf8");
    texts.push(text);
    headers[field] = {
      text: [bytes, text.length],
      starts: place(packed.starts),
      slots: place(packed.slots),
      ...(packed.values && packed.valueIndex ? { values: packed.values, valueIndex: place(packed.valueIndex) } : {}),
    };
    bytes += text.length;
  }
  const header = Buffer.from(JSON.stringify({ littleEndian, lists: headers }), "utf8");
  const arraysAt = Math.ceil((4 + header.length) / 4) * 4;
  const out = new Uint8Array(arraysAt + words * 4 + bytes);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  const u32 = new Uint32Array(out.buffer, arraysAt, words);
  let at = 0;
  for (const a of arrays) {
    u32.set(a, at);
    at += a.length;
  }
  let textAt = arraysAt + words * 4;
  for (const t of texts) {
    out.set(t, textAt);
    textAt += t.length;
  }
  return out;
}

/** The lexicon of a snapshot's bytes (packLexicon's inverse). The tables view `bytes`: keep it unchanged. */
export function unpackLexicon(bytes: Uint8Array): Lexicon {
  // Typed arrays need 4-byte alignment within their buffer; a pooled Buffer may not have it.
  const buf = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const headerLength = new DataView(buf.buffer, buf.byteOffset).getUint32(0, true);
  const { littleEndian: written, lists } = JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + 4, headerLength).toString("utf8")) as {
    littleEndian: boolean;
    lists: Record<string, ListHeader>;
  };
  if (written !== littleEndian) throw new Error("lexicon snapshot: written on a machine of the other byte order; rebuild it here");
  const arraysAt = buf.byteOffset + Math.ceil((4 + headerLength) / 4) * 4;
  let words = 0;
  for (const h of Object.values(lists)) words += h.starts[1] + h.slots[1] + (h.valueIndex?.[1] ?? 0);
  const textAt = arraysAt + words * 4;
  const view = ([start, length]: Span) => new Uint32Array(buf.buffer, arraysAt + start * 4, length);
  const out: Record<string, WordTable> = {};
  for (const [field, h] of Object.entries(lists)) {
    out[field] = new WordTable({
      text: Buffer.from(buf.buffer, textAt + h.text[0], h.text[1]).toString("utf8"),
      starts: view(h.starts),
      slots: view(h.slots),
      ...(h.values && h.valueIndex ? { values: h.values, valueIndex: view(h.valueIndex) } : {}),
    });
  }
  return out as Lexicon;
}

/** The lists of a lexicon, in their packed order (for tests comparing it with the sources). */
export function lexiconData(lexicon: Lexicon): LexiconData {
  const out: Record<string, unknown> = {};
  for (const [field, table] of Object.entries(lexicon) as Array<[string, WordTable]>) {
    out[field] = isPairList(field) ? table.entries() : table.keys();
  }
  return out as unknown as LexiconData;
}
