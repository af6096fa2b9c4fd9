import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentBytes, MAX_DOCUMENT_BYTES } from "@newsroom/core/doc-size";
import { entityId } from "@newsroom/core/keys";
import { paths, type DayCounts, type DeltaEntity, type DeltaPublication } from "@newsroom/core/firestore-schema";
import { seeded, type Random } from "@newsroom/test-support/random";
import type { DeltaPubs } from "../../src/delta.js";
import { batchItems, ENTRIES_PER_WRITE, foldCount, foldItems, itemBytes, itemsOfPart, planParts, rollupItems, type RollupItem } from "../../src/rollup-plan.js";
import { PIECE_LIMITS } from "../../src/global-plan.js";

const day = (start: string, i: number) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

/** A publication whose `entities` persons are each mentioned once on each of `days` days from `start`. */
function backfill(pubKey: string, entities: number, days: number, start = "2000-01-01"): DeltaPubs {
  const d: Record<string, number> = {};
  const ed: Record<string, DayCounts> = {};
  for (let i = 0; i < days; i++) {
    d[day(start, i)] = 1;
    ed[day(start, i)] = { m: 1, a: 1 };
  }
  const e: Record<string, DeltaEntity> = {};
  for (let k = 0; k < entities; k++) e[entityId("person", `Person ${k}`)] = { w: `Person ${k}`, t: "person", c: days, a: days, d: { ...ed } };
  return { [pubKey]: { n: pubKey, a: days, d, e } };
}

/** Field transforms an item's write carries (increments), as Firestore counts them per document and commit. */
function transforms(item: RollupItem): number {
  switch (item.kind) {
    case "publication":
      return Object.keys(item.years).length + Object.keys(item.days).length + (Object.keys(item.days).length > 0 ? 1 : 0) + (item.chunk === 0 ? 1 : 0);
    case "publicationYear":
      return Object.keys(item.days).length;
    case "entity":
      return 2 * (Object.keys(item.years).length + Object.keys(item.days).length) + (Object.keys(item.days).length > 0 ? 1 : 0) + (item.chunk === 0 ? 2 + (item.absorbed.length > 0 ? 1 : 0) : 0);
    case "entityYear":
      return 2 * Object.keys(item.days).length;
    case "globalPending":
      return 0; // plain values
  }
}

