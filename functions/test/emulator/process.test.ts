// processPosts and the rollup against the Firestore emulator: the handlers
// called directly (the emulator never redelivers, so a redelivery is a second
// call; faults come from a wrapped Firestore client). Needs
// FIRESTORE_EMULATOR_HOST and GCLOUD_PROJECT (demo-newsroom).
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { deleteApp, initializeApp, type App } from "firebase-admin/app";
import { getFirestore, Timestamp, type Firestore } from "firebase-admin/firestore";
import type { Entity, EntityType } from "@newsroom/core/extract";
import { deltaOf, mergeDeltas, type DeltaPubs } from "@newsroom/core/delta";
import { handlePostsMessage, type HandlerDeps, type ProcessedResult } from "../../src/process/handler.js";
import { createExtractionPool, type Extracted } from "@newsroom/core/extract-pool";
import { summarisePost } from "@newsroom/core/summarise";
import { articles } from "../../src/api/handlers.js";
import { ReadStore } from "../../src/api/read-store.js";
import { finishLegacy, handleRollupTick, rollupWindow, sweep, type RollupDeps } from "../../src/rollup/handler.js";
import { recordFinish } from "../../src/rollup/status.js";
import { applyPart } from "../../src/rollup/apply.js";
import { foldGlobal } from "../../src/rollup/global-fold.js";
import { compactDocument } from "@newsroom/store/series-compaction";
import { atOrBefore, readBatch } from "../../src/rollup/batch.js";
import { PLAN_VERSION, rollupItems } from "@newsroom/core/rollup-plan";
import { clientIdKey, entityId, publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, paths, previousArticleId, rollupQuarantineId, windowEndOf, type DeltaDoc } from "@newsroom/core/firestore-schema";
import { encodeMessage } from "@newsroom/core/message";
import type { Post } from "@newsroom/core/post";
import { faultyFirestore, grpcError, INVALID_ARGUMENT, UNAVAILABLE } from "@newsroom/test-support/faulty-firestore";
import { seriesOf } from "./support/series.js";

const RUN = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const pubName = (label: string) => `Test ${label} ${RUN}`;
const msgId = (label: string) => `${label}-${RUN}`;
// One-second windows: batches are by commit time (the server's clock), so these
// tests run on real time.
const W = 1;
const GRACE_MS = 300;
const RECEIVED = new Date("2026-01-01T12:00:00Z");
// Names of this run only: their documents over all publications hold nothing but this run's counts.
const QUILL = `Quill ${RUN}`;
const VALE = `Vale ${RUN}`;

