import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { summarisePost } from "../../../src/process/aggregate.js";
import { chunkUnits, DEFAULT_CHUNK_LIMITS, type Chunk } from "../../../src/process/chunk.js";
import { planChunk, planMessage } from "../../../src/process/plan.js";
import { syntheticMessage, syntheticPost } from "./helpers.js";

/** Every post appears with exactly one head, and each of its entities in exactly one part. */
function assertCoverage(chunks: Chunk[], posts: number): void {
  const heads = new Map<number, number>();
  const seen = new Map<number, number[]>();
  for (const c of chunks) {
    for (const p of c.parts) {
      if (p.head) heads.set(p.unit.index, (heads.get(p.unit.index) ?? 0) + 1);
      const list = seen.get(p.unit.index) ?? [];
      for (let i = p.from; i < p.to; i++) list.push(i);
      seen.set(p.unit.index, list);
    }
  }
  assert.equal(heads.size, posts);
  for (const [index, n] of heads) assert.equal(n, 1, `post ${index} has one head`);
  for (const c of chunks) for (const p of c.parts) {
    assert.deepEqual(seen.get(p.unit.index), Array.from({ length: p.unit.entities.length }, (_, i) => i));
  }
}

describe("chunkUnits", () => {
  it("keeps an ordinary message in one chunk named <messageId>.1of1", () => {
    const items = syntheticMessage(100, { ids: true });
    const plan = planMessage("m-1", items.map((i) => i.post), items.map((i) => i.entities));
    assert.equal(plan.chunks.length, 1);
    assert.equal(plan.chunks[0]!.ledgerId, "m-1.1of1");
    assertCoverage(plan.chunks, 100);
  });

  it("splits deterministically within the write and byte bounds", () => {
    const items = syntheticMessage(400, { perPost: 20, vocab: 5000, ids: true });
    const limits = { maxWrites: 500, maxBytes: 256 * 1024 };
    const a = planMessage("m-2", items.map((i) => i.post), items.map((i) => i.entities), limits);
    const b = planMessage("m-2", items.map((i) => i.post), items.map((i) => i.entities), limits);
    assert.ok(a.chunks.length > 1, `several chunks (${a.chunks.length})`);
    assert.deepEqual(a.chunks, b.chunks, "same message, same chunks");
    const n = a.chunks.length;
    a.chunks.forEach((c, i) => {
      assert.equal(c.ledgerId, `m-2.${i + 1}of${n}`);
      assert.ok(c.estimatedWrites <= limits.maxWrites, `writes ${c.estimatedWrites}`);
      assert.ok(c.estimatedBytes <= limits.maxBytes, `bytes ${c.estimatedBytes}`);
    });
    assertCoverage(a.chunks, 400);
    // Posts stay in message order across chunks.
    const order = a.chunks.flatMap((c) => c.parts.filter((p) => p.head).map((p) => p.unit.index));
    assert.deepEqual(order, Array.from({ length: 400 }, (_, i) => i));
  });

  it("estimates exactly the writes the plan commits when every post is new", () => {
    const items = syntheticMessage(300, { perPost: 12, vocab: 800, ids: true });
    const plan = planMessage("m-3", items.map((i) => i.post), items.map((i) => i.entities), { maxWrites: 400, maxBytes: 1 << 20 });
    for (const c of plan.chunks) assert.equal(planChunk("m-3", c, new Map()).writes.length, c.estimatedWrites);
  });

  it("splits one post too big for a chunk into parts, only the first counting the article", () => {
    const names = Array.from({ length: 250 }, (_, i) => `Entity Number ${i}`);
    const big = syntheticPost("Huge", names, "big-1");
    const small = syntheticPost("Huge", ["Alpha", "Beta"], "small-1");
    const units = [summarisePost(0, small.post, small.entities), summarisePost(1, big.post, big.entities)];
    const chunks = chunkUnits("m-4", units, { maxWrites: 100, maxBytes: 1 << 20 });
    assert.ok(chunks.length >= 3);
    assertCoverage(chunks, 2);
    for (const c of chunks) assert.ok(c.estimatedWrites <= 100);
    const bigParts = chunks.flatMap((c) => c.parts.filter((p) => p.unit.index === 1));
    assert.equal(bigParts.filter((p) => p.head).length, 1);
    assert.ok(bigParts.length >= 3);
    // The small post goes whole into the first chunk; the big one starts a new chunk rather than splitting early.
    assert.deepEqual(chunks[0]!.parts.map((p) => p.unit.index), [0]);
  });

  it("rejects limits too small to hold anything", () => {
    assert.throws(() => chunkUnits("m", [], { maxWrites: 2, maxBytes: DEFAULT_CHUNK_LIMITS.maxBytes }), /too small/);
    assert.throws(() => chunkUnits("m", [], { maxWrites: 100, maxBytes: 100 }), /too small/);
  });

  it("gives an empty message one (ledger-only) chunk", () => {
    const chunks = chunkUnits("m-5", []);
    assert.equal(chunks.length, 1);
    assert.equal(chunks[0]!.estimatedWrites, 1);
  });
});
