// The shapes the dashboard works with, decoded from Firestore documents.
export const ENTITY_TYPES = ["person", "organization", "place"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export type TypeFilter = EntityType | "all";

export type Publication = { key: string; name: string; articleCount: number };
export type Entity = { id: string; word: string; type: EntityType; count: number; articles: number };

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === "string" && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function parseTypeFilter(value: string | null | undefined): TypeFilter {
  return isEntityType(value) ? value : "all";
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** A publications/{key} document, or null when it lacks the fields the page needs. */
export function decodePublication(key: string, data: Record<string, unknown>): Publication | null {
  const name = typeof data.name === "string" && data.name.trim() !== "" ? data.name : null;
  const articleCount = data.articleCount ?? 0;
  if (!isCount(articleCount)) return null;
  return { key, name: name ?? key, articleCount };
}

/** A publications/{key}/ents/{id} document, or null when it is malformed. */
export function decodeEntity(id: string, data: Record<string, unknown>): Entity | null {
  const { word, type, count } = data;
  const articles = data.articles ?? 0;
  if (typeof word !== "string" || word === "" || !isEntityType(type) || !isCount(count) || !isCount(articles)) return null;
  return { id, word, type, count, articles };
}
