// The shapes the dashboard works with, decoded from Firestore documents
// (functions/src/shared/layout.ts is the layout they come from). Every
// Firestore shape the web app needs lives here and only here.
export const ENTITY_TYPES = ["person", "organization", "place"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export type TypeFilter = EntityType | "all";

/** `days`: articles per UTC day ("YYYY-MM-DD"), by publishedAt else receipt. */
export type Publication = { key: string; name: string; articleCount: number; days: Record<string, number> };
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
  return { key, name: name ?? key, articleCount, days: decodeDays(data.days) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A days map; entries that are not a day with a count are dropped (one bad entry spoils nothing else). */
function decodeDays(value: unknown): Record<string, number> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => DAY.test(k) && isCount(v)));
}

/** A publications/{key}/ents/{id} document, or null when it is malformed. */
export function decodeEntity(id: string, data: Record<string, unknown>): Entity | null {
  const { word, type, count } = data;
  const articles = data.articles ?? 0;
  if (typeof word !== "string" || word === "" || !isEntityType(type) || !isCount(count) || !isCount(articles)) return null;
  return { id, word, type, count, articles };
}

/** rollup/status: counts include every post committed before completeThrough (epoch ms). */
export type RollupStatus = { completeThrough: number; windowSeconds: number };

export function decodeRollupStatus(data: Record<string, unknown> | undefined): RollupStatus | null {
  const completeThrough = data?.completeThrough;
  const windowSeconds = data?.windowSeconds ?? 30;
  if (!isCount(completeThrough) || !isCount(windowSeconds)) return null;
  return { completeThrough, windowSeconds };
}

/** A Firestore Timestamp (either SDK's) or Date as epoch ms. */
export function timeMs(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  const t = value as { toMillis?: unknown } | null;
  if (t && typeof t.toMillis === "function") {
    const ms = (t.toMillis as () => unknown).call(t);
    return typeof ms === "number" && Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** articles/{id}: only when it was received (the newest tells whether counts are pending). */
export function decodeArticleReceivedAt(data: Record<string, unknown>): number | null {
  return timeMs(data.receivedAt);
}
