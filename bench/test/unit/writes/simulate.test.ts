// The write-count simulation on inputs small enough to count by hand.
// Run: node --test bench/writes/ (after npm run build --workspace functions).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Entity } from "@newsroom/core/extract";
import type { DeltaPubs } from "@newsroom/core/delta";
import { decodeMessage } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";
import { packMessages } from "../../../writes/arrival.ts";
import { packedTail } from "../../../writes/packed.ts";
import { simulate, type SimOptions } from "../../../writes/simulate.ts";

const START = 1_800_000_000_000; // a multiple of 20 s: the first request opens a window
const PACK = { maxPosts: 100, maxBytes: 256 * 1024, windowMs: 20 };
const OPTIONS: SimOptions = { windowSeconds: 20, instances: 1, legacy: true, sweepEveryMs: 60_000, graceMs: 2_000, globalFoldMs: 300_000 };

const mention = (canonical: string, type: Entity["type"]): Entity => ({ text: canonical, canonical, type, start: 0, end: canonical.length });
const paris = mention("Paris", "place");
const ann = mention("Ann Lee", "person");
const ENTITIES: Record<string, Entity[]> = { a1: [paris, paris, ann], a2: [paris], b1: [paris] };
const post = (publication: string, id: string): Post => ({ publication, content: `Text of ${id}.`, id });
const a1 = post("Alpha", "a1");
const a2 = post("Alpha", "a2");
const b1 = post("Beta", "b1");
const entitiesOf = (p: Post) => ENTITIES[p.id!]!;

test("the batcher seals a batch when its timer is due, before a request arriving at that instant", () => {
  const messages = packMessages([[a1], [a2], [b1]], 10, START, PACK);
  assert.deepEqual(
    messages.map((m) => {
      const d = decodeMessage(m.data);
      assert.ok(d.ok);
      return [m.sealedAt - START, d.message.posts.map((p) => p.id), Date.parse(d.message.receivedAt) - START];
    }),
    [
      [20, ["a1", "a2"], 20],
      [40, ["b1"], 40],
    ],
  );
});

test("two windows: each message's articles and delta, each window's shared docs and bookkeeping", async () => {
  // Request 2 comes 30 s later, in the next window.
  const r = await simulate(packMessages([[a1, a2], [b1]], 30_000, START, PACK), entitiesOf, OPTIONS);
  assert.equal(r.messages, 2);
  assert.equal(r.windows, 2);
  assert.deepEqual(r.writes, {
    articles: 3,
    deltas: 2,
    shared: 3 + 2, // Alpha, Alpha/Paris, Alpha/Ann Lee; then Beta, Beta/Paris
    series: 0, // the days are of the batch's own year: in the totals' documents, no year document
    ledger: 5 + 5, // claim, plan, one part marker, window applied, rollup/status
    // A pending piece per window; both folded at the first sweep 300 s after the first: global/totals, Paris, Ann Lee.
    global: 2 + 3,
  });
  assert.deepEqual(r.reads, {
    articles: 3,
    legacy: 2 + 1 + (1 + 1), // each client id's clientIds doc, a ledger query per commit
    windows: 2,
    rollup: 7 + 7, // claim, 1 delta, plan, marker, status, the open batches, the sweep after the tick
    extraTicks: 0,
    sweeps: 1, // the posts and both windows fit in one minute
    aliases: 0, // no lone surname
    // One read of the oldest at each sweep: the first, the two ticks', five scheduled ones; at
    // 360 s the oldest is due: 2 read, 2 read again and folded in one commit, then none left.
    global: 1 + 1 + 1 + 5 + (1 + 2 + 2) + 1,
  });
  assert.equal(r.deletes, 2 + 2);
  assert.equal(r.folds, 1);
  assert.equal(r.maxWritesPerSharedDocPerWindow, 1);
  assert.deepEqual(r.fullestWindow, { posts: 2, shared: 3 });
  assert.equal(r.ticks, 2);
});

test("one window from two instances: shared docs written once, the second tick only reads", async () => {
  const r = await simulate(packMessages([[a1, a2], [b1]], 1_000, START, PACK), entitiesOf, { ...OPTIONS, instances: 2, legacy: false });
  assert.equal(r.windows, 1);
  assert.deepEqual(r.writes, { articles: 3, deltas: 2, shared: 5, series: 0, ledger: 5, global: 1 + 3 });
  assert.deepEqual(r.reads, { articles: 3, legacy: 0, windows: 2, rollup: 1 + 2 + 1 + 1 + 1 + 1 + 1, extraTicks: 3, sweeps: 1, aliases: 0, global: 1 + 1 + 5 + (1 + 1 + 1) + 1 });
  assert.equal(r.maxTicksPerWindow, 2);
  assert.equal(r.maxWritesPerSharedDocPerWindow, 1);
});

test("a lone surname costs one lookup per window, and once its full name is stored it is written into that document", async () => {
  const lee = mention("Lee", "person");
  const entities: Record<string, Entity[]> = { a1: [ann], a2: [lee], a3: [lee] };
  const posts = ["a1", "a2", "a3"].map((id) => post("Alpha", id));
  // Three windows: Ann Lee; then Lee alone (merged); then Lee alone again (merged).
  const r = await simulate(packMessages([[posts[0]!], [posts[1]!], [posts[2]!]], 30_000, START, PACK), (p) => entities[p.id!]!, { ...OPTIONS, legacy: false });
  assert.equal(r.windows, 3);
  assert.equal(r.reads.aliases, 2, "one query each in windows 2 and 3, each finding Ann Lee");
  assert.equal(r.writes.shared, 3 * 2, "each window: Alpha and Ann Lee; no document for Lee");
});

test("a post sent again is read again but counted once", async () => {
  const r = await simulate(packMessages([[a1], [a1]], 30_000, START, PACK), entitiesOf, OPTIONS);
  assert.equal(r.reads.articles, 2);
  assert.equal(r.writes.articles, 1);
  assert.equal(r.writes.deltas, 1);
  assert.equal(r.windows, 1);
});

test("packed tail: head entities keep their documents, the rest share a bucket, split at 500 transforms", () => {
  const many: DeltaPubs = {
    alpha: {
      n: "Alpha",
      a: 1,
      d: { "2026-01-15": 1 },
      e: Object.fromEntries(
        Array.from({ length: 131 }, (_, i) => [`place:e${i}`, { w: `E${i}`, t: "place" as const, c: 1, a: 1, d: { "2026-01-15": { m: 1, a: 1 } } }]),
      ),
    },
  };
  const packed = packedTail((_pub, id) => id === "place:e0", 1);
  packed.observe(many);
  const r = packed.result();
  assert.equal(r.publications, 1);
  assert.equal(r.head, 1);
  // 130 tail entities x (count, articles, day m, day a) = 520 transforms: two writes.
  assert.equal(r.maxTransformsPerBucketPerWindow, 520);
  assert.equal(r.tail, 2);
  assert.equal(r.splits, 1);
  assert.equal(r.maxWritesPerDocPerWindow, 2);
  assert.equal(r.tailEntities, 130);
});
