import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { entityId } from "@newsroom/core/keys";
import type { DeltaEntity, EntityType } from "@newsroom/core/firestore-schema";
import type { DeltaPubs } from "../../src/delta.js";
import { applyMerges, batchFullNames, decideMerges, loneNames, personAliases, type FullName, type LoneName } from "../../src/alias-merges.js";
import { rollupItems } from "../../src/rollup-plan.js";

const ent = (w: string, c: number, t: EntityType = "person", day = "2026-01-02"): DeltaEntity => ({ w, t, c, a: 1, d: { [day]: { m: c, a: 1 } } });
const pubOf = (...ents: DeltaEntity[]) => ({ n: "P", a: ents.length, d: {}, e: Object.fromEntries(ents.map((e) => [entityId(e.t, e.w), e])) });
const id = (w: string, t: EntityType = "person") => entityId(t, w);

/** Decides with the stored full names given per lone key. */
function decide(pubs: DeltaPubs, stored: Record<string, FullName[]> = {}) {
  const lone = loneNames(pubs);
  const found = new Map<LoneName, FullName[]>(lone.map((l) => [l, stored[l.key] ?? []]));
  return decideMerges(lone, batchFullNames(pubs), found);
}

describe("publication-level aliases", () => {
  it("claims the surname, the particle surname, never a first name or a place", () => {
    assert.deepEqual(personAliases("person", "Donald J. Trump"), ["trump"]);
    assert.deepEqual(personAliases("person", "Ursula von der Leyen"), ["von der leyen", "leyen"]);
    assert.deepEqual(personAliases("person", "Madonna"), []);
    assert.deepEqual(personAliases("place", "New York"), []);
  });

  it("counts a lone surname as the one full name of the batch, with its mentions, articles and days", () => {
    const pubs: DeltaPubs = { p: pubOf(ent("Grace Hopper", 2), ent("Hopper", 3, "person", "2026-01-03"), ent("Hopper", 1, "place")) };
    const merges = decide(pubs);
    assert.deepEqual(merges, [{ pub: "p", from: id("Hopper"), to: id("Grace Hopper"), word: "Grace Hopper" }]);
    const { pubs: out, absorbed } = applyMerges(pubs, merges);
    assert.equal(out.p!.e[id("Hopper")], undefined);
    assert.deepEqual(out.p!.e[id("Grace Hopper")], { w: "Grace Hopper", t: "person", c: 5, a: 2, d: { "2026-01-02": { m: 2, a: 1 }, "2026-01-03": { m: 3, a: 1 } } });
    assert.ok(out.p!.e[id("Hopper", "place")], "a place of the same word is not a surname");
    assert.equal(pubs.p!.e[id("Hopper")]!.c, 3, "the input is not changed");
    const item = rollupItems(out, "2026", absorbed).find((i) => i.kind === "entity" && i.word === "Grace Hopper");
    assert.ok(item?.kind === "entity");
    assert.deepEqual([item.aliases, item.absorbed, item.count], [["hopper"], [id("Hopper")], 5]);
  });

  it("merges into a full name known only from the store, under the stored form", () => {
    const merges = decide({ p: pubOf(ent("Hopper", 3)) }, { hopper: [{ id: id("Grace Hopper"), word: "Grace Hopper" }] });
    assert.deepEqual(merges, [{ pub: "p", from: id("Hopper"), to: id("Grace Hopper"), word: "Grace Hopper" }]);
    const { pubs } = applyMerges({ p: pubOf(ent("Hopper", 3)) }, merges);
    assert.deepEqual(Object.values(pubs.p!.e).map((e) => [e.w, e.c]), [["Grace Hopper", 3]]);
  });

  it("leaves a surname two full names share, in the batch or in the store, and one in another publication", () => {
    assert.deepEqual(decide({ p: pubOf(ent("Grace Hopper", 1), ent("Dennis Hopper", 1), ent("Hopper", 3)) }), []);
    assert.deepEqual(decide({ p: pubOf(ent("Grace Hopper", 1), ent("Hopper", 3)) }, { hopper: [{ id: id("Dennis Hopper"), word: "Dennis Hopper" }] }), []);
    assert.deepEqual(decide({ p: pubOf(ent("Grace Hopper", 1)), q: pubOf(ent("Hopper", 3)) }), []);
  });

  it("looks up the most mentioned lone surnames first, at most the limit", () => {
    const pubs: DeltaPubs = { p: pubOf(ent("Hopper", 1), ent("Lovelace", 9), ent("Babbage", 4), ent("Ada Lovelace", 2)) };
    assert.deepEqual(loneNames(pubs, "", 2).map((l) => l.key), ["lovelace", "babbage"]);
  });

  it("takes lookups in turns across publications: one publication's flood of surnames cannot starve another's", () => {
    const flood = Object.fromEntries(Array.from({ length: 260 }, (_, i) => [id(`Zorvak${i}`), ent(`Zorvak${i}`, 3)]));
    const pubs: DeltaPubs = { flood: { n: "F", a: 26, d: {}, e: flood }, victim: pubOf(ent("Quillfeather", 1)) };
    const lone = loneNames(pubs, "batch-1", 200);
    assert.equal(lone.length, 200);
    assert.ok(lone.some((l) => l.pub === "victim" && l.key === "quillfeather"), "the victim's one lone surname is looked up");
    assert.ok(lone.slice(0, 2).some((l) => l.pub === "victim"), "in the first turn");
    // Within a publication, the most mentioned first; the same batch gives the same order.
    assert.deepEqual(loneNames(pubs, "batch-1", 200), lone);
  });

  it("rotates which publications go first from batch to batch when there are more than lookups", () => {
    const pubs: DeltaPubs = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, pubOf(ent(`Lonely${i}`, 1))]));
    const firsts = new Set(Array.from({ length: 20 }, (_, b) => loneNames(pubs, `batch-${b}`, 5)[0]!.pub));
    assert.ok(firsts.size > 5, `different publications lead in different batches (${firsts.size})`);
  });
});
