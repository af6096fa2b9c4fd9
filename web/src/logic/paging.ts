// Cursor-based paging over entities ranked by (count desc, id desc), ten at a
// time. Pure state transitions; the data layer turns a PageRequest into a
// Firestore query (startAfter / endBefore on [count, id]).
import type { Entity } from "./types.ts";

export type Cursor = { count: number; id: string };
export type PageRequest =
  | { kind: "first" }
  | { kind: "after"; cursor: Cursor } // the page starting right after cursor
  | { kind: "before"; cursor: Cursor }; // the page ending right before cursor

export type PagingState = { pageSize: number; pageIndex: number; request: PageRequest };

export type Page<T> = { items: T[]; hasPrev: boolean; hasNext: boolean; pageIndex: number };

export function firstPage(pageSize = 10): PagingState {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  return { pageSize, pageIndex: 0, request: { kind: "first" } };
}

/** How many documents to ask for: one more than a page tells whether another page exists. */
export function fetchSize(state: PagingState): number {
  return state.pageSize + 1;
}

const cursorOf = (e: Pick<Entity, "count" | "id">): Cursor => ({ count: e.count, id: e.id });

/** The visible page for the documents the request returned (in ranking order). */
export function toPage<T extends Pick<Entity, "count" | "id">>(state: PagingState, docs: readonly T[]): Page<T> {
  const { pageSize, pageIndex, request } = state;
  if (request.kind === "before") {
    // limitToLast(pageSize + 1): an extra document sits at the front.
    return { items: docs.slice(-pageSize), hasPrev: docs.length > pageSize, hasNext: true, pageIndex };
  }
  return { items: docs.slice(0, pageSize), hasPrev: pageIndex > 0, hasNext: docs.length > pageSize, pageIndex };
}

/**
 * A request that no longer matches where the data is: going back found no
 * full page before the cursor (entities moved up meanwhile), so this is the
 * first page after all. Returns the state to use instead, or null if fine.
 */
export function reconcile(state: PagingState, docs: readonly unknown[]): PagingState | null {
  if (state.request.kind === "before" && docs.length <= state.pageSize) return firstPage(state.pageSize);
  return null;
}

export function next<T extends Pick<Entity, "count" | "id">>(state: PagingState, page: Page<T>): PagingState {
  const last = page.items.at(-1);
  if (!page.hasNext || !last) return state;
  return { ...state, pageIndex: state.pageIndex + 1, request: { kind: "after", cursor: cursorOf(last) } };
}

export function prev<T extends Pick<Entity, "count" | "id">>(state: PagingState, page: Page<T>): PagingState {
  const first = page.items[0];
  if (state.pageIndex === 0) return state;
  // Back to the top is always the plain first query, so live changes there show.
  if (state.pageIndex === 1 || !first) return firstPage(state.pageSize);
  return { ...state, pageIndex: state.pageIndex - 1, request: { kind: "before", cursor: cursorOf(first) } };
}
