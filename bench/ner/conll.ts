// CoNLL reading: tokens + tags -> documents with reconstructed text and gold spans.
// Text is rebuilt by joining tokens with spaces (sentences with "\n"), so gold
// spans are exact character offsets into the text the extractor sees.

export type EntityType = "person" | "organization" | "place";

export interface Span {
  start: number;
  end: number;
  type: EntityType;
  text: string;
}

export interface Doc {
  text: string;
  tokens: number;
  gold: Span[];
}

/** Gold tag label (without B-/I-) -> product type; undefined means ignored. */
export function mapLabel(label: string): EntityType | undefined {
  switch (label.toLowerCase()) {
    case "per":
    case "person":
      return "person";
    case "org":
    case "corporation":
    case "group":
      return "organization";
    case "loc":
    case "location":
      return "place";
    default:
      return undefined; // MISC, product, creative-work, ...
  }
}

interface Token {
  word: string;
  tag: string;
}

/**
 * Parse CoNLL text. Documents are separated by -DOCSTART- lines; a file
 * without any -DOCSTART- (WNUT17) is one document per blank-line block.
 */
export function parseConll(source: string): Doc[] {
  const lines = source.split(/\r?\n/);
  const hasDocStart = lines.some((l) => l.startsWith("-DOCSTART-"));
  const docs: Doc[] = [];
  let sentences: Token[][] = [];
  let sentence: Token[] = [];

  const endSentence = (): void => {
    if (sentence.length > 0) sentences.push(sentence);
    sentence = [];
  };
  const endDoc = (): void => {
    endSentence();
    if (sentences.length > 0) docs.push(buildDoc(sentences));
    sentences = [];
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith("-DOCSTART-")) {
      endDoc();
      continue;
    }
    if (line === "") {
      if (hasDocStart) endSentence();
      else endDoc();
      continue;
    }
    const parts = line.split(/[\t ]+/);
    const tag = parts.length > 1 ? (parts[parts.length - 1] ?? "O") : "O";
    const word = parts.length > 1 ? parts.slice(0, -1).join(" ") : line;
    sentence.push({ word, tag });
  }
  endDoc();
  return docs;
}

function buildDoc(sentences: Token[][]): Doc {
  let text = "";
  let tokens = 0;
  const gold: Span[] = [];
  let open: { start: number; end: number; type: EntityType } | undefined;
  let openLabel = "";

  const close = (): void => {
    if (open) gold.push({ ...open, text: text.slice(open.start, open.end) });
    open = undefined;
    openLabel = "";
  };

  sentences.forEach((sentence, si) => {
    if (si > 0) text += "\n";
    close(); // entities never cross sentence boundaries
    sentence.forEach((tok, ti) => {
      if (ti > 0) text += " ";
      const start = text.length;
      text += tok.word;
      const end = text.length;
      tokens++;

      const m = /^([BI])-(.+)$/.exec(tok.tag);
      const prefix = m?.[1];
      const label = m?.[2] ?? "";
      const type = m ? mapLabel(label) : undefined;
      // A new entity starts at B-, or at I- after O or a different label (IO tagging).
      if (!m || prefix === "B" || label !== openLabel) close();
      if (!m) return;
      if (open) {
        open.end = end;
      } else {
        openLabel = label;
        if (type) open = { start, end, type };
        else open = undefined;
      }
      // Keep tracking an ignored label so its I- continuation is not misread.
      if (!type) openLabel = label;
    });
  });
  close();
  return { text, tokens, gold };
}
