// The two extractors under test, loaded lazily so each child process measures
// only its own module load time and memory.
import type { EntityType, Span } from "./conll.ts";

export type ExtractorName = "product" | "compromise";
export type Extract = (text: string) => Span[];

interface OffsetJson {
  offset?: { start: number; length: number };
}

export async function loadExtractor(name: ExtractorName): Promise<Extract> {
  if (name === "product") {
    const mod = await import("@newsroom/core/extract");
    return (text) =>
      mod.extractEntities(text).map((e: { start: number; end: number; type: EntityType; text: string }) => ({
        start: e.start,
        end: e.end,
        type: e.type,
        text: e.text,
      }));
  }
  const nlp = (await import("compromise")).default;
  // Plain compromise, as the original app used it: spans exactly as it reports them.
  return (text) => {
    const doc = nlp(text);
    const out: Span[] = [];
    const add = (view: { json: (o: object) => unknown }, type: EntityType): void => {
      for (const m of view.json({ offset: true, terms: false, text: false }) as OffsetJson[]) {
        if (!m.offset) continue;
        const start = m.offset.start;
        const end = start + m.offset.length;
        out.push({ start, end, type, text: text.slice(start, end) });
      }
    };
    add(doc.people(), "person");
    add(doc.organizations(), "organization");
    add(doc.places(), "place");
    return out;
  };
}