describe("rollup plan: year documents", () => {
  it("keeps the batch's own year's days in the totals' documents, other years' in year documents, and every year's total", () => {
    const pubs: DeltaPubs = {
      p: {
        n: "P",
        a: 3,
        d: { "2025-12-31": 1, "2026-01-01": 2 },
        e: { [entityId("person", "Ada Lovelace")]: { w: "Ada Lovelace", t: "person", c: 4, a: 3, d: { "2025-12-31": { m: 1, a: 1 }, "2026-01-01": { m: 3, a: 2 } } } },
      },
    };
    const items = rollupItems(pubs, "2026");
    const id = entityId("person", "Ada Lovelace");
    const byPath = new Map(items.map((i) => [i.path, i]));
    assert.deepEqual([...byPath.keys()].sort(), [paths.publication("p"), paths.publicationYear("p", "2025"), paths.entity("p", id), paths.entityYear("p", id, "2025")].sort());
    const pub = byPath.get(paths.publication("p"))!;
    assert.ok(pub.kind === "publication");
    assert.deepEqual([pub.articles, pub.years, pub.days], [3, { "2025": 1, "2026": 2 }, { "2026-01-01": 2 }]);
    const ent = byPath.get(paths.entity("p", id))!;
    assert.ok(ent.kind === "entity");
    assert.deepEqual([ent.count, ent.articles, ent.years, ent.days], [4, 3, { "2025": { m: 1, a: 1 }, "2026": { m: 3, a: 2 } }, { "2026-01-01": { m: 3, a: 2 } }]);
    const y25 = byPath.get(paths.entityYear("p", id, "2025"))!;
    assert.ok(y25.kind === "entityYear");
    assert.deepEqual(y25.days, { "2025-12-31": { m: 1, a: 1 } });
    // Live news (every day in the batch's year) is one write per document.
    assert.equal(rollupItems(pubs, "2025").filter((i) => i.kind === "entityYear").map((i) => i.path).join(), paths.entityYear("p", id, "2026"));
  });

  it("keeps every write under 500 field transforms, whatever the span of days", () => {
    const items = [...rollupItems(backfill("p", 3, 2_000), "2026"), ...rollupItems(backfill("p", 3, 2_000), "2001")];
    for (const item of items) assert.ok(transforms(item) <= 500, `${item.key}: ${transforms(item)} transforms`);
    // A year has at most 366 days: two chunks of ENTRIES_PER_WRITE at most.
    assert.ok(Math.max(...items.map((i) => i.chunk)) <= Math.ceil(366 / ENTRIES_PER_WRITE) - 1);
  });

  it("plans a hostile backfill (200 entities × 2,000 days under the longest key) in few parts, none with two writes to one document", (t) => {
    const longKey = `${"報".repeat(157)}~${"a".repeat(40)}`; // 512 bytes, as publicationKey makes them
    const items = rollupItems(backfill(longKey, 200, 2_000), "2026");
    const plan = planParts(items);
    // Before year documents and chunk-first keys this plan had 1,800 parts (a part per chunk of each entity): 2 MB of keys.
    const bytes = documentBytes(paths.batch(1), { plan: { v: 2, from: 0, to: 1, parts: plan, deltas: 40, posts: 2_000, merges: [] } });
    t.diagnostic(`${items.length} writes in ${plan.length} parts; the plan's document ${bytes} bytes`);
    assert.ok(plan.length < 30, `${plan.length} parts`);
    assert.ok(bytes < 64 * 1024);
    let covered = 0;
    for (const part of plan) {
      const mine = itemsOfPart(items, part);
      covered += mine.length;
      assert.equal(new Set(mine.map((i) => i.path)).size, mine.length, "no document twice in one part");
    }
    assert.equal(covered, items.length, "the parts cover every item once");
  });

  it("keeps the largest documents the bounds allow far under Firestore's limit", () => {
    // A year document: every day of a leap year.
    const year = rollupItems(backfill("p", 1, 366, "2024-01-01"), "2026").filter((i) => i.kind === "entityYear");
    const days: Record<string, DayCounts> = {};
    for (const i of year) if (i.kind === "entityYear") Object.assign(days, i.days);
    const big = 2 ** 53 - 1;
    for (const k of Object.keys(days)) days[k] = { m: big, a: big };
    const id = entityId("person", "x");
    assert.ok(documentBytes(paths.entityYear("p".repeat(512), id, "2024"), { year: 2024, days }) < 32 * 1024);
    // An entity document: every year from 1000 to 2200, two years of days not yet compacted, the longest word, aliases and absorbed ids.
    const yearly: Record<string, DayCounts> = {};
    for (let y = 1000; y <= 2200; y++) yearly[String(y)] = { m: big, a: big };
    const inline: Record<string, DayCounts> = {};
    for (let i = 0; i < 732; i++) inline[day("2025-01-01", i)] = { m: big, a: big };
    const word = "\u{1F600}".repeat(64); // 128 UTF-16 units, 256 bytes
    const doc = { word, key: word, type: "organization", count: big, articles: big, yearly, days: inline, inlineYears: [2025, 2026], aliases: Array(10).fill("x".repeat(128)), absorbed: Array(10).fill(id), updatedAt: new Date() };
    assert.ok(documentBytes(paths.entity("p".repeat(512), id), doc) < MAX_DOCUMENT_BYTES / 16);
  });
});

describe("rollup plan: parts", () => {
  const items = rollupItems(backfill("p", 40, 3, "2026-01-01"), "2026");

  it("cuts the items into contiguous key ranges within the writes and bytes of a part", () => {
    const limits = { writes: 7, bytes: 3 * Math.max(...items.map(itemBytes)) };
    const plan = planParts(items, limits);
    const parts = plan.map((part) => itemsOfPart(items, part));
    assert.deepEqual(parts.flat(), items, "every item once, in key order");
    for (const part of parts) {
      assert.ok(part.length >= 1 && part.length <= limits.writes, `${part.length} writes`);
      assert.ok(part.reduce((n, i) => n + itemBytes(i), 0) <= limits.bytes);
    }
    assert.ok(plan.length >= Math.ceil(items.length / 3));
  });

  it("puts an item larger than a part's bytes in a part of its own rather than none", () => {
    const plan = planParts(items, { writes: 100, bytes: 1 });
    assert.equal(plan.length, items.length);
  });

  it("plans nothing for no items", () => {
    assert.deepEqual(planParts([]), []);
  });
});

describe("batchItems", () => {
  it("writes a merged lone surname into its full name, which records the id it absorbed", () => {
    const full = entityId("person", "Ada Lovelace");
    const lone = entityId("person", "Lovelace");
    const pubs: DeltaPubs = {
      p: {
        n: "P",
        a: 2,
        d: { "2026-01-01": 2 },
        e: {
          [full]: { w: "Ada Lovelace", t: "person", c: 2, a: 1, d: { "2026-01-01": { m: 2, a: 1 } } },
          [lone]: { w: "Lovelace", t: "person", c: 1, a: 1, d: { "2026-01-01": { m: 1, a: 1 } } },
        },
      },
    };
    const items = batchItems(pubs, [{ pub: "p", from: lone, to: full, word: "Ada Lovelace" }], Date.UTC(2026, 0, 1, 12));
    assert.equal(items.some((i) => i.path === paths.entity("p", lone)), false, "the lone surname has no write of its own");
    const ent = items.find((i) => i.path === paths.entity("p", full))!;
    assert.ok(ent.kind === "entity");
    assert.deepEqual([ent.count, ent.articles, ent.days, ent.absorbed, ent.aliases], [3, 2, { "2026-01-01": { m: 3, a: 2 } }, [lone], ["lovelace"]]);
  });
});

