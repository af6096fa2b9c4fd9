import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { chunkUnits } from "../../../src/process/chunk.js";
import { summarisePost } from "../../../src/process/aggregate.js";
import { clientIdKey, entityId, publicationKey } from "../../../src/process/keys.js";
import { planChunk, planMessage, type PlannedWrite } from "../../../src/process/plan.js";
import { syntheticPost } from "./helpers.js";

const kinds = (ws: PlannedWrite[]) => ws.map((w) => w.kind);

describe("planMessage and planChunk", () => {
  it("plans publication, entity, client-id and ledger writes with exact values", () => {
    const a = syntheticPost("Daily Planet", ["Lois Lane", "LexCorp"], "dp-1");
    const b = syntheticPost("Daily Planet", ["Lois Lane"]);
    const plan = planMessage("msg-1", [a.post, b.post], [a.entities, b.entities]);
    const chunk = plan.chunks[0]!;
    const { writes, counted, dropped } = planChunk("msg-1", chunk, new Map([[clientIdKey("daily planet", "dp-1"), undefined]]));
    assert.equal(counted, 2);
    assert.equal(dropped, 0);
    const pub = publicationKey("Daily Planet");
    assert.deepEqual(writes, [
      { kind: "publication", path: `publications/${pub}`, name: "Daily Planet", articleCount: 2 },
      ...[
        { kind: "entity" as const, path: `publications/${pub}/ents/${entityId("person", "Lois Lane")}`, word: "Lois Lane", type: "person" as const, count: 2, articles: 2 },
        { kind: "entity" as const, path: `publications/${pub}/ents/${entityId("organization", "LexCorp")}`, word: "LexCorp", type: "organization" as const, count: 1, articles: 1 },
      ].sort((x, y) => (x.path < y.path ? -1 : 1)),
      { kind: "clientId", path: `clientIds/${clientIdKey(pub, "dp-1")}`, messageId: "msg-1", ledgerId: "msg-1.1of1" },
      { kind: "ledger", path: "ledger/msg-1.1of1", messageId: "msg-1", chunk: 1, chunks: 1, posts: 2, counted: 2 },
    ]);
  });

  it("drops repeats of a client id within the message (first wins)", () => {
    const a = syntheticPost("P", ["Alice"], "same");
    const b = syntheticPost("P", ["Bob"], "same");
    const c = syntheticPost("Q", ["Carol"], "same"); // other publication: a different key
    const plan = planMessage("m", [a.post, b.post, c.post], [a.entities, b.entities, c.entities]);
    assert.deepEqual(plan.repeated, [1]);
    assert.deepEqual(plan.units.map((u) => u.index), [0, 2]);
  });

  it("drops a post whose client id another message already counted", () => {
    const a = syntheticPost("P", ["Alice"], "seen");
    const b = syntheticPost("P", ["Bob"], "new");
    const plan = planMessage("m2", [a.post, b.post], [a.entities, b.entities]);
    const owners = new Map([
      [clientIdKey("p", "seen"), "m1"],
      [clientIdKey("p", "new"), undefined],
    ]);
    const result = planChunk("m2", plan.chunks[0]!, owners);
    assert.equal(result.counted, 1);
    assert.equal(result.dropped, 1);
    assert.deepEqual(kinds(result.writes), ["publication", "entity", "clientId", "ledger"]);
    const ent = result.writes.find((w) => w.kind === "entity");
    assert.equal(ent?.kind === "entity" && ent.word, "Bob");
  });

  it("writes nothing but the ledger when every post was already counted", () => {
    const a = syntheticPost("P", ["Alice"], "x");
    const plan = planMessage("m3", [a.post], [a.entities]);
    const result = planChunk("m3", plan.chunks[0]!, new Map([[clientIdKey("p", "x"), "m1"]]));
    assert.deepEqual(kinds(result.writes), ["ledger"]);
    assert.equal(result.counted, 0);
  });

  it("counts the later parts of a split post only if this message owns its client id", () => {
    const big = syntheticPost("P", Array.from({ length: 30 }, (_, i) => `Name ${i}`), "big");
    const unit = summarisePost(0, big.post, big.entities);
    const chunks = chunkUnits("m4", [unit], { maxWrites: 12, maxBytes: 1 << 20 });
    assert.ok(chunks.length > 1);
    const key = clientIdKey("p", "big");
    const tail = chunks[1]!;
    // Owned by this message (its first part committed): counted, no new client-id write.
    const mine = planChunk("m4", tail, new Map([[key, "m4"]]));
    assert.ok(mine.entities > 0);
    assert.equal(mine.writes.filter((w) => w.kind === "clientId" || w.kind === "publication").length, 0);
    // Owned by another message: dropped.
    const theirs = planChunk("m4", tail, new Map([[key, "other"]]));
    assert.deepEqual(kinds(theirs.writes), ["ledger"]);
    // The first part: counted only when unowned.
    assert.equal(planChunk("m4", chunks[0]!, new Map([[key, undefined]])).counted, 1);
    assert.equal(planChunk("m4", chunks[0]!, new Map([[key, "m4"]])).counted, 0);
  });
});
