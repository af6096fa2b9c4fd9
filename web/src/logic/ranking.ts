// The dashboard's order of entities, identical to the Firestore queries':
// count descending, then document id descending (Firestore orders __name__ in
// the direction of the last orderBy, so no extra index is needed).
import type { Entity, TypeFilter } from "./types.ts";

export function compareEntities(a: Pick<Entity, "count" | "id">, b: Pick<Entity, "count" | "id">): number {
  if (a.count !== b.count) return b.count - a.count;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** A sorted copy, optionally only one type, at most `limit` long. */
export function rankEntities<T extends Entity>(entities: readonly T[], filter: TypeFilter = "all", limit = Infinity): T[] {
  return entities
    .filter((e) => filter === "all" || e.type === filter)
    .sort(compareEntities)
    .slice(0, limit);
}

/** 1-based positions of the items on page `pageIndex` (0-based) of `pageSize`. */
export function positions(pageIndex: number, pageSize: number, itemsOnPage: number): number[] {
  return Array.from({ length: itemsOnPage }, (_, i) => pageIndex * pageSize + i + 1);
}
