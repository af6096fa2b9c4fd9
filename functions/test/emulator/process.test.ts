// processPosts and the rollup against the Firestore emulator: the handlers
// called directly (the emulator never redelivers, so a redelivery is a second
// call; faults come from a wrapped Firestore client). Needs
// FIRESTORE_EMULATOR_HOST and GCLOUD_PROJECT (demo-newsroom).
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import type { Entity, EntityType } from "../../src/nlp/extract.js";
import { deltaOf, mergeDeltas } from "../../src/process/delta.js";
import { handlePostsMessage, type HandlerDeps, type ProcessedResult } from "../../src/process/handler.js";
import { destroyExtractionPool, extractEach, type Extracted } from "../../src/process/pool.js";
import { summarisePost } from "../../src/process/summarise.js";
import { handleRollupTick, rollupWindow, sweep, type RollupDeps } from "../../src/rollup/handler.js";
import { clientIdKey, entityId, publicationKey } from "../../src/shared/keys.js";
import { COLLECTIONS, paths, windowEndOf, type DeltaDoc } from "../../src/shared/layout.js";
import { encodeMessage } from "../../src/shared/message.js";
import type { Post } from "../../src/shared/post.js";
import { faultyFirestore, grpcError, INVALID_ARGUMENT, UNAVAILABLE } from "./support/faulty-firestore.js";

