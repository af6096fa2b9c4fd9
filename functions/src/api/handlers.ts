// The read API's answers, one function per route, from validated parameters
// and a ReadStore. No HTTP here (request-handler.ts does that), so each handler is
// exercised against the emulator directly and through the function alike.
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { entityKey, publicationKey } from "@newsroom/core/keys";
import type { Timestamp } from "firebase-admin/firestore";
import { compareLists, fightinWords } from "./compare.js";
import { CURSOR_VALUES as V, decodeCursor, encodeCursor, type CursorScope } from "./cursor.js";
import { badRequest, notFound } from "./errors.js";
import { COMPARE_SCAN, GLOBAL_TOP_PUBLICATIONS, P, Q, SEARCH_SCAN, V0_MAX_PUBLICATIONS, type R, type ROUTES, type RouteName } from "@newsroom/core/api-schema";
import { GLOBAL_NAME, GLOBAL_SCOPE, PUBLICATION_SCOPE, type Scope } from "@newsroom/core/firestore-schema";
import { binned, entitySeries, entityYears, entityYearSeries, publicationSeries, publicationYears, publicationYearSeries, seriesYears } from "./series.js";
import type { EntityRow, PublicationRow, ReadOptions, ReadStore } from "./read-store.js";
import { globalSource, publicationSource, rising as risingOf, risingWindow } from "./rising.js";
import { dayProblem, type DateBounds } from "@newsroom/core/dates";

export type Answer = { json: unknown } | { csv: string; filename: string };

type Out<K extends keyof typeof R> = z.infer<(typeof R)[K]>;
export type RouteParams<K extends RouteName> = z.infer<(typeof ROUTES)[K]["params"]>;
export type RouteQuery<K extends RouteName> = z.infer<(typeof ROUTES)[K]["query"]>;
/** What a handler may use besides the store: the dashboard's link for a publication (the v0 page's img_uri), the clock and the days posts may count on. */
export type HandlerContext = { store: ReadStore; links: () => (pubKey: string) => string; now: () => number; dates: () => DateBounds };
export type RouteHandler<K extends RouteName> = (store: ReadStore, p: RouteParams<K>, q: RouteQuery<K>, ctx: HandlerContext) => Promise<Answer>;
type In<S extends z.ZodType> = z.infer<S>;

const iso = (t: Timestamp | undefined) => (t ? t.toDate().toISOString() : null);
// Dates end at ±8.64e15 ms (toISOString throws beyond); a stored value out there is no instant.
const isoMs = (ms: unknown) => (typeof ms === "number" && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null);

function publicationOut(p: PublicationRow): Out<"publications">["publications"][number] {
  return { id: p.id, name: p.name, articleCount: p.articleCount ?? 0, updatedAt: iso(p.updatedAt) };
}

function entityOut(e: EntityRow): Out<"search">["entities"][number] {
  return { id: e.id, word: e.word, type: e.type, mentions: e.count ?? 0, articles: e.articles ?? 0 };
}

const noPublication = (pub: string) => notFound(`no publication "${pub.slice(0, 100)}"`);

async function mustPublication(store: ReadStore, pub: string, options: ReadOptions = {}): Promise<PublicationRow> {
  const p = await store.publication(pub, options);
  if (!p) throw noPublication(pub);
  return p;
}

async function mustEntity(store: ReadStore, pub: string, id: string, options: ReadOptions = {}): Promise<EntityRow> {
  const e = await store.entity(pub, id, options);
  if (!e) throw notFound(`no entity "${id}" in "${pub.slice(0, 100)}"`);
  return e;
}

export async function publications(store: ReadStore, _p: In<typeof P.none>, q: In<typeof Q.publications>): Promise<Answer> {
  const scope = ["publications"] as const;
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, scope, [V.count, V.publicationId] as const);
  const rows = await store.publications(q.limit + 1, after ? { articleCount: after[0], id: after[1] } : undefined);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const body: Out<"publications"> = { publications: page.map(publicationOut), next: rows.length > q.limit && last ? encodeCursor(scope, [last.articleCount ?? 0, last.id]) : null };
  return { json: body };
}

/**
 * A page of a scope's entities (a publication's, or with GLOBAL_SCOPE all
 * publications'), ranked by mentions or articles, and as CSV when asked.
 * `cursorScope` names the list a cursor is for; `label` starts the CSV's name.
 */
