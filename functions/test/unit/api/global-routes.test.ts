// The routes over all publications against a fake store: the same ranking,
// paging and CSV as a publication's list, read from the global documents, and
// answers that match their schemas.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GLOBAL_TOP_PUBLICATIONS, Q, R } from "@newsroom/core/api-schema";
import { GLOBAL_SCOPE, PUBLICATION_SCOPE, type Scope } from "@newsroom/core/firestore-schema";
import { entityId } from "@newsroom/core/keys";
import { globalEntities, globalEntity, entities } from "../../../src/api/handlers.js";
import type { EntityRow, PublicationRow, ReadStore } from "../../../src/api/read-store.js";

const person = (k: number): EntityRow => ({ id: entityId("person", `P${k}`), word: `P${k}`, type: "person", count: 100 - k, articles: 10 + k, key: `p${k}` });

/** A store holding `rows` as the entities of every scope, recording which scope each read was for. */
function fakeStore(rows: EntityRow[]) {
  const scopes: Scope[] = [];
  const store = {
    publication: async (_pub: string, _o: unknown, scope: Scope = PUBLICATION_SCOPE): Promise<PublicationRow> => {
      scopes.push(scope);
      return { id: "x", name: "X", articleCount: 42, yearly: { 2026: 42 }, days: { "2026-03-01": 42 } } as PublicationRow;
    },
    entity: async (_pub: string, id: string, _o: unknown, scope: Scope = PUBLICATION_SCOPE) => {
      scopes.push(scope);
      const e = rows.find((r) => r.id === id);
      return e && { ...e, yearly: { 2026: { m: e.count, a: e.articles } }, days: { "2026-03-01": { m: e.count, a: e.articles } } };
    },
    entities: async (_pub: string, field: "count" | "articles", type: string | undefined, limit: number, after: { value: number; id: string } | undefined, scope: Scope = PUBLICATION_SCOPE) => {
      scopes.push(scope);
      const ranked = rows.filter((r) => !type || r.type === type).sort((a, b) => b[field]! - a[field]! || (a.id < b.id ? 1 : -1));
      const from = after ? ranked.findIndex((r) => r.id === after.id) + 1 : 0;
      return ranked.slice(from, from + limit);
    },
    entityYears: async () => [],
    publicationYears: async () => [],
    elsewhere: async (_key: string, _type: string, limit: number) =>
      Array.from({ length: Math.min(limit, 30) }, (_, i) => ({ id: i === 3 ? "another-id" : rows[0]!.id, pubKey: `pub${i}`, count: 50 - i, articles: 5 })),
  };
  return { store: store as unknown as ReadStore, scopes };
}


describe("routes over all publications", () => {
  it("rank the global entities as a publication's are ranked, from the global documents, ranks continuing across pages", async () => {
    const rows = Array.from({ length: 7 }, (_, k) => person(k));
    const { store, scopes } = fakeStore(rows);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const a = await globalEntities(store, {}, Q.entities.parse({ limit: "3", ...(cursor ? { cursor } : {}) }));
      assert.ok("json" in a);
      const body = R.globalEntities.parse(a.json);
      seen.push(...body.entities.map((e) => [e.rank, e.word]));
      cursor = body.next ?? undefined;
      assert.equal(body.totals.articleCount, 42);
    }
    assert.deepEqual(seen, rows.map((r, k) => [k + 1, r.word]));
    assert.ok(scopes.every((s) => s === GLOBAL_SCOPE), "every read from the global documents");
    // The same rows as one publication's list: the same page, under its own answer.
    const one = await entities(store, { pub: "x" }, Q.entities.parse({ limit: "3" }));
    const all = await globalEntities(store, {}, Q.entities.parse({ limit: "3" }));
    assert.ok("json" in one && "json" in all);
    assert.deepEqual(R.entities.parse(one.json).entities, R.globalEntities.parse(all.json).entities);
  });

  it("refuses a cursor of a publication's list, and writes CSV like it", async () => {
    const { store } = fakeStore([person(1), person(2)]);
    const one = await entities(store, { pub: "x" }, Q.entities.parse({ limit: "1" }));
    assert.ok("json" in one);
    const cursor = R.entities.parse(one.json).next!;
    await assert.rejects(globalEntities(store, {}, Q.entities.parse({ cursor })), /cursor/);
    const csv = await globalEntities(store, {}, Q.entities.parse({ format: "csv", by: "articles" }));
    assert.ok("csv" in csv);
    assert.equal(csv.filename, "all-entities-by-articles.csv");
    assert.equal(csv.csv.split("\n")[1], `1,${person(2).id},P2,person,98,12`);
  });

  it("detail an entity over all publications with its series and the publications that mention it most", async () => {
    const rows = [person(1)];
    const { store, scopes } = fakeStore(rows);
    const a = await globalEntity(store, { id: rows[0]!.id }, Q.entity.parse({}));
    assert.ok("json" in a);
    const body = R.globalEntity.parse(a.json);
    assert.deepEqual(body.series, [{ day: "2026-03-01", mentions: 99, articles: 11, publicationArticles: 42 }]);
    assert.equal(body.publications.length, GLOBAL_TOP_PUBLICATIONS);
    assert.ok(!body.publications.some((p) => p.id === "pub3"), "only rows of this very id");
    assert.ok(scopes.every((s) => s === GLOBAL_SCOPE));
    await assert.rejects(globalEntity(store, { id: entityId("person", "Nobody") }, Q.entity.parse({})), /no entity/);
  });
});