/** A lexicon extractor with known output, so expected documents can be written by hand. */
const LEXICON: Array<[string, EntityType]> = [
  ["Ada Lovelace", "person"],
  ["Charles Babbage", "person"],
  ["Royal Society", "organization"],
  ["London", "place"],
  ["Paris", "place"],
  [QUILL, "person"],
  [VALE, "place"],
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

function deps(extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return { db, extract: lexicon, logger, windowSeconds: W, legacy: true, retry: fastRetry, ...extra };
}
function rollup(extra: Partial<RollupDeps> = {}): RollupDeps {
  return { db, logger, windowSeconds: W, graceMs: GRACE_MS, leaseMs: 5_000, retry: fastRetry, owner: `test-${randomBytes(3).toString("hex")}`, ...extra };
}

/** Sweeps (as the rollup's ticks would) until `name` shows `articles` articles; the counters then. */
async function rolledUp(name: string, articles: number, d: RollupDeps = rollup()) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await sweep(d);
    const got = await counters(name);
    // A window's parts commit one by one: the article count can land before the entities,
    // so the counts are read once no window is left half applied.
    if (((got.articleCount ?? 0) >= articles && !(await windowPending())) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Is some batch planned but not yet fully applied (a rollup died, or one is still committing)? */
async function windowPending(): Promise<boolean> {
  return !(await db.collection(COLLECTIONS.batches).where("open", "==", true).limit(1).get()).empty;
}

const send = (posts: Post[], messageId: string, d: HandlerDeps) =>
  handlePostsMessage({ messageId, data: encodeMessage(posts, RECEIVED) }, d) as Promise<ProcessedResult>;

/** Counters of a publication (no timestamps), for comparing states. */
async function counters(name: string) {
  const ref = db.doc(paths.publication(publicationKey(name)));
  const [pub, ents, days] = await Promise.all([ref.get(), ref.collection(COLLECTIONS.ents).get(), seriesOf<number>(ref)]);
  const entDays = await Promise.all(ents.docs.map((d) => seriesOf<{ m: number; a: number }>(d.ref)));
  return {
    articleCount: pub.get("articleCount") as number | undefined,
    days,
    ents: Object.fromEntries(ents.docs.map((d, i) => [d.id, { word: d.get("word"), type: d.get("type"), count: d.get("count"), articles: d.get("articles"), days: entDays[i] }])),
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

async function deltasOf(messageId: string) {
  return (await db.collection(COLLECTIONS.deltas).where("messageId", "==", messageId).get()).docs.map((d) => d.data() as DeltaDoc);
}

before(() => {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error("FIRESTORE_EMULATOR_HOST is not set: run these tests under the emulator harness (npm run test:emulators)");
  // A project of its own on the stack's Firestore emulator: the handlers run in-process here, and the stack's
  // own rollup (which sweeps and folds every few seconds) never sees these documents, nor they its.
  app = initializeApp({ projectId: `${process.env.GCLOUD_PROJECT ?? "demo-newsroom"}-process` }, `process-test-${RUN}`);
  db = getFirestore(app);
});

after(async () => {
  if (app) await deleteApp(app);
});

describe("processPosts (Firestore emulator)", () => {
  it("creates one article per post and one delta, and the rollup turns them into exactly the expected counts", async () => {
    const name = pubName("Exact");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace wrote to Charles Babbage from London.", id: "e-1", title: "Letters", url: "https://example.com/1", publishedAt: "2025-12-30" },
      { publication: `  ${name.toUpperCase()} `, content: "The Royal Society met in London. Ada Lovelace and ADA LOVELACE attended." },
      { publication: name, content: "Nothing of note." },
    ];
    const before = Date.now();
    const r = await send(posts, msgId("exact"), deps());
    assert.equal(r.counted, 3);
    assert.equal(r.writes, 3 + 1, "three articles and one delta");
    assert.equal(r.windows.length, 1);
    assert.ok(r.windows[0]! >= windowEndOf(before, W) && r.windows[0]! <= windowEndOf(Date.now(), W));
    const deltas = await deltasOf(msgId("exact"));
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

    // Then, once rolled up, exactly the posts' counts.
    const got = await rolledUp(name, 3);
    assert.deepEqual(got, expected(posts));
    assert.deepEqual(got.days, { "2025-12-30": 1, "2026-01-01": 2 });
    assert.equal(got.ents[entityId("person", "Ada Lovelace")]!.count, 3);
    assert.deepEqual(await deltasOf(msgId("exact")), [], "applied deltas are deleted");
    const status = (await db.doc(paths.rollupStatus()).get()).data()!;
    assert.ok(status.completeThrough >= r.windows[0]!);
  });

  it("counts a redelivered message once, before and after its window was rolled up", async () => {
    const name = pubName("Redelivery");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace in Paris." },
      { publication: name, content: "Charles Babbage in Paris." },
    ];
    const first = await send(posts, msgId("redeliver"), deps());
    const second = await send(posts, msgId("redeliver"), deps());
    assert.equal(first.counted, 2);
    assert.equal(second.counted, 0);
    assert.equal(second.already, 2);
    assert.equal(second.writes, 0);
    await rolledUp(name, 2);
    const third = await send(posts, msgId("redeliver"), deps());
    assert.equal(third.counted, 0);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.deepEqual(await rolledUp(name, 2), expected(posts));
  });

  it("counts a client post id once across messages and within one", async () => {
    const name = pubName("ClientIds");
    const a = await send([{ publication: name, content: "Ada Lovelace.", id: "post-1" }], msgId("cid-a"), deps());
    const b = await send(
      [
        { publication: name, content: "Ada Lovelace.", id: "post-1" },
        { publication: name, content: "Charles Babbage.", id: "post-2" },
        { publication: name, content: "Charles Babbage again.", id: "post-2" },
      ],
      msgId("cid-b"),
      deps(),
    );
    assert.equal(a.counted, 1);
    assert.equal(b.counted, 1);
    assert.equal(b.duplicates, 2, "one counted by another message, one repeated in this one");
    const got = await rolledUp(name, 2);
    assert.equal(got.articleCount, 2);
    assert.equal(got.ents[entityId("person", "Charles Babbage")]!.count, 1);
  });

  it("retries a commit whose acknowledgement was lost, and counts it once", async () => {
    const name = pubName("LostAck");
    const posts: Post[] = [{ publication: name, content: "Ada Lovelace in London." }, { publication: name, content: "Paris." }];
    const flaky = faultyFirestore(db, {
      after: (n) => {
        if (n === 1) throw grpcError(UNAVAILABLE, "connection lost after commit");
      },
    });
    const r = await send(posts, msgId("lostack"), deps({ db: flaky }));
    assert.equal(flaky.transactions(), 2, "the retry found its own articles");
    assert.equal(r.counted, 0);
    assert.equal(r.already, 2);
    assert.deepEqual(await rolledUp(name, 2), expected(posts));
  });

  it("quarantines the one post Firestore refuses for good and counts the rest of the message", async () => {
    const name = pubName("Refused");
    const posts: Post[] = Array.from({ length: 7 }, (_, i) => ({ publication: name, content: i === 4 ? "Paris refused." : `Ada Lovelace ${i} in London.` }));
    const refusing = faultyFirestore(db, {
      onWrite: (_path, data) => {
        if ((data as { index?: number }).index === 4 && (data as { messageId?: string }).messageId === msgId("refused")) throw grpcError(INVALID_ARGUMENT, "value too large");
      },
    });
    const r = await send(posts, msgId("refused"), deps({ db: refusing }));
    assert.equal(r.counted, 6);
    assert.equal(r.quarantined, 1);
    const q = (await db.doc(paths.quarantine(`${msgId("refused")}.post4`)).get()).data()!;
    assert.equal(q.index, 4);
    assert.match(q.reason, /Firestore refused the post: .*value too large/);
    assert.match(q.excerpt, /Paris refused/);
    // A redelivery counts nothing more and refuses the same post again.
    const again = await send(posts, msgId("refused"), deps({ db: refusing }));
    assert.equal(again.counted, 0);
    assert.equal(again.already, 6);
    assert.deepEqual(await rolledUp(name, 6), expected(posts.filter((_, i) => i !== 4)));
  });

  it("quarantines a post the extractor fails on, and a poison message, and counts the neighbours", async () => {
    const name = pubName("ExtractFails");
    const posts: Post[] = [
      { publication: name, content: "Ada Lovelace." },
      { publication: name, content: "BOOM" },
      { publication: name, content: "Charles Babbage." },
    ];
    const extract = async (texts: readonly string[]): Promise<Extracted[]> =>
      texts.map((t) => (t === "BOOM" ? { ok: false, reason: "extraction failed: TypeError: boom" } : { ok: true, entities: lexiconExtract(t) }));
    const r = await send(posts, msgId("xfail"), deps({ extract }));
    assert.equal(r.counted, 2);
    assert.equal(r.quarantined, 1);
    assert.match((await db.doc(paths.quarantine(`${msgId("xfail")}.post1`)).get()).get("reason"), /TypeError: boom/);

    const poison = await handlePostsMessage({ messageId: msgId("poison"), data: Buffer.from('{"v":1,"posts":[{"publication":"x"}]}') }, deps());
    assert.equal(poison.status, "quarantined");
    assert.match((await db.doc(paths.quarantine(msgId("poison"))).get()).get("reason"), /schema/);
    assert.deepEqual(await rolledUp(name, 2), expected([posts[0]!, posts[2]!]));
  });

  it("counts a post with a name NFKC blows past the limits, and its neighbour (the issue's U+FDFA post)", async () => {
    const name = pubName("Fdfa");
    const hostile = `Mr X${"\uFDFA".repeat(33_000)} said.`;
    const entities = async (texts: readonly string[]): Promise<Extracted[]> =>
      texts.map((t) =>
        t === hostile
          ? { ok: true, entities: [{ text: t.slice(3, 33_004), canonical: t.slice(3, 33_004), type: "person" as const, start: 3, end: 33_004 }] }
          : { ok: true, entities: lexiconExtract(t) },
      );
    const r = await send([{ publication: name, content: "Ada Lovelace in Paris." }, { publication: name, content: hostile }], msgId("fdfa"), deps({ extract: entities }));
    assert.equal(r.counted, 2);
    assert.equal(r.quarantined, 0);
    const got = await rolledUp(name, 2);
    assert.equal(got.articleCount, 2);
    assert.deepEqual(Object.keys(got.ents).sort(), [entityId("person", "Ada Lovelace"), entityId("place", "Paris")].sort(), "the over-long name is not stored");
    const articles = await db.collection(COLLECTIONS.articles).where("pubKey", "==", publicationKey(name)).where("truncated", "==", true).get();
    assert.equal(articles.size, 1);
  });

  it("counts a delta committed after its window's batch was planned in the next batch", async () => {
    const name = pubName("Late");
    // A batch planned up to now (as a rollup at the window's end would), before the commit lands.
    const early = rollup({ graceMs: 0 });
    const end = Date.now();
    await db.doc(paths.rollupState()).get();
    await rollupWindow(early, end);
    const r = await send([{ publication: name, content: "Ada Lovelace." }], msgId("late"), deps());
    assert.ok(r.windows[0]! <= windowEndOf(Date.now(), W));
    const d = (await deltasOf(msgId("late")))[0]!;
    assert.ok((d.createdAt as Timestamp).toMillis() > end, "committed after the planned batch's end");
    const got = await rolledUp(name, 1);
    assert.equal(got.articleCount, 1);
  });

  it("honours the legacy layout: a client id in clientIds/ and a message in ledger/ are not counted again", async () => {
    const name = pubName("Legacy");
    const key = publicationKey(name);
    await db.doc(paths.legacyClientId(clientIdKey(key, "old-1"))).set({ messageId: "old-message", ledgerId: "old-message.1of1" });
    await db.collection(COLLECTIONS.legacyLedger).doc(`${msgId("old")}.1of1`).set({ messageId: msgId("old"), chunk: 1, chunks: 1 });
    const a = await send([{ publication: name, content: "Ada Lovelace.", id: "old-1" }, { publication: name, content: "Paris.", id: "new-1" }], msgId("legacy"), deps());
    assert.equal(a.counted, 1);
    assert.equal(a.duplicates, 1);
    const b = await send([{ publication: name, content: "London." }], msgId("old"), deps());
    assert.equal(b.counted, 0, "a message the old code counted");
    const off = await send([{ publication: name, content: "Ada Lovelace.", id: "old-1" }], msgId("legacy-off"), deps({ legacy: false }));
    assert.equal(off.counted, 1, "with the legacy check off, only the new layout counts");
  });

  it("counts a post whose publication and client id spell another message's first post (issue 19, finding 4)", async () => {
    const name = pubName("Collide");
    const m = msgId("collide");
    // Under the previous ids, {publication: m, id: "0"} was sha1(m, 0): the article of this message's first post.
    const r = await send([{ publication: name, content: "Ada Lovelace." }, { publication: m, content: "Charles Babbage.", id: "0" }], m, deps());
    assert.deepEqual([r.counted, r.duplicates], [2, 0]);
    assert.equal((await rolledUp(name, 1)).articleCount, 1);
  });

  it("recognises a post counted under its previous article id only when that article is its own", async () => {
    const name = pubName("Previous");
    const m = msgId("previous");
    // Counted before the upgrade: the previous id names this message and position.
    await db.doc(paths.article(previousArticleId(m, 0))).set({ pubKey: publicationKey(name), messageId: m, index: 0 });
    // A claim a client made on the previous id of position 1: another message's, so no proof of anything.
    await db.doc(paths.article(previousArticleId(m, 1))).set({ pubKey: "someone-else", messageId: "other", index: 0, clientId: "0" });
    const posts: Post[] = [{ publication: name, content: "Ada Lovelace." }, { publication: name, content: "Paris." }];
    const r = await send(posts, m, deps({ previousIds: true }));
    assert.deepEqual([r.counted, r.already], [1, 1]);
    const off = await send(posts, msgId("previous-off"), deps({ previousIds: false }));
    assert.equal(off.counted, 2, "with the check off, only today's ids count");
  });

  it("quarantines a post dated outside the bounds that reached the topic anyway, and counts its neighbour", async () => {
    const name = pubName("Dated");
    const r = await send(
      [
        { publication: name, content: "Ada Lovelace.", publishedAt: "1650-01-01" },
        { publication: name, content: "Charles Babbage.", publishedAt: "1790-01-08" },
        { publication: name, content: "Paris.", publishedAt: "9999-12-31" },
      ],
      msgId("dated"),
      deps(),
    );
    assert.deepEqual([r.counted, r.quarantined], [1, 2]);
    assert.match((await db.doc(paths.quarantine(`${msgId("dated")}.post0`)).get()).get("reason"), /on or after 1700-01-01/);
    assert.match((await db.doc(paths.quarantine(`${msgId("dated")}.post2`)).get()).get("reason"), /hours after/);
    const got = await rolledUp(name, 1);
    assert.deepEqual(got.days, { "1790-01-08": 1 });
  });

  it("extracts on the worker pool, keeping a failing text to itself", async () => {
    const texts = ["Angela Merkel met Emmanuel Macron in Paris.", "President Abraham Lincoln spoke in Washington."];
    const pool = createExtractionPool({ threads: 2 });
    try {
      const results = await pool.extractEach(texts);
      assert.ok(results.every((r) => r.ok && r.entities.length > 0));
    } finally {
      await pool.destroy();
    }
  });
});

describe("rollup (Firestore emulator)", () => {
  // The harness's own rollup (sweep ticks) may take a batch first: what these
  // tests hold is the counts, whoever applies them.
  async function window(label: string, messages = 6) {
    const name = pubName(label);
    const all: Post[] = [];
    let windowEnd = 0;
    for (let m = 0; m < messages; m++) {
      const posts: Post[] = [
        { publication: name, content: `Ada Lovelace ${m} and Charles Babbage in London.`, publishedAt: `2025-11-0${1 + (m % 3)}` },
        { publication: name, content: `The Royal Society ${m} in Paris.` },
      ];
      all.push(...posts);
      const r = await send(posts, msgId(`${label}-${m}`), deps());
      windowEnd = Math.max(windowEnd, r.windows[0]!);
    }
    return { name, all, windowEnd };
  }

  it("applies a window once: a second run, a redelivered tick and a sweep change nothing", async () => {
    const { name, all, windowEnd } = await window("Once");
    const first = await rollupWindow(rollup(), windowEnd);
    assert.ok(first.status === "applied" || first.status === "done", JSON.stringify(first));
    const state = await rolledUp(name, all.length);
    assert.deepEqual(state, expected(all));
    assert.equal((await rollupWindow(rollup(), windowEnd)).status, "done");
    await handleRollupTick({ windowEnd }, rollup());
    await sweep(rollup());
    assert.deepEqual(await counters(name), state);
  });

  it("gives exact counts when two rollups run the same window at once", async () => {
    const { name, all, windowEnd } = await window("Twice");
    const outcomes = await Promise.all([rollupWindow(rollup(), windowEnd), rollupWindow(rollup(), windowEnd), rollupWindow(rollup(), windowEnd)]);
    assert.ok(outcomes.filter((o) => o.status === "applied").length <= 1, JSON.stringify(outcomes));
    assert.deepEqual(await rolledUp(name, all.length), expected(all));
  });

  it("finishes exactly after a rollup dies between its parts, and after one loses a commit's acknowledgement", async () => {
    const { name, all, windowEnd } = await window("Crash");
    // Transactions: 1 claim, 2 plan, 3.. parts. Dies before its second part commits.
    let planned = false;
    const dying = faultyFirestore(db, {
      before: (n) => {
        if (n === 4 && planned) throw new Error("instance killed");
      },
      after: (n) => {
        if (n === 2) planned = true;
      },
    });
    const crashed = await rollupWindow(rollup({ db: dying, partLimits: { bytes: 4 * 1024 * 1024, writes: 2 } }), windowEnd).catch((e: Error) => e);
    if (crashed instanceof Error) {
      assert.match(crashed.message, /instance killed/);
      const plan = (await db.doc(paths.batch(windowEnd)).get()).get("plan") as { parts: unknown[] };
      assert.ok(plan.parts.length > 2, "the dead rollup's plan has several parts");
    }
    // After the lease a rollup that loses one commit's acknowledgement completes it, from the stored plan.
    await new Promise((r) => setTimeout(r, 5_200));
    const lossy = faultyFirestore(db, {
      after: (n) => {
        if (n === 3) throw grpcError(UNAVAILABLE, "ack lost");
      },
    });
    await rollupWindow(rollup({ db: lossy, partLimits: { bytes: 1, writes: 1 } }), windowEnd);
    assert.deepEqual(await rolledUp(name, all.length), expected(all));
  });

  it("folds the counts over all publications exactly once: entities/{id} is the sum of the publications', after redelivery, a killed fold, a lost acknowledgement and two folds at once", async () => {
    const names = ["Global A", "Global B", "Global C"].map(pubName);
    const posted = names.map((name, k) => [
      { publication: name, content: `${QUILL} in ${VALE}. ${QUILL} again.`, publishedAt: `2024-03-0${1 + k}` },
      { publication: name, content: `${VALE} ${k}.` },
      ...(k === 0 ? [{ publication: name, content: `${QUILL} and Ada Lovelace in ${VALE}.` }] : []),
    ]);
    for (const [k, posts] of posted.entries()) await send(posts, msgId(`global-${k}`), deps());
    await send(posted[0]!, msgId("global-0"), deps()); // redelivered: counted once
    const perPub: Array<Awaited<ReturnType<typeof counters>>> = [];
    for (const [k, name] of names.entries()) {
      const got = await rolledUp(name, posted[k]!.length);
      assert.deepEqual(got, expected(posted[k]!));
      perPub.push(got);
    }
    const ids = [entityId("person", QUILL), entityId("place", VALE)];
    const global = async () =>
      Promise.all(
        ids.map(async (id) => {
          const ref = db.doc(paths.globalEntity(id));
          const doc = await ref.get();
          return { exists: doc.exists, word: doc.get("word"), type: doc.get("type"), count: doc.get("count"), articles: doc.get("articles"), days: await seriesOf<{ m: number; a: number }>(ref) };
        }),
      );
    const now = rollup({ globalFoldMs: 0 });
    // A fold killed before it commits changes nothing; one whose acknowledgement is lost is not applied again.
    const killed = faultyFirestore(db, {
      before: () => {
        throw new Error("instance killed");
      },
    });
    await assert.rejects(foldGlobal({ ...now, db: killed }), /instance killed/);
    assert.deepEqual((await global()).map((g) => g.exists), [false, false]);
    const lossy = faultyFirestore(db, {
      after: (n) => {
        if (n === 1) throw grpcError(UNAVAILABLE, "ack lost");
      },
    });
    await foldGlobal({ ...now, db: lossy });
    await Promise.all([foldGlobal(now), foldGlobal(now)]);
    while ((await foldGlobal(now)) > 0);
    const want = ids.map((id) => {
      const parts = perPub.map((p) => p.ents[id]).filter((e) => e !== undefined);
      const days: Record<string, { m: number; a: number }> = {};
      for (const e of parts) for (const [d, v] of Object.entries(e.days ?? {})) days[d] = { m: (days[d]?.m ?? 0) + v.m, a: (days[d]?.a ?? 0) + v.a };
      return { exists: true, word: parts[0]!.word, type: parts[0]!.type, count: parts.reduce((n, e) => n + e.count, 0), articles: parts.reduce((n, e) => n + e.articles, 0), days };
    });
    assert.deepEqual(want.map((w) => w.articles), [2 + 1 + 1, 3 + 2 + 2], "Quill and Vale, in articles of the three publications");
    assert.deepEqual(await global(), want);
    // Pieces are deleted once folded, and a sweep changes nothing more.
    assert.equal((await db.collection(COLLECTIONS.globalPending).where("batch", "<=", Date.now()).limit(1).get()).size, 0);
    await sweep(now);
    assert.deepEqual(await global(), want);
    const totals = await db.doc(paths.globalTotals()).get();
    assert.ok(Number(totals.get("articleCount")) >= 7, "global/totals counts this test's articles too");
  });

  it("counts an article's lone surname as the publication's one full name, across batches, and lists the article under it", async () => {
    const name = pubName("Aliases");
    const pub = publicationKey(name);
    // Full names as written; a capitalised word alone is a lone surname.
    const names = async (texts: readonly string[]): Promise<Extracted[]> =>
      texts.map((t) => ({
        ok: true,
        entities: [...t.matchAll(/\b(?:Grace |Dennis )?[A-Z][a-z]+\b/g)].map((m) => ({ text: m[0], canonical: m[0], type: "person" as const, start: m.index, end: m.index + m[0].length })),
      }));
    const post = (content: string): Post => ({ publication: name, content });
    await send([post("Grace Hopper spoke.")], msgId("alias-1"), deps({ extract: names }));
    await rolledUp(name, 1);
    await send([post("Hopper replied."), post("Hopper and Hopper again.")], msgId("alias-2"), deps({ extract: names }));
    const got = await rolledUp(name, 3);
    const grace = entityId("person", "Grace Hopper");
    assert.deepEqual(Object.keys(got.ents), [grace], "no document of its own for the lone surname");
    assert.deepEqual([got.ents[grace]!.count, got.ents[grace]!.articles], [4, 3]);
    const doc = (await db.doc(paths.entity(pub, grace)).get()).data()!;
    assert.deepEqual([doc.aliases, doc.absorbed], [["hopper"], [entityId("person", "Hopper")]]);
    const listed = await articles(new ReadStore(db), { pub, id: grace }, { limit: 10 });
    assert.ok("json" in listed);
    const rows = (listed.json as { articles: Array<{ mentions: number }> }).articles;
    assert.deepEqual(rows.map((r) => r.mentions).sort(), [1, 1, 2]);
    // A second full name with the surname makes it ambiguous: later lone mentions keep their own entity.
    await send([post("Dennis Hopper acted.")], msgId("alias-3"), deps({ extract: names }));
    await rolledUp(name, 4);
    await send([post("Hopper left.")], msgId("alias-4"), deps({ extract: names }));
    const after = await rolledUp(name, 5);
    assert.equal(after.ents[entityId("person", "Hopper")]?.count, 1);
    assert.equal(after.ents[grace]!.count, 4);
  });

  it("isolates a write Firestore refuses for good: the rest of the part is applied, that one quarantined, a rerun changes nothing", async () => {
    const name = pubName("Isolate");
    const pub = publicationKey(name);
    const ents = ["Ada Lovelace", "Charles Babbage", "Grace Hopper", "Alan Turing", "Mary Somerville"];
    const pubs: DeltaPubs = {
      [pub]: { n: name, a: 1, d: { "2026-01-01": 1 }, e: Object.fromEntries(ents.map((w) => [entityId("person", w), { w, t: "person" as const, c: 1, a: 1, d: { "2026-01-01": { m: 1, a: 1 } } }])) },
    };
    const items = rollupItems(pubs, "2026");
    const bad = paths.entity(pub, entityId("person", "Grace Hopper"));
    const refusing = faultyFirestore(db, {
      onWrite: (path) => {
        if (path === bad) throw grpcError(INVALID_ARGUMENT, "too many index entries");
      },
    });
    // A batch document of its own (not a window's end), so the harness's rollup never touches it.
    const batchEnd = 7 + 30_000 * Math.floor(Math.random() * 1e6);
    const first = await applyPart(rollup({ db: refusing }), batchEnd, 0, items);
    assert.equal(first.writes, items.length - 1);
    assert.deepEqual(first.failures.map((f) => [f.path, f.items]), [[bad, 1]]);
    assert.match(first.failures[0]!.reason, /too many index entries/);
    const q = (await db.doc(paths.quarantine(rollupQuarantineId(batchEnd, first.failures[0]!.range))).get()).data()!;
    assert.equal(q.path, bad);
    assert.match(q.excerpt, /Grace Hopper/);
    const got = await counters(name);
    assert.equal(got.articleCount, 1);
    assert.deepEqual(Object.values(got.ents).map((e) => e.word).sort(), ents.filter((w) => w !== "Grace Hopper").sort());
    // Another run (a redelivered tick, a rollup after a crash) applies nothing twice and reports the same failure.
    const again = await applyPart(rollup(), batchEnd, 0, items);
    assert.deepEqual([again.writes, again.failures.map((f) => f.path)], [0, [bad]]);
    assert.deepEqual(await counters(name), got);
  });

  it("caps a batch: a backlog is read in batches of bounded size that tile its range", async () => {
    const { all, windowEnd } = await window("Capped", 8);
    const from = windowEnd - 2 * W * 1000;
    const d = rollup();
    const seen: string[] = [];
    let at = from;
    for (let i = 0; i < 100 && at < windowEnd; i++) {
      const b = await readBatch(d, at, windowEnd, { bytes: Number.MAX_SAFE_INTEGER, posts: 4 });
      assert.ok(b.to > at && b.to <= windowEnd);
      assert.ok(b.to === windowEnd || b.to % (W * 1000) !== 0, "a batch that ends early never ends on a window's end");
      for (const r of b.deltas) {
        const t = r.doc.createdAt as Timestamp;
        assert.ok(t.toMillis() > at || (t.toMillis() === at && t.nanoseconds % 1e6 !== 0), "after the batch's start");
        assert.ok(atOrBefore(t, b.to), "at or before its end");
      }
      seen.push(...b.deltas.map((r) => r.id));
      at = b.to;
    }
    assert.equal(new Set(seen).size, seen.length, "no delta in two batches");
    assert.ok(all.length > 0);
  });

  it("gives exact counts when batches are tiny and every plan is halved", async () => {
    const { name, all, windowEnd } = await window("Halved", 4);
    await rollupWindow(rollup({ batchLimits: { bytes: 1, posts: 1, planBytes: 1 } }), windowEnd);
    assert.deepEqual(await rolledUp(name, all.length), expected(all));
  });

  it("finishes a batch the code before plans v2 left planned and untouched: planned again in batches/, the old one closed to the old code", async () => {
    const windowEnd = 11 + 30_000 * Math.floor(Math.random() * 1e6);
    // An old plan over a range no delta is in.
    await db.doc(paths.window(windowEnd)).set({ windowEnd, applied: false, plan: { from: 1, to: 2, parts: [{ first: "p\u00000\u00000000", last: "p\u00000\u00000000" }], deltas: 0, posts: 0 } });
    const out = await finishLegacy(rollup(), windowEnd);
    assert.equal(out.status, "applied");
    assert.equal((await db.doc(paths.window(windowEnd)).get()).get("applied"), true, "the code before leaves it alone now");
    const doc = (await db.doc(paths.batch(`legacy-${windowEnd}`)).get()).data()!;
    assert.deepEqual([doc.applied, doc.open, doc.failed, doc.plan.v, doc.plan.parts], [true, undefined, 0, PLAN_VERSION, []]);
    assert.equal((await finishLegacy(rollup(), windowEnd)).status, "done");
  });

  it("writes nothing into a batch once it is applied, and finishes no window another rollup planned meanwhile", async () => {
    const id = 13 + 30_000 * Math.floor(Math.random() * 1e6);
    const name = pubName("Closed");
    const pub = publicationKey(name);
    await db.doc(paths.batch(id)).set({ windowEnd: id, applied: true });
    const items = rollupItems({ [pub]: { n: name, a: 1, d: {}, e: {} } }, "2026");
    // A rollup that read this batch's deltas while another finished it and deleted them: its items may be short.
    assert.deepEqual(await applyPart(rollup(), id, 0, items), { writes: 0, failures: [] });
    assert.equal((await db.doc(paths.publication(pub)).get()).exists, false);
    // A window whose batches reach past it, but which another rollup planned after all: not ours to close.
    const planned = id + 2;
    await db.doc(paths.batch(planned)).set({ windowEnd: planned, applied: false, open: true, plan: { v: PLAN_VERSION, from: 1, to: planned, parts: [], deltas: 0, posts: 0 } });
    assert.equal(await recordFinish(rollup(), planned, undefined, []), false);
    assert.deepEqual([(await db.doc(paths.batch(planned)).get()).get("applied"), (await db.doc(paths.batch(planned)).get()).get("open")], [false, true]);
    await db.doc(paths.batch(planned)).delete();
  });

  it("leaves a batch planned by newer code to it, applying none of its parts", async () => {
    const id = 17 + 30_000 * Math.floor(Math.random() * 1e6);
    const plan = { v: PLAN_VERSION + 1, from: id - 30_000, to: id, parts: [{ first: "p\u00000", last: "p\u0000z" }], deltas: 1, posts: 1 };
    await db.doc(paths.batch(id)).set({ windowEnd: id, applied: false, plan });
    assert.deepEqual(await rollupWindow(rollup(), id), { status: "busy", windowEnd: id });
    const doc = (await db.doc(paths.batch(id)).get()).data()!;
    assert.deepEqual([doc.applied, doc.plan.v], [false, PLAN_VERSION + 1]);
    assert.equal((await db.doc(paths.batch(id)).collection(COLLECTIONS.parts).limit(1).get()).size, 0, "no part applied");
    await db.doc(paths.batch(id)).delete();
  });

  it("moves the days of past years out of the totals' documents into their year documents, exactly", async () => {
    const pub = publicationKey(pubName("Compact"));
    const ref = db.doc(paths.publication(pub));
    const ent = db.doc(paths.entity(pub, entityId("person", "Ada Lovelace")));
    // Days of 2024 and 2025 still in the documents; 2024's year documents already hold some of the same days.
    await ref.set({ name: "C", articleCount: 6, yearly: { "2024": 3, "2025": 1, "2026": 2 }, days: { "2024-03-01": 2, "2025-12-31": 1, "2026-01-02": 2 }, inlineYears: [2024, 2025, 2026] });
    await db.doc(paths.publicationYear(pub, "2024")).set({ year: 2024, days: { "2024-03-01": 1 } });
    await ent.set({ word: "Ada Lovelace", type: "person", count: 3, articles: 3, days: { "2025-06-01": { m: 2, a: 1 }, "2026-06-01": { m: 1, a: 1 } }, inlineYears: [2025, 2026] });
    const before = [await seriesOf<number>(ref), await seriesOf<{ m: number; a: number }>(ent)];
    assert.equal(await compactDocument({ db }, ref, 2026), 2);
    assert.equal(await compactDocument({ db }, ent, 2026), 1);
    assert.deepEqual([await seriesOf<number>(ref), await seriesOf<{ m: number; a: number }>(ent)], before, "the series are the same");
    const doc = (await ref.get()).data()!;
    assert.deepEqual([doc.days, doc.inlineYears, doc.yearly], [{ "2026-01-02": 2 }, [2026], { "2024": 3, "2025": 1, "2026": 2 }]);
    assert.deepEqual((await db.doc(paths.publicationYear(pub, "2024")).get()).get("days"), { "2024-03-01": 3 });
    assert.equal(await compactDocument({ db }, ref, 2026), 0, "a second run moves nothing");
    // The migration's form recomputes yearly from every day there is.
    await ref.update({ yearly: { "2026": 2 } });
    await compactDocument({ db }, ref, 2026, { recomputeYearly: true });
    assert.deepEqual((await ref.get()).get("yearly"), { "2024": 3, "2025": 1, "2026": 2 });
  });

  it("splits a backfill's days so no document gets more than 500 transforms in a commit", async () => {
    const name = pubName("Backfill");
    const posts: Post[] = Array.from({ length: 260 }, (_, i) => ({
      publication: name,
      content: "Ada Lovelace.",
      publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    }));
    const r = await send(posts, msgId("backfill"), deps());
    assert.equal(r.counted, 260);
    const got = await rolledUp(name, 260);
    assert.equal(got.articleCount, 260);
    assert.equal(Object.keys(got.days ?? {}).length, 260);
    assert.equal(Object.keys(got.ents[entityId("person", "Ada Lovelace")]!.days ?? {}).length, 260);
  });
});