async function rankedPage(store: ReadStore, pub: string, scope: Scope, q: In<typeof Q.entities>, cursorScope: CursorScope, label: string) {
  // The cursor carries the last item's rank too, so ranks continue across pages.
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, cursorScope, [V.count, V.entityId, V.count] as const);
  const field = q.by === "mentions" ? "count" : "articles";
  const rows = await store.entities(pub, field, q.type, q.limit + 1, after ? { value: after[0], id: after[1] } : undefined, scope);
  const page = rows.slice(0, q.limit);
  const offset = after ? after[2] : 0;
  const ranked = page.map((e, i) => ({ ...entityOut(e), rank: offset + i + 1 }));
  const last = page.at(-1);
  const next = rows.length > q.limit && last ? encodeCursor(cursorScope, [field === "count" ? (last.count ?? 0) : (last.articles ?? 0), last.id, offset + page.length]) : null;
  // escape_formulas: a name like "=HYPERLINK(...)" is text to a spreadsheet, not a formula (CSV injection).
  const csv = (): Answer => ({
    csv: stringify(
      ranked.map((e) => [e.rank, e.id, e.word, e.type, e.mentions, e.articles]),
      { header: true, columns: ["rank", "id", "word", "type", "mentions", "articles"], escape_formulas: true },
    ),
    filename: `${label.replace(/[^\w.-]+/g, "_").slice(0, 60)}-entities-by-${q.by}${q.type ? `-${q.type}` : ""}.csv`,
  });
  return { ranked, next, csv: q.format === "csv" ? csv() : undefined };
}

export async function entities(store: ReadStore, { pub }: In<typeof P.pub>, q: In<typeof Q.entities>): Promise<Answer> {
  const [p, page] = await Promise.all([mustPublication(store, pub), rankedPage(store, pub, PUBLICATION_SCOPE, q, ["entities", pub, q.by, q.type ?? null], pub)]);
  if (page.csv) return page.csv;
  const body: Out<"entities"> = { publication: publicationOut(p), by: q.by, type: q.type ?? null, entities: page.ranked, next: page.next };
  return { json: body };
}

/** Over all publications: their articles in all (before the first fold, none). */
function totalsOut(t: PublicationRow | undefined): Out<"globalEntities">["totals"] {
  return { name: GLOBAL_NAME, articleCount: t?.articleCount ?? 0, updatedAt: iso(t?.updatedAt) };
}

export async function globalEntities(store: ReadStore, _p: In<typeof P.none>, q: In<typeof Q.entities>): Promise<Answer> {
  const [t, page] = await Promise.all([store.publication("", {}, GLOBAL_SCOPE), rankedPage(store, "", GLOBAL_SCOPE, q, ["allEntities", q.by, q.type ?? null], "all")]);
  if (page.csv) return page.csv;
  const body: Out<"globalEntities"> = { scope: "all", totals: totalsOut(t), by: q.by, type: q.type ?? null, entities: page.ranked, next: page.next };
  return { json: body };
}

/** An entity's series in `q.bin` beside its scope's articles, and both per year (`p` and `e` read with their series). */
async function seriesOfEntity(store: ReadStore, pub: string, id: string, scope: Scope, p: PublicationRow | undefined, e: EntityRow, q: In<typeof Q.entity>) {
  return {
    bin: q.bin,
    // Per year from the totals alone (no year document); otherwise the days, summed per bin.
    series: q.bin === "year" ? entityYearSeries(e.yearly, p?.yearly, q.from, q.to) : binned(await entityDays(store, pub, id, scope, p, e, q), ["mentions", "articles", "publicationArticles"], q.bin),
    years: entityYears(e.yearly, p?.yearly),
  };
}

async function entityDays(store: ReadStore, pub: string, id: string, scope: Scope, p: PublicationRow | undefined, e: EntityRow, q: In<typeof Q.entity>) {
  // Without from/to, the entity's latest years (and the publication's days in them; an entity without any
  // shows the publication's latest, all zero); with them, each one's years in range.
  const known = Object.keys(e.yearly ?? {});
  const entYears = seriesYears(known, q.from, q.to);
  const pubYears = q.from === undefined && q.to === undefined && known.length > 0 ? entYears : seriesYears(Object.keys(p?.yearly ?? {}), q.from, q.to);
  const [entDocs, pubDocs] = await Promise.all([store.entityYears(pub, id, entYears, scope), store.publicationYears(pub, pubYears, scope)]);
  return entitySeries({ inline: e.days, years: entYears, yearDocs: entDocs }, { inline: p?.days, years: pubYears, yearDocs: pubDocs }, q.from, q.to);
}

export async function entity(store: ReadStore, { pub, id }: In<typeof P.entity>, q: In<typeof Q.entity>): Promise<Answer> {
  const [p, e] = await Promise.all([mustPublication(store, pub, { series: true }), mustEntity(store, pub, id, { series: true })]);
  const body: Out<"entity"> = { publication: publicationOut(p), entity: entityOut(e), ...(await seriesOfEntity(store, pub, id, PUBLICATION_SCOPE, p, e, q)) };
  return { json: body };
}

