// processPosts against the Firestore emulator: handlePostsMessage called
// directly (the emulator never redelivers, so redelivery = a second call).
// Needs FIRESTORE_EMULATOR_HOST and GCLOUD_PROJECT (demo-newsroom).
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import type { Entity, EntityType } from "../../src/nlp/extract.js";
import { extractEntities } from "../../src/nlp/extract.js";
import { aggregatePosts } from "../../src/process/aggregate.js";
import { clientIdKey, entityId, publicationKey } from "../../src/process/keys.js";
import { handlePostsMessage, type HandlerDeps, type ProcessedResult } from "../../src/process/handler.js";
import { destroyExtractionPool, extractOnPool } from "../../src/process/pool.js";
import { encodeMessage } from "../../src/shared/message.js";
import type { Post } from "../../src/shared/post.js";

const RUN = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const pubName = (label: string) => `Test ${label} ${RUN}`;
const msgId = (label: string) => `${label}-${RUN}`;

/** A lexicon extractor with known output, so expected documents can be written by hand. */
const LEXICON: Array<[string, EntityType]> = [
  ["Ada Lovelace", "person"],
  ["Charles Babbage", "person"],
  ["Royal Society", "organization"],
  ["London", "place"],
  ["Paris", "place"],
];
function lexiconExtract(text: string): Entity[] {
  const out: Entity[] = [];
  for (const [name, type] of LEXICON) {
    const re = new RegExp(name, "gi");
    for (const m of text.matchAll(re)) out.push({ text: m[0], canonical: m[0], type, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

interface LogLine {
  level: "info" | "warn";
  message: string;
  fields: Record<string, unknown>;
}

let app: App;
let db: Firestore;
const logs: LogLine[] = [];

function deps(extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    db,
    extract: async (texts) => texts.map(lexiconExtract),
    logger: {
      info: (message, fields) => logs.push({ level: "info", message, fields }),
      warn: (message, fields) => logs.push({ level: "warn", message, fields }),
    },
    retry: { baseDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 10_000 },
    ...extra,
  };
}

async function readPublication(name: string) {
  const ref = db.collection("publications").doc(publicationKey(name));
  const [pub, ents] = await Promise.all([ref.get(), ref.collection("ents").get()]);
  return {
    exists: pub.exists,
    data: pub.data(),
    ents: new Map(ents.docs.map((d) => [d.id, d.data()])),
  };
}

/** Counters only (drops timestamps), for comparing states. */
async function counters(name: string) {
  const p = await readPublication(name);
  return {
    articleCount: p.data?.articleCount as number | undefined,
    ents: Object.fromEntries([...p.ents].map(([id, e]) => [id, { word: e.word, type: e.type, count: e.count, articles: e.articles }])),
  };
}

const send = (posts: Post[], messageId: string, d: HandlerDeps = deps()) =>
  handlePostsMessage({ messageId, data: encodeMessage(posts, new Date("2026-01-01T00:00:00Z")) }, d) as Promise<ProcessedResult>;

before(() => {
  if (!process.env.FIRESTORE_EMULATOR_HOST) {
    throw new Error("FIRESTORE_EMULATOR_HOST is not set: run these tests under the emulator harness (npm run test:emulators)");
  }
  app = initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }, `process-test-${RUN}`);
  db = getFirestore(app);
});

after(async () => {
  await destroyExtractionPool();
  if (app) await deleteApp(app);
});

describe("handlePostsMessage (Firestore emulator)", () => {
  it("writes exactly the expected documents for known posts", async () => {
    const name = pubName("Exact");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace wrote to Charles Babbage from London.", id: "e-1" },
      { publication: `  ${name.toUpperCase()} `, content: "The Royal Society met in London. Ada Lovelace and ADA LOVELACE attended." },
      { publication: name, content: "Nothing of note." },
    ];
    const before = Date.now();
    const result = await send(posts, msgId("exact"));
    assert.equal(result.status, "processed");
    assert.equal(result.posts, 3);
    assert.equal(result.counted, 3);
    assert.equal(result.entities, 4);
    assert.equal(result.writes, 1 + 4 + 1 + 1, "publication + 4 entities + 1 client id + ledger");

    const pub = await readPublication(name);
    const key = publicationKey(name);
    assert.deepEqual(Object.keys(pub.data ?? {}).sort(), ["articleCount", "name", "updatedAt"]);
    assert.equal(pub.data?.name, name, "most frequent display form");
    assert.equal(pub.data?.articleCount, 3);
    assert.ok(pub.data?.updatedAt instanceof Timestamp);
    const expected = new Map([
      [entityId("person", "ada lovelace"), { word: "Ada Lovelace", type: "person", count: 3, articles: 2 }],
      [entityId("person", "charles babbage"), { word: "Charles Babbage", type: "person", count: 1, articles: 1 }],
      [entityId("place", "london"), { word: "London", type: "place", count: 2, articles: 2 }],
      [entityId("organization", "royal society"), { word: "Royal Society", type: "organization", count: 1, articles: 1 }],
    ]);
    assert.deepEqual([...pub.ents.keys()].sort(), [...expected.keys()].sort());
    for (const [id, e] of pub.ents) {
      const { updatedAt, ...rest } = e;
      assert.deepEqual(rest, expected.get(id), id);
      assert.ok(updatedAt instanceof Timestamp);
    }

    const ledger = await db.collection("ledger").doc(`${msgId("exact")}.1of1`).get();
    assert.ok(ledger.exists);
    const l = ledger.data()!;
    assert.deepEqual(
      { messageId: l.messageId, chunk: l.chunk, chunks: l.chunks, posts: l.posts, counted: l.counted },
      { messageId: msgId("exact"), chunk: 1, chunks: 1, posts: 3, counted: 3 },
    );
    const expireAt = (l.expireAt as Timestamp).toMillis();
    assert.ok(expireAt >= before + 29 * 86_400_000 && expireAt <= Date.now() + 31 * 86_400_000, "expireAt ~ now + 30 days");
    const client = await db.collection("clientIds").doc(clientIdKey(key, "e-1")).get();
    assert.equal(client.get("messageId"), msgId("exact"));
    assert.ok(client.get("expireAt") instanceof Timestamp);

    const line = logs.filter((l) => l.fields.messageId === msgId("exact"));
    assert.equal(line.length, 1, "one log line per message");
    for (const f of ["posts", "entities", "writes", "extractMs", "commitMs"]) assert.equal(typeof line[0]!.fields[f], "number", f);
  });

  it("counts the real extractor's entities (worker pool) exactly as aggregation says", async () => {
    const name = pubName("Pool");
    const posts: Post[] = [
      { publication: name, content: "President Abraham Lincoln spoke to Congress in Washington about the Union." },
      { publication: name, content: "Queen Victoria and Prince Albert visited Paris and London with the Royal Navy." },
    ];
    const result = await send(posts, msgId("pool"), deps({ extract: (texts) => extractOnPool(texts) }));
    const expected = aggregatePosts(posts.map((post) => ({ post, entities: extractEntities(post.content) }))).get(publicationKey(name))!;
    assert.ok(expected.ents.size > 0, "the extractor found entities");
    assert.equal(result.entities, expected.ents.size);
    const got = await counters(name);
    assert.equal(got.articleCount, 2);
    assert.deepEqual(
      got.ents,
      Object.fromEntries([...expected.ents].map(([id, e]) => [id, { word: e.word, type: e.type, count: e.count, articles: e.articles }])),
    );
  });

  it("leaves counts unchanged when the same messageId is delivered twice", async () => {
    const name = pubName("Redelivery");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace in Paris." },
      { publication: name, content: "Charles Babbage in Paris." },
    ];
    const first = await send(posts, msgId("redeliver"));
    const state = await counters(name);
    const second = await send(posts, msgId("redeliver"));
    assert.equal(first.counted, 2);
    assert.equal(second.counted, 0);
    assert.equal(second.writes, 0);
    assert.equal(second.chunksAlreadyCounted, 1);
    assert.deepEqual(await counters(name), state);
    assert.equal(state.articleCount, 2);
  });

  it("counts a client post id once across two messages", async () => {
    const name = pubName("ClientIds");
    const a = await send([{ publication: name, content: "Ada Lovelace.", id: "post-1" }], msgId("cid-a"));
    const b = await send(
      [
        { publication: name, content: "Ada Lovelace.", id: "post-1" },
        { publication: name, content: "Charles Babbage.", id: "post-2" },
        { publication: name, content: "Charles Babbage again.", id: "post-2" },
      ],
      msgId("cid-b"),
    );
    assert.equal(a.counted, 1);
    assert.equal(b.counted, 1);
    assert.equal(b.dropped, 1);
    assert.equal(b.repeated, 1);
    const got = await counters(name);
    assert.equal(got.articleCount, 2);
    assert.deepEqual(got.ents[entityId("person", "Ada Lovelace")], { word: "Ada Lovelace", type: "person", count: 1, articles: 1 });
    assert.deepEqual(got.ents[entityId("person", "Charles Babbage")], { word: "Charles Babbage", type: "person", count: 1, articles: 1 });
  });

  it("counts a client post id once when two messages race for it", async () => {
    const name = pubName("Race");
    const post = (id: string): Post => ({ publication: name, content: "Paris.", id });
    const results = await Promise.all([
      send([post("r-1"), post("r-2")], msgId("race-a")),
      send([post("r-2"), post("r-1")], msgId("race-b")),
      send([post("r-1")], msgId("race-c")),
    ]);
    assert.equal(results.reduce((n, r) => n + r.counted, 0), 2);
    const got = await counters(name);
    assert.equal(got.articleCount, 2);
    assert.deepEqual(got.ents[entityId("place", "paris")], { word: "Paris", type: "place", count: 2, articles: 2 });
  });

  it("quarantines a poison message, counts nothing and does not throw", async () => {
    const name = pubName("Poison");
    const bad = JSON.stringify({ v: 1, posts: [{ publication: name, content: "   " }], receivedAt: "2026-01-01T00:00:00Z" });
    const result = await handlePostsMessage({ messageId: msgId("poison"), data: Buffer.from(bad) }, deps());
    assert.equal(result.status, "quarantined");
    const q = await db.collection("quarantine").doc(msgId("poison")).get();
    assert.ok(q.exists);
    assert.equal(q.get("messageId"), msgId("poison"));
    assert.match(q.get("reason"), /content must not be blank/);
    assert.equal(q.get("excerpt"), bad);
    assert.equal(q.get("bytes"), Buffer.byteLength(bad));
    assert.ok(q.get("expireAt") instanceof Timestamp);
    assert.equal((await readPublication(name)).exists, false);
    assert.equal((await db.collection("ledger").where("messageId", "==", msgId("poison")).get()).size, 0);
    assert.ok(logs.some((l) => l.level === "warn" && l.fields.messageId === msgId("poison")));

    // Not JSON at all, and larger than the excerpt cap.
    const junk = "x".repeat(40_000);
    const r2 = await handlePostsMessage({ messageId: msgId("junk"), data: junk }, deps());
    assert.equal(r2.status, "quarantined");
    const q2 = await db.collection("quarantine").doc(msgId("junk")).get();
    assert.match(q2.get("reason"), /not JSON/);
    assert.equal(q2.get("truncated"), true);
    assert.ok((q2.get("excerpt") as string).length < junk.length);
  });

  it("retries a transient failure injected into the first commit attempt and counts once", async () => {
    const name = pubName("Transient");
    const posts: Post[] = [{ publication: name, content: "Ada Lovelace met Charles Babbage.", id: "t-1" }];
    const attempts: number[] = [];
    const result = await send(
      posts,
      msgId("transient"),
      deps({
        faults: {
          beforeCommit: ({ attempt }) => {
            attempts.push(attempt);
            if (attempt === 1) throw Object.assign(new Error("injected: unavailable"), { code: 14 });
          },
        },
      }),
    );
    assert.deepEqual(attempts, [1, 2]);
    assert.equal(result.counted, 1);
    const got = await counters(name);
    assert.equal(got.articleCount, 1);
    assert.equal(Object.keys(got.ents).length, 2);
    for (const e of Object.values(got.ents)) assert.deepEqual([e.count, e.articles], [1, 1]);
  });

  it("counts once when the first commit landed but its acknowledgement was lost", async () => {
    const name = pubName("LostAck");
    const attempts: number[] = [];
    const result = await send(
      [{ publication: name, content: "London and Paris." }],
      msgId("lost-ack"),
      deps({
        faults: {
          afterCommit: ({ attempt }) => {
            attempts.push(attempt);
            if (attempt === 1) throw Object.assign(new Error("injected: deadline exceeded"), { code: 4 });
          },
        },
      }),
    );
    assert.deepEqual(attempts, [1], "the retry found the ledger and committed nothing");
    assert.equal(result.chunksAlreadyCounted, 1);
    const got = await counters(name);
    assert.equal(got.articleCount, 1);
    for (const e of Object.values(got.ents)) assert.deepEqual([e.count, e.articles], [1, 1]);
  });

  it("completes exactly the missing chunks when one chunk's commit failed", async () => {
    const name = pubName("Chunks");
    const posts: Post[] = Array.from({ length: 12 }, (_, i) => ({
      publication: name,
      content: i % 2 ? `Ada Lovelace in London, part ${i}.` : `Charles Babbage and the Royal Society in Paris, part ${i}.`,
      id: `ch-${i}`,
    }));
    // Small limits force several chunks (real messages rarely need this).
    const chunkLimits = { maxWrites: 8, maxBytes: 1 << 20 };
    const failing = deps({
      chunkLimits,
      faults: {
        beforeCommit: ({ chunk }) => {
          if (chunk === 1) throw Object.assign(new Error("injected: permission denied"), { code: 7 });
        },
      },
    });
    await assert.rejects(send(posts, msgId("chunks"), failing), /permission denied/);
    const ledger = async () =>
      (await db.collection("ledger").where("messageId", "==", msgId("chunks")).get()).docs.map((d) => d.id).sort();
    const afterFailure = await ledger();
    assert.deepEqual(afterFailure.length, 1, `only the first chunk committed: ${afterFailure.join(", ")}`);
    const partial = await counters(name);
    assert.ok((partial.articleCount ?? 0) > 0 && (partial.articleCount ?? 0) < posts.length);

    const redelivered = await send(posts, msgId("chunks"), deps({ chunkLimits }));
    assert.ok(redelivered.chunks >= 3, `chunks: ${redelivered.chunks}`);
    assert.equal(redelivered.chunksAlreadyCounted, 1);
    assert.equal(redelivered.counted + (partial.articleCount ?? 0), posts.length);
    const done = await ledger();
    const n = redelivered.chunks;
    assert.deepEqual(done, Array.from({ length: n }, (_, i) => `${msgId("chunks")}.${i + 1}of${n}`).sort());

    const expected = aggregatePosts(posts.map((post) => ({ post, entities: lexiconExtract(post.content) }))).get(publicationKey(name))!;
    const got = await counters(name);
    assert.equal(got.articleCount, posts.length);
    assert.deepEqual(
      got.ents,
      Object.fromEntries([...expected.ents].map(([id, e]) => [id, { word: e.word, type: e.type, count: e.count, articles: e.articles }])),
    );
    // A third delivery changes nothing.
    const third = await send(posts, msgId("chunks"), deps({ chunkLimits }));
    assert.equal(third.chunksAlreadyCounted, third.chunks);
    assert.deepEqual(await counters(name), got);
  });
});