const RUN = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const pubName = (label: string) => `Test ${label} ${RUN}`;
const msgId = (label: string) => `${label}-${RUN}`;
const W = 20;
const RECEIVED = new Date("2026-01-01T12:00:00Z");

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
    for (const m of text.matchAll(new RegExp(name, "gi"))) out.push({ text: m[0], canonical: m[0], type, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
const lexicon = async (texts: readonly string[]): Promise<Extracted[]> => texts.map((t) => ({ ok: true, entities: lexiconExtract(t) }));

let app: App;
let db: Firestore;
const warnings: Array<{ message: string; fields: Record<string, unknown> }> = [];
const logger = { info: () => undefined, warn: (message: string, fields: Record<string, unknown>) => void warnings.push({ message, fields }) };
const fastRetry = { baseDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 10_000 };

/** A clock per test: windows are far apart so tests never share one. */
let clockBase = Date.UTC(2030, 0, 1);
function clock() {
  clockBase += 3_600_000;
  let t = clockBase;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function deps(now: () => number, extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return { db, extract: lexicon, logger, now, windowSeconds: W, legacy: true, retry: fastRetry, ...extra };
}
function rollup(now: () => number, extra: Partial<RollupDeps> = {}): RollupDeps {
  return { db, logger, windowSeconds: W, graceMs: 0, leaseMs: 60_000, now, sleep: async () => undefined, retry: fastRetry, owner: `test-${randomBytes(3).toString("hex")}`, ...extra };
}

const send = (posts: Post[], messageId: string, d: HandlerDeps) =>
  handlePostsMessage({ messageId, data: encodeMessage(posts, RECEIVED) }, d) as Promise<ProcessedResult>;

/** Counters of a publication (no timestamps), for comparing states. */
async function counters(name: string) {
  const ref = db.doc(paths.publication(publicationKey(name)));
  const [pub, ents] = await Promise.all([ref.get(), ref.collection(COLLECTIONS.ents).get()]);
  return {
    articleCount: pub.get("articleCount") as number | undefined,
    days: pub.get("days") as Record<string, number> | undefined,
    ents: Object.fromEntries(ents.docs.map((d) => [d.id, { word: d.get("word"), type: d.get("type"), count: d.get("count"), articles: d.get("articles"), days: d.get("days") }])),
  };
}

/** What the counters must be: the lexicon's entities of `posts`, summed (each post once). */
function expected(posts: Post[]) {
  const merged = mergeDeltas([deltaOf(posts.map((p, i) => summarisePost("m", i, p, lexiconExtract(p.content), RECEIVED)))]);
  const p = merged[publicationKey(posts[0]!.publication)]!;
  return {
    articleCount: p.a,
    days: p.d,
    ents: Object.fromEntries(Object.entries(p.e).map(([id, e]) => [id, { word: e.w, type: e.t, count: e.c, articles: e.a, days: e.d }])),
  };
}

async function deltasOfWindow(windowEnd: number) {
  return (await db.collection(COLLECTIONS.deltas).where("windowEnd", "==", windowEnd).get()).docs.map((d) => d.data() as DeltaDoc);
}

before(() => {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error("FIRESTORE_EMULATOR_HOST is not set: run these tests under the emulator harness (npm run test:emulators)");
  app = initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }, `process-test-${RUN}`);
  db = getFirestore(app);
});

after(async () => {
  await destroyExtractionPool();
  if (app) await deleteApp(app);
});

describe("processPosts (Firestore emulator)", () => {
  it("creates one article per post and one delta, and the rollup turns them into exactly the expected counts", async () => {
    const c = clock();
    const name = pubName("Exact");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace wrote to Charles Babbage from London.", id: "e-1", title: "Letters", url: "https://example.com/1", publishedAt: "2025-12-30" },
      { publication: `  ${name.toUpperCase()} `, content: "The Royal Society met in London. Ada Lovelace and ADA LOVELACE attended." },
      { publication: name, content: "Nothing of note." },
    ];
    const r = await send(posts, msgId("exact"), deps(c.now));
    assert.equal(r.counted, 3);
    assert.equal(r.writes, 3 + 1, "three articles and one delta");
    assert.deepEqual(r.windows, [windowEndOf(c.now(), W)]);
    const deltas = await deltasOfWindow(r.windows[0]!);
    assert.equal(deltas.length, 1);
    assert.equal(deltas[0]!.posts, 3);

    const key = publicationKey(name);
    const article = (await db.doc(paths.article(clientIdKey(key, "e-1"))).get()).data()!;
    assert.equal(article.title, "Letters");
    assert.equal(article.url, "https://example.com/1");
    assert.equal(article.day, "2025-12-30");
    assert.equal((article.at as Timestamp).toDate().toISOString(), "2025-12-30T00:00:00.000Z");
    assert.deepEqual(article.ents, [entityId("person", "Ada Lovelace"), entityId("person", "Charles Babbage"), entityId("place", "London")].sort());
    assert.deepEqual(article.mentions, [1, 1, 1]);
    assert.equal(article.clientId, "e-1");

    // Nothing shows before the rollup; then exactly the posts' counts.
    assert.equal((await counters(name)).articleCount, undefined);
    c.advance(W * 1000);
    const applied = await sweep(rollup(c.now));
    assert.ok(applied.some((o) => o.status === "applied" && o.windowEnd === r.windows[0]));
    const got = await counters(name);
    assert.deepEqual(got, expected(posts));
    assert.deepEqual(got.days, { "2025-12-30": 1, "2026-01-01": 2 });
    assert.equal(got.ents[entityId("person", "Ada Lovelace")]!.count, 3);
    assert.deepEqual(await deltasOfWindow(r.windows[0]!), [], "applied deltas are deleted");
    const status = (await db.doc(paths.rollupStatus()).get()).data()!;
    assert.ok(status.completeThrough >= r.windows[0]!);
  });

  it("counts a redelivered message once, before and after its window was rolled up", async () => {
    const c = clock();
    const name = pubName("Redelivery");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace in Paris." },
      { publication: name, content: "Charles Babbage in Paris." },
    ];
    const first = await send(posts, msgId("redeliver"), deps(c.now));
    const second = await send(posts, msgId("redeliver"), deps(c.now));
    assert.equal(first.counted, 2);
    assert.equal(second.counted, 0);
    assert.equal(second.already, 2);
    assert.equal(second.writes, 0);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    const third = await send(posts, msgId("redeliver"), deps(c.now));
    assert.equal(third.counted, 0);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), expected(posts));
  });

  it("counts a client post id once across messages and within one", async () => {
    const c = clock();
    const name = pubName("ClientIds");
    const a = await send([{ publication: name, content: "Ada Lovelace.", id: "post-1" }], msgId("cid-a"), deps(c.now));
    const b = await send(
      [
        { publication: name, content: "Ada Lovelace.", id: "post-1" },
        { publication: name, content: "Charles Babbage.", id: "post-2" },
        { publication: name, content: "Charles Babbage again.", id: "post-2" },
      ],
      msgId("cid-b"),
      deps(c.now),
    );
    assert.equal(a.counted, 1);
    assert.equal(b.counted, 1);
    assert.equal(b.duplicates, 2, "one counted by another message, one repeated in this one");
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    const got = await counters(name);
    assert.equal(got.articleCount, 2);
    assert.equal(got.ents[entityId("person", "Charles Babbage")]!.count, 1);
  });

  it("retries a commit whose acknowledgement was lost, and counts it once", async () => {
    const c = clock();
    const name = pubName("LostAck");
    const posts: Post[] = [{ publication: name, content: "Ada Lovelace in London." }, { publication: name, content: "Paris." }];
    const flaky = faultyFirestore(db, {
      after: (n) => {
        if (n === 1) throw grpcError(UNAVAILABLE, "connection lost after commit");
      },
    });
    const r = await send(posts, msgId("lostack"), deps(c.now, { db: flaky }));
    assert.equal(flaky.transactions(), 2, "the retry found its own articles");
    assert.equal(r.counted, 0);
    assert.equal(r.already, 2);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), expected(posts));
  });

  it("quarantines the one post Firestore refuses for good and counts the rest of the message", async () => {
    const c = clock();
    const name = pubName("Refused");
    const posts: Post[] = Array.from({ length: 7 }, (_, i) => ({ publication: name, content: i === 4 ? "Paris refused." : `Ada Lovelace ${i} in London.` }));
    const refusing = faultyFirestore(db, {
      onWrite: (_path, data) => {
        if ((data as { index?: number }).index === 4 && (data as { messageId?: string }).messageId === msgId("refused")) throw grpcError(INVALID_ARGUMENT, "value too large");
      },
    });
    const r = await send(posts, msgId("refused"), deps(c.now, { db: refusing }));
    assert.equal(r.counted, 6);
    assert.equal(r.quarantined, 1);
    const q = (await db.doc(paths.quarantine(`${msgId("refused")}.post4`)).get()).data()!;
    assert.equal(q.index, 4);
    assert.match(q.reason, /Firestore refused the post: .*value too large/);
    assert.match(q.excerpt, /Paris refused/);
    // A redelivery counts nothing more and refuses the same post again.
    const again = await send(posts, msgId("refused"), deps(c.now, { db: refusing }));
    assert.equal(again.counted, 0);
    assert.equal(again.already, 6);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), expected(posts.filter((_, i) => i !== 4)));
  });

  it("quarantines a post the extractor fails on, and a poison message, and counts the neighbours", async () => {
    const c = clock();
    const name = pubName("ExtractFails");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace." },
      { publication: name, content: "BOOM" },
      { publication: name, content: "Charles Babbage." },
    ];
    const extract = async (texts: readonly string[]): Promise<Extracted[]> =>
      texts.map((t) => (t === "BOOM" ? { ok: false, reason: "extraction failed: TypeError: boom" } : { ok: true, entities: lexiconExtract(t) }));
    const r = await send(posts, msgId("xfail"), deps(c.now, { extract }));
    assert.equal(r.counted, 2);
    assert.equal(r.quarantined, 1);
    assert.match((await db.doc(paths.quarantine(`${msgId("xfail")}.post1`)).get()).get("reason"), /TypeError: boom/);

    const poison = await handlePostsMessage({ messageId: msgId("poison"), data: Buffer.from('{"v":1,"posts":[{"publication":"x"}]}') }, deps(c.now));
    assert.equal(poison.status, "quarantined");
    assert.match((await db.doc(paths.quarantine(msgId("poison"))).get()).get("reason"), /schema/);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), expected([posts[0]!, posts[2]!]));
  });

  it("counts a post with a name NFKC blows past the limits, and its neighbour (the issue's U+FDFA post)", async () => {
    const c = clock();
    const name = pubName("Fdfa");
    const hostile = `Mr X${"\uFDFA".repeat(33_000)} said.`;
    const entities = async (texts: readonly string[]): Promise<Extracted[]> =>
      texts.map((t) =>
        t === hostile
          ? { ok: true, entities: [{ text: t.slice(3, 33_004), canonical: t.slice(3, 33_004), type: "person" as const, start: 3, end: 33_004 }] }
          : { ok: true, entities: lexiconExtract(t) },
      );
    const r = await send([{ publication: name, content: "Ada Lovelace in Paris." }, { publication: name, content: hostile }], msgId("fdfa"), deps(c.now, { extract: entities }));
    assert.equal(r.counted, 2);
    assert.equal(r.quarantined, 0);
    c.advance(W * 1000);
    await sweep(rollup(c.now));
    const got = await counters(name);
    assert.equal(got.articleCount, 2);
    assert.deepEqual(Object.keys(got.ents).sort(), [entityId("person", "Ada Lovelace"), entityId("place", "Paris")].sort(), "the over-long name is not stored");
    const articles = await db.collection(COLLECTIONS.articles).where("pubKey", "==", publicationKey(name)).where("truncated", "==", true).get();
    assert.equal(articles.size, 1);
  });

  it("sends a commit that comes after its window was sealed into the next window", async () => {
    const c = clock();
    const name = pubName("Sealed");
    const w = windowEndOf(c.now(), W);
    await db.doc(paths.window(w)).create({ windowEnd: w, sealedAt: Timestamp.now() });
    const r = await send([{ publication: name, content: "Ada Lovelace." }], msgId("sealed"), deps(c.now));
    assert.deepEqual(r.windows, [w + W * 1000]);
  });

  it("honours the legacy layout: a client id in clientIds/ and a message in ledger/ are not counted again", async () => {
    const c = clock();
    const name = pubName("Legacy");
    const key = publicationKey(name);
    await db.doc(paths.legacyClientId(clientIdKey(key, "old-1"))).set({ messageId: "old-message", ledgerId: "old-message.1of1" });
    await db.collection(COLLECTIONS.legacyLedger).doc(`${msgId("old")}.1of1`).set({ messageId: msgId("old"), chunk: 1, chunks: 1 });
    const a = await send([{ publication: name, content: "Ada Lovelace.", id: "old-1" }, { publication: name, content: "Paris.", id: "new-1" }], msgId("legacy"), deps(c.now));
    assert.equal(a.counted, 1);
    assert.equal(a.duplicates, 1);
    const b = await send([{ publication: name, content: "London." }], msgId("old"), deps(c.now));
    assert.equal(b.counted, 0, "a message the old code counted");
    const off = await send([{ publication: name, content: "Ada Lovelace.", id: "old-1" }], msgId("legacy-off"), deps(c.now, { legacy: false }));
    assert.equal(off.counted, 1, "with the legacy check off, only the new layout counts");
  });

  it("extracts on the worker pool, keeping a failing text to itself", async () => {
    const texts = ["Angela Merkel met Emmanuel Macron in Paris.", "President Abraham Lincoln spoke in Washington."];
    const results = await extractEach(texts);
    assert.ok(results.every((r) => r.ok && r.entities.length > 0));
  });
});