/** The publications that mention an entity most (the collection-group query /elsewhere makes), at most `limit`. */
async function publicationsOf(store: ReadStore, e: EntityRow, limit: number) {
  const rows = await store.elsewhere(e.key ?? entityKey(e.word), e.type, limit + 1);
  return rows.filter((r) => r.id === e.id).slice(0, limit).map((r) => ({ id: r.pubKey, mentions: r.count ?? 0, articles: r.articles ?? 0 }));
}

export async function globalEntity(store: ReadStore, { id }: In<typeof P.id>, q: In<typeof Q.entity>): Promise<Answer> {
  const [t, e] = await Promise.all([store.publication("", { series: true }, GLOBAL_SCOPE), store.entity("", id, { series: true }, GLOBAL_SCOPE)]);
  if (!e) throw notFound(`no entity "${id}" over all publications (their counts lag the publications' by up to the fold period)`);
  const [series, publications] = await Promise.all([seriesOfEntity(store, "", id, GLOBAL_SCOPE, t, e, q), publicationsOf(store, e, GLOBAL_TOP_PUBLICATIONS)]);
  const body: Out<"globalEntity"> = { scope: "all", totals: totalsOut(t), entity: entityOut(e), ...series, publications };
  return { json: body };
}

export async function articles(store: ReadStore, { pub, id }: In<typeof P.entity>, q: In<typeof Q.articles>): Promise<Answer> {
  const scope = ["articles", pub, id] as const;
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, scope, [V.instantMs, V.documentId] as const);
  const [p, e] = await Promise.all([mustPublication(store, pub), mustEntity(store, pub, id)]);
  // Articles that wrote only a lone surname the rollup counted into this name list it under that surname's id.
  const ids = [id, ...(e.absorbed ?? [])];
  const rows = await store.articles(pub, ids, q.limit + 1, after ? { atMs: after[0], id: after[1] } : undefined);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const body: Out<"articles"> = {
    publication: publicationOut(p),
    entity: { id: e.id, word: e.word, type: e.type },
    articles: page.map((a) => ({
      id: a.id,
      title: a.title ?? null,
      url: a.url ?? null,
      publishedAt: a.publishedAt ?? null,
      receivedAt: a.receivedAt.toDate().toISOString(),
      day: a.day,
      mentions: a.ents.reduce((n, ent, k) => (ids.includes(ent) ? n + (a.mentions[k] ?? 0) : n), 0),
    })),
    next: rows.length > q.limit && last ? encodeCursor(scope, [last.at.toMillis(), last.id]) : null,
  };
  return { json: body };
}

export async function elsewhere(store: ReadStore, { pub, id }: In<typeof P.entity>, q: In<typeof Q.elsewhere>): Promise<Answer> {
  const e = await mustEntity(store, pub, id);
  const body: Out<"elsewhere"> = { entity: { id: e.id, word: e.word, type: e.type }, publications: await publicationsOf(store, e, q.limit) };
  return { json: body };
}

export async function days(store: ReadStore, { pub }: In<typeof P.pub>, q: In<typeof Q.days>): Promise<Answer> {
  const p = await mustPublication(store, pub, { series: true });
  let series: Out<"days">["days"];
  if (q.bin === "year") series = publicationYearSeries(p.yearly, q.from, q.to);
  else {
    const years = seriesYears(Object.keys(p.yearly ?? {}), q.from, q.to);
    const yearDocs = await store.publicationYears(pub, years);
    series = binned(publicationSeries({ inline: p.days, years, yearDocs }, q.from, q.to), ["articles"], q.bin);
  }
  const body: Out<"days"> = { publication: publicationOut(p), bin: q.bin, days: series, years: publicationYears(p.yearly) };
  return { json: body };
}

export async function compare(store: ReadStore, _p: In<typeof P.none>, q: In<typeof Q.compare>): Promise<Answer> {
  if (q.a === q.b) throw badRequest("a and b must be two different publications");
  const [a, b, ea, eb] = await Promise.all([
    mustPublication(store, q.a),
    mustPublication(store, q.b),
    store.entities(q.a, "count", q.type, COMPARE_SCAN),
    store.entities(q.b, "count", q.type, COMPARE_SCAN),
  ]);
  const counted = (rows: EntityRow[]) => rows.map((e) => ({ id: e.id, word: e.word, type: e.type, mentions: e.count ?? 0 }));
  const lists = compareLists(fightinWords(counted(ea), counted(eb)), q.limit);
  const body: Out<"compare"> = { a: publicationOut(a), b: publicationOut(b), type: q.type ?? null, scanned: { a: ea.length, b: eb.length }, ...(lists as Pick<Out<"compare">, "distinctiveOfA" | "distinctiveOfB" | "shared">) };
  return { json: body };
}