/** Every counter the items add, by logical document (a year document counts into its totals' document). */
function counters(items: readonly RollupItem[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const add = (path: string, field: string, n: number) => {
    const doc = path.replace(/\/years\/\d{4}$/u, "");
    const m = out.get(doc) ?? new Map<string, number>();
    out.set(doc, m);
    if (n !== 0) m.set(field, (m.get(field) ?? 0) + n);
  };
  for (const i of items) {
    switch (i.kind) {
      case "publication":
        add(i.path, "articles", i.articles);
        for (const [y, n] of Object.entries(i.years)) add(i.path, `y${y}`, n);
        for (const [d, n] of Object.entries(i.days)) add(i.path, `d${d}`, n);
        break;
      case "publicationYear":
        for (const [d, n] of Object.entries(i.days)) add(i.path, `d${d}`, n);
        break;
      case "entity":
        add(i.path, "count", i.count);
        add(i.path, "articles", i.articles);
        for (const [y, v] of Object.entries(i.years)) (add(i.path, `y${y}m`, v.m), add(i.path, `y${y}a`, v.a));
        for (const [d, v] of Object.entries(i.days)) (add(i.path, `d${d}m`, v.m), add(i.path, `d${d}a`, v.a));
        break;
      case "entityYear":
        for (const [d, v] of Object.entries(i.days)) (add(i.path, `d${d}m`, v.m), add(i.path, `d${d}a`, v.a));
        break;
      case "globalPending":
        break;
    }
  }
  return out;
}

/** The per-publication counters summed over publications, under the global documents' paths. */
function summedOverPublications(c: Map<string, Map<string, number>>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [path, fields] of c) {
    const parts = path.split("/");
    if (parts[0] !== "publications") continue;
    const to = parts.length === 2 ? paths.globalTotals() : paths.globalEntity(parts[3]!);
    const m = out.get(to) ?? new Map<string, number>();
    out.set(to, m);
    for (const [f, n] of fields) m.set(f, (m.get(f) ?? 0) + n);
  }
  return out;
}

/** Folds every pending item of `items`, as the sweep does: oldest first, foldCount pieces at a time. */
function foldAll(pending: readonly DeltaPublication[], inlineYear: string, max = 50): RollupItem[][] {
  const folds: RollupItem[][] = [];
  for (let i = 0; i < pending.length; ) {
    const n = foldCount(pending.slice(i), inlineYear, max);
    assert.ok(n >= 1);
    folds.push(foldItems(pending.slice(i, i + n), inlineYear));
    i += n;
  }
  return folds;
}

const pendingOf = (items: readonly RollupItem[]) => items.flatMap((i) => (i.kind === "globalPending" ? [i.counts] : []));
const sorted = (m: Map<string, Map<string, number>>) => [...m].map(([k, v]) => [k, [...v].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));

/** A batch of `pubs` publications sharing a pool of entities, on random days of 2024-2026. */
function randomBatch(rand: Random, pubs: number, pool: number): DeltaPubs {
  const out: DeltaPubs = {};
  for (let p = 0; p < pubs; p++) {
    const d: Record<string, number> = {};
    const e: Record<string, DeltaEntity> = {};
    const articles = 1 + rand.int(5);
    for (let a = 0; a < articles; a++) {
      const dd = day("2024-06-01", rand.int(700));
      d[dd] = (d[dd] ?? 0) + 1;
      for (let k = 0; k < 1 + rand.int(6); k++) {
        const w = `Name ${rand.int(pool)}`;
        const id = entityId("person", w);
        const m = 1 + rand.int(3);
        const cur = (e[id] ??= { w, t: "person", c: 0, a: 0, d: {} });
        const dc = (cur.d[dd] ??= { m: 0, a: 0 });
        cur.c += m;
        dc.m += m;
        if (dc.a === 0) (cur.a++, (dc.a = 1));
      }
    }
    out[`pub${p}`] = { n: `Pub ${p}`, a: articles, d, e };
  }
  return out;
}

