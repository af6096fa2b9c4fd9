import nlp from "compromise";

export type EntityType = "person" | "organization" | "place";
export interface Entity {
  text: string;
  canonical: string;
  type: EntityType;
  start: number;
  end: number;
}

export function extractEntities(text: string): Entity[] {
  const doc = nlp(text);
  const out: Entity[] = [];
  const add = (v: { json: (o: object) => unknown }, type: EntityType) => {
    for (const m of v.json({ offset: true }) as Array<{ offset: { start: number; length: number } }>) {
      const s = m.offset.start, e = s + m.offset.length;
      out.push({ text: text.slice(s, e), canonical: text.slice(s, e), type, start: s, end: e });
    }
  };
  add(doc.people(), "person");
  add(doc.organizations(), "organization");
  add(doc.places(), "place");
  return out;
}
