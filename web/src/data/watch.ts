// Firestore listeners: publications by article count, a scope's top
// entities, one page of a scope's ranked entities, and a scope's totals
// and year documents (a scope: one publication, or null for all of them, whose
// documents are global/totals and entities/ in the same shapes). Every
// result is decoded and malformed documents are skipped; callers get plain
// data. Every query has a limit within what the security rules allow (queryLimit).
import {
  collection,
  doc,
  documentId,
  endBefore,
  limit,
  limitToLast,
  onSnapshot,
  orderBy,
  query,
  startAfter,
  where,
  type Firestore,
  type QueryConstraint,
  type QuerySnapshot,
} from "firebase/firestore";
import type { Day, Year } from "@newsroom/core/calendar";
import { queryLimit } from "../logic/limits.ts";
import { fetchSize, type PagingState } from "../logic/paging.ts";
import { ALL_PUBLICATIONS, decodeEntity, decodePublication, decodeRollupStatus, decodeYearDays, type Entity, type Publication, type RollupStatus, type Scope, type TypeFilter } from "../logic/types.ts";
import { COLLECTIONS } from "./collections.ts";

export type Result<T> = { items: T[]; fromCache: boolean };
export type Listener<T> = { next: (result: Result<T>) => void; error: (err: Error) => void };
export type Unsubscribe = () => void;

function decodeAll<T>(snap: QuerySnapshot, decode: (id: string, data: Record<string, unknown>) => T | null): T[] {
  return snap.docs.flatMap((d) => {
    const v = decode(d.id, d.data());
    return v === null ? [] : [v];
  });
}

export function watchPublications(db: Firestore, max: number, l: Listener<Publication>): Unsubscribe {
  const q = query(collection(db, COLLECTIONS.publications), orderBy("articleCount", "desc"), limit(queryLimit(max)));
  return onSnapshot(
    q,
    { includeMetadataChanges: true },
    (snap) => l.next({ items: decodeAll(snap, decodePublication), fromCache: snap.metadata.fromCache }),
    l.error,
  );
}

/** Ranking order: count desc, then document id desc (served by the (type, count) index or count's own). */
function ranked(filter: TypeFilter): QueryConstraint[] {
  return [
    ...(filter === "all" ? [] : [where("type", "==", filter)]),
    orderBy("count", "desc"),
    orderBy(documentId(), "desc"),
  ];
}

const ents = (db: Firestore, scope: Scope) => (scope === null ? collection(db, COLLECTIONS.entities) : collection(db, COLLECTIONS.publications, scope, COLLECTIONS.ents));

/** The scope's totals document: publications/{key}, or global/totals. */
const totalsPath = (scope: Scope): [string, ...string[]] => (scope === null ? [COLLECTIONS.global, "totals"] : [COLLECTIONS.publications, scope]);

export function watchTopEntities(db: Firestore, scope: Scope, filter: TypeFilter, max: number, l: Listener<Entity>): Unsubscribe {
  const q = query(ents(db, scope), ...ranked(filter), limit(queryLimit(max)));
  return onSnapshot(
    q,
    { includeMetadataChanges: true },
    (snap) => l.next({ items: decodeAll(snap, decodeEntity), fromCache: snap.metadata.fromCache }),
    l.error,
  );
}

/** One page of a scope's ranking (the side panel's). */
export function watchEntityPage(db: Firestore, scope: Scope, filter: TypeFilter, paging: PagingState, l: Listener<Entity>): Unsubscribe {
  const r = paging.request;
  const size = queryLimit(fetchSize(paging));
  const window =
    r.kind === "first"
      ? [limit(size)]
      : r.kind === "after"
        ? [startAfter(r.cursor.count, r.cursor.id), limit(size)]
        : [endBefore(r.cursor.count, r.cursor.id), limitToLast(size)];
  const q = query(ents(db, scope), ...ranked(filter), ...window);
  return onSnapshot(
    q,
    { includeMetadataChanges: true },
    (snap) => l.next({ items: decodeAll(snap, decodeEntity), fromCache: snap.metadata.fromCache }),
    l.error,
  );
}

export type DocListener<T> = { next: (value: T, fromCache: boolean) => void; error: (err: Error) => void };

/** One publication (the selected one may be beyond the cards' limit); null when it does not exist. */
export function watchPublication(db: Firestore, pubKey: string, l: DocListener<Publication | null>): Unsubscribe {
  return onSnapshot(doc(db, COLLECTIONS.publications, pubKey), (snap) => l.next(snap.exists() ? decodePublication(snap.id, snap.data()) : null, snap.metadata.fromCache), l.error);
}

/** All publications' totals (global/totals, as a publication's document); null before the rollup's first fold. */
export function watchGlobalTotals(db: Firestore, l: DocListener<Publication | null>): Unsubscribe {
  return onSnapshot(
    doc(db, ...totalsPath(null)),
    (snap) => l.next(snap.exists() ? decodePublication("", { ...snap.data(), name: ALL_PUBLICATIONS }) : null, snap.metadata.fromCache),
    l.error,
  );
}

/**
 * A scope's articles per day from its year documents (the card follows
 * at most two), merged; the first call waits for every document's first
 * snapshot, so a timeline never shows one year of two.
 */
export function watchScopeDays(db: Firestore, scope: Scope, years: readonly Year[], l: DocListener<Record<Day, number>>): Unsubscribe {
  if (years.length === 0) {
    l.next({}, false);
    return () => undefined;
  }
  const latest = new Map<Year, Record<Day, number>>();
  const stops = years.map((year) =>
    onSnapshot(
      doc(db, ...totalsPath(scope), COLLECTIONS.years, year),
      (snap) => {
        latest.set(year, decodeYearDays(year, snap.data()));
        if (latest.size === years.length) l.next(Object.assign({}, ...latest.values()) as Record<Day, number>, snap.metadata.fromCache);
      },
      l.error,
    ),
  );
  return () => stops.forEach((stop) => stop());
}

/** rollup/status: how far the counts are complete (null before the first rollup). */
export function watchRollupStatus(db: Firestore, l: DocListener<RollupStatus | null>): Unsubscribe {
  return onSnapshot(doc(db, COLLECTIONS.rollup, "status"), (snap) => l.next(decodeRollupStatus(snap.data()), snap.metadata.fromCache), l.error);
}
