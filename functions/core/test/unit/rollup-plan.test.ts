import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentBytes, MAX_DOCUMENT_BYTES } from "@newsroom/core/doc-size";
import { entityId } from "@newsroom/core/keys";
import { paths, type DayCounts, type DeltaEntity } from "@newsroom/core/firestore-schema";
import type { DeltaPubs } from "../../src/delta.js";
import { batchItems, ENTRIES_PER_WRITE, itemBytes, itemsOfPart, planParts, rollupItems, type RollupItem } from "../../src/rollup-plan.js";

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