export async function search(store: ReadStore, _p: In<typeof P.none>, q: In<typeof Q.search>): Promise<Answer> {
  const prefix = entityKey(q.q);
  const [p, rows] = await Promise.all([mustPublication(store, q.pub), store.search(q.pub, prefix, q.type, SEARCH_SCAN)]);
  const ranked = rows.sort((x, y) => (y.count ?? 0) - (x.count ?? 0) || (x.id < y.id ? -1 : 1)).slice(0, q.limit);
  const body: Out<"search"> = { publication: publicationOut(p), query: q.q, entities: ranked.map(entityOut) };
  return { json: body };
}

export async function rising(store: ReadStore, _p: In<typeof P.none>, q: In<typeof Q.rising>, { now, dates }: HandlerContext): Promise<Answer> {
  const day = q.day ?? new Date(now()).toISOString().slice(0, 10);
  const problem = dayProblem(day, new Date(now()), dates());
  if (problem) throw badRequest(`day: ${problem}`, [{ path: "day", message: problem }]);
  const w = risingWindow(day);
  const r = await risingOf(q.pub === undefined ? globalSource(store) : publicationSource(store, q.pub), w, { type: q.type, limit: q.limit });
  if (!r) throw noPublication(q.pub ?? "");
  const share = (x: number, of: number) => (of > 0 ? Math.round((Math.min(x, of) / of) * 1e6) / 1e6 : 0);
  const body: Out<"rising"> = {
    publication: r.publication && publicationOut(r.publication),
    day,
    type: q.type ?? null,
    baseline: { from: w.from, to: w.to },
    articles: r.articles,
    baselineArticles: r.baselineArticles,
    scanned: r.scanned,
    entities: r.entries.map((e) => ({
      id: e.id,
      word: e.word,
      type: e.type,
      articles: e.k,
      share: share(e.k, e.n),
      baselineArticles: e.b,
      baselineShare: share(e.b, e.N),
      score: e.score,
      articleIds: e.articleIds,
    })),
  };
  return { json: body };
}

/** How far the counts are complete, for operators and the dashboard (which may not read articles itself). */
export async function status(store: ReadStore): Promise<Answer> {
  const [s, newest] = await Promise.all([store.rollupStatus(), store.newestReceipt()]);
  const body: Out<"status"> = {
    completeThrough: isoMs(s?.completeThrough),
    appliedThrough: isoMs(s?.appliedThrough),
    appliedAt: iso(s?.appliedAt),
    windowSeconds: typeof s?.windowSeconds === "number" ? s.windowSeconds : null,
    failures: (s?.failures ?? []).map((f) => ({ windowEnd: isoMs(f.windowEnd), range: f.range, items: f.items, reason: f.reason, at: isoMs(f.at) })),
    newestArticleReceivedAt: iso(newest),
  };
  return { json: body };
}

/** The original app's GET /publications, for its page: every publication (at most V0_MAX_PUBLICATIONS). */
export async function v0Publications(store: ReadStore, _p: unknown, _q: unknown, { links }: HandlerContext): Promise<Answer> {
  const dashboard = links();
  const rows = await store.publications(V0_MAX_PUBLICATIONS);
  const body: Out<"v0Publications"> = rows.map((p) => ({ name: p.name, count: p.articleCount ?? 0, img_uri: dashboard(p.id) }));
  return { json: body };
}

/** The original app's GET /frequencies/{name}?word=&count=: the next 10 by count (then word) after that keyset. */
export async function v0Frequencies(store: ReadStore, { name }: In<typeof P.name>, q: In<typeof Q.v0Frequencies>): Promise<Answer> {
  const key = publicationKey(name); // the original app named publications, not ids
  const after = q.count !== undefined && q.word !== undefined ? { count: q.count, word: q.word } : undefined;
  const rows = await store.byCountThenWord(key, 10, after);
  const body: Out<"v0Frequencies"> = rows.map((e) => ({ word: e.word, count: e.count ?? 0 }));
  return { json: body };
}

/** Each route's handler, by the route's name in the schema. */
export const HANDLERS: { [K in RouteName]: RouteHandler<K> } = { publications, entities, entity, articles, days, elsewhere, compare, search, rising, status, globalEntities, globalEntity, v0Publications, v0Frequencies };