describe("rollup (Firestore emulator)", () => {
  async function window(label: string, messages = 6) {
    const c = clock();
    const name = pubName(label);
    const all: Post[] = [];
    let windowEnd = 0;
    for (let m = 0; m < messages; m++) {
      const posts: Post[] = [
        { publication: name, content: `Ada Lovelace ${m} and Charles Babbage in London.`, publishedAt: `2025-11-0${1 + (m % 3)}` },
        { publication: name, content: `The Royal Society ${m} in Paris.` },
      ];
      all.push(...posts);
      const r = await send(posts, msgId(`${label}-${m}`), deps(c.now));
      windowEnd = r.windows[0]!;
    }
    c.advance(W * 1000);
    return { c, name, all, windowEnd };
  }

  it("applies a window once: a second run, a redelivered tick and a sweep change nothing", async () => {
    const { c, name, all, windowEnd } = await window("Once");
    const first = await rollupWindow(rollup(c.now), windowEnd);
    assert.equal(first.status, "applied");
    const state = await counters(name);
    assert.deepEqual(state, expected(all));
    assert.equal((await rollupWindow(rollup(c.now), windowEnd)).status, "done");
    await handleRollupTick({ windowEnd }, rollup(c.now));
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), state);
  });

  it("gives exact counts when two rollups run the same window at once", async () => {
    const { c, name, all, windowEnd } = await window("Twice");
    const outcomes = await Promise.all([rollupWindow(rollup(c.now), windowEnd), rollupWindow(rollup(c.now), windowEnd)]);
    assert.ok(outcomes.some((o) => o.status === "applied"), JSON.stringify(outcomes));
    // Whoever was busy: a later sweep (after the lease) finishes anything left.
    c.advance(120_000);
    await sweep(rollup(c.now));
    assert.deepEqual(await counters(name), expected(all));
  });

  it("finishes exactly after a rollup dies between its parts, and after one loses a commit's acknowledgement", async () => {
    const { c, name, all, windowEnd } = await window("Crash");
    const small = { bytes: 4 * 1024 * 1024, writes: 2 };
    // Transactions: 1 claim, 2 plan, 3.. parts. Dies inside the second part, before it commits.
    const dying = faultyFirestore(db, {
      before: (n) => {
        if (n === 4) throw new Error("instance killed");
      },
    });
    await assert.rejects(rollupWindow(rollup(c.now, { db: dying, partLimits: small }), windowEnd), /instance killed/);
    const mid = await counters(name);
    assert.ok((mid.articleCount ?? 0) > 0 || Object.keys(mid.ents).length > 0, "the first part landed");
    // The next rollup (after the lease) loses the acknowledgement of its first commit, retries, and completes.
    c.advance(120_000);
    const lossy = faultyFirestore(db, {
      after: (n) => {
        if (n === 3) throw grpcError(UNAVAILABLE, "ack lost");
      },
    });
    const done = await rollupWindow(rollup(c.now, { db: lossy, partLimits: { bytes: 1, writes: 1 } }), windowEnd);
    assert.equal(done.status, "applied");
    assert.ok(done.parts > 2, "the stored plan (several parts) is used, not the new limits' plan");
    assert.deepEqual(await counters(name), expected(all));
  });

  it("splits a backfill's days so no document gets more than 500 transforms in a commit", async () => {
    const c = clock();
    const name = pubName("Backfill");
    const posts: Post[] = Array.from({ length: 260 }, (_, i) => ({
      publication: name,
      content: "Ada Lovelace.",
      publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    }));
    const r = await send(posts, msgId("backfill"), deps(c.now));
    assert.equal(r.counted, 260);
    c.advance(W * 1000);
    const out = await rollupWindow(rollup(c.now), r.windows[0]!);
    assert.equal(out.status, "applied");
    assert.ok(out.parts >= 2, `${out.parts} parts`);
    const got = await counters(name);
    assert.equal(got.articleCount, 260);
    assert.equal(Object.keys(got.days ?? {}).length, 260);
    assert.equal(Object.keys(got.ents[entityId("person", "Ada Lovelace")]!.days ?? {}).length, 260);
  });
});