describe("rollup plan: counts over all publications", () => {
  const to = Date.UTC(2026, 5, 1);
  it("folded, the pending pieces of several batches equal the sum over publications of the per-publication items", () => {
    const rand = seeded(22);
    for (let trial = 0; trial < 20; trial++) {
      const batches = Array.from({ length: 1 + rand.int(4) }, () => randomBatch(rand, 1 + rand.int(4), 12));
      const items = batches.flatMap((b, k) => batchItems(b, [], to + k));
      const pending = pendingOf(items);
      assert.ok(pending.length >= batches.length);
      const folded = counters(foldAll(pending, "2026").flat());
      assert.deepEqual(sorted(folded), sorted(summedOverPublications(counters(items))));
    }
  });

  it("counts a lone surname merged into a full name in one publication under the full name's global id too", () => {
    const full = entityId("person", "Ada Lovelace");
    const lone = entityId("person", "Lovelace");
    const one = (w: string, id: string) => ({ [id]: { w, t: "person" as const, c: 2, a: 1, d: { "2026-05-01": { m: 2, a: 1 } } } });
    const pubs: DeltaPubs = {
      a: { n: "A", a: 2, d: { "2026-05-01": 2 }, e: { ...one("Ada Lovelace", full), ...one("Lovelace", lone) } },
      b: { n: "B", a: 1, d: { "2026-05-01": 1 }, e: one("Lovelace", lone) },
    };
    const items = batchItems(pubs, [{ pub: "a", from: lone, to: full, word: "Ada Lovelace" }], to);
    const folded = counters(foldAll(pendingOf(items), "2026").flat());
    assert.equal(folded.get(paths.globalEntity(full))?.get("count"), 4);
    assert.equal(folded.get(paths.globalEntity(lone))?.get("count"), 2); // publication b knows no full name
    assert.deepEqual(sorted(folded), sorted(summedOverPublications(counters(items))));
  });

  it("cuts a backfill into pieces each folded in one commit within Firestore's limits", () => {
    const pubs = { ...backfill("p", 30, 400, "2023-01-01"), ...backfill("q", 3000, 2, "2026-01-01") };
    const items = batchItems(pubs, [], to);
    const pending = items.filter((i) => i.kind === "globalPending");
    assert.ok(pending.length > 3);
    for (const p of pending) {
      assert.ok(p.kind === "globalPending");
      assert.ok(Object.keys(p.counts.d).length <= PIECE_LIMITS.days);
      for (const e of Object.values(p.counts.e)) assert.ok(Object.keys(e.d).length <= PIECE_LIMITS.days);
      assert.ok(documentBytes(p.path, { batch: to, piece: p.piece, counts: p.counts, createdAt: new Date() }) < MAX_DOCUMENT_BYTES);
      const alone = foldItems([p.counts], "2026");
      assert.ok(alone.every((i) => i.chunk === 0 && transforms(i) <= 500));
      assert.equal(planParts(alone).length, 1);
    }
    const folds = foldAll(pendingOf(items), "2026");
    for (const f of folds) {
      assert.equal(planParts(f).length, 1);
      assert.equal(new Set(f.map((i) => i.path)).size, f.length);
      assert.ok(f.every((i) => transforms(i) <= 500));
    }
    assert.deepEqual(sorted(counters(folds.flat())), sorted(summedOverPublications(counters(items))));
  });

  it("takes as many pieces into a fold as fit one commit (deletes counted), the most a piece-by-piece scan would", () => {
    const rand = seeded(23);
    for (let trial = 0; trial < 15; trial++) {
      const pending = pendingOf(Array.from({ length: 2 + rand.int(10) }, (_, k) => batchItems(randomBatch(rand, 1 + rand.int(3), 40), [], to + k)).flat());
      const limits = { bytes: 2_000 + rand.int(20_000), writes: 10 + rand.int(60) };
      const fits = (n: number) => {
        const items = foldItems(pending.slice(0, n), "2026");
        return !items.some((i) => i.chunk > 0) && planParts(items, { bytes: limits.bytes, writes: limits.writes - n }).length <= 1;
      };
      let scan = 1;
      while (scan < pending.length && fits(scan + 1)) scan++;
      assert.equal(foldCount(pending, "2026", 50, limits), scan, `trial ${trial}`);
      assert.equal(foldCount(pending, "2026", 2, limits), Math.min(scan, 2), "at most max");
    }
    assert.equal(foldCount([], "2026", 50), 0);
  });

  it("keeps a v2 plan's items as they were, and puts the pending pieces first in a v3 plan", () => {
    const pubs = randomBatch(seeded(3), 3, 10);
    const v2 = batchItems(pubs, [], to, 2);
    const v3 = batchItems(pubs, [], to);
    assert.ok(v2.every((i) => i.kind !== "globalPending"));
    assert.deepEqual(v3.filter((i) => i.kind !== "globalPending"), v2);
    assert.equal(v3[0]!.kind, "globalPending");
    assert.equal(v3[0]!.path, paths.globalPending(to, 0));
  });
});
