// firestore.rules against the Firestore emulator, through the client SDK as
// the dashboard would use it: clients may read publications, their entities,
// the same over all publications (global/, entities/), the year documents of
// all these and the rollup's status (list queries of at most
// 100 documents) and write nothing; articles (finding 12: client ids, message
// ids), the ledger, client ids, quarantine, the ingest keys of clients and
// everything else stay private.
//
// The emulator is shared with the other suites, so this file never clears it:
// it seeds its own documents under run-unique ids (rules disabled) and checks
// at the end that every refused write really left them untouched.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { setLogLevel } from "firebase/firestore";
import { emulator } from "./support/env.js";

const RUN = `rules-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

/** The repository's firestore.rules (found upwards from here: works from src and from .test-build). */
function repoRules(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "firebase.json")) && existsSync(path.join(dir, "firestore.rules"))) {
      return readFileSync(path.join(dir, "firestore.rules"), "utf8");
    }
    if (path.dirname(dir) === dir) throw new Error("firestore.rules not found above " + import.meta.dirname);
  }
}

type Seeded = { label: string; path: string; collection: string; readable: boolean; data: Record<string, unknown> };

const pub = `pub-${RUN}`;
/** Every kind of document the pipeline writes, plus paths nobody should reach. */
const SEEDED: Seeded[] = [
  { label: "publications/{p}", path: `publications/${pub}`, collection: "publications", readable: true, data: { name: `Rules ${RUN}`, articleCount: 3 } },
  {
    label: "publications/{p}/ents/{e}",
    path: `publications/${pub}/ents/ent-${RUN}`,
    collection: `publications/${pub}/ents`,
    readable: true,
    data: { word: "Ada Lovelace", type: "person", count: 5, articles: 2 },
  },
  {
    label: "publications/{p}/years/{y}",
    path: `publications/${pub}/years/2026`,
    collection: `publications/${pub}/years`,
    readable: true,
    data: { year: 2026, days: { "2026-01-01": 2, "2026-03-04": 1 } },
  },
  {
    label: "publications/{p}/ents/{e}/years/{y}",
    path: `publications/${pub}/ents/ent-${RUN}/years/2026`,
    collection: `publications/${pub}/ents/ent-${RUN}/years`,
    readable: true,
    data: { year: 2026, days: { "2026-01-01": { m: 5, a: 2 } } },
  },
  // The counts over all publications: global/totals (here a document of this run's beside it) and entities/, with their years.
  { label: "global/{doc}", path: `global/rules-${RUN}`, collection: "global", readable: true, data: { name: "All publications", articleCount: 3 } },
  { label: "global/{doc}/years/{y}", path: `global/rules-${RUN}/years/2026`, collection: `global/rules-${RUN}/years`, readable: true, data: { year: 2026, days: { "2026-01-01": 3 } } },
  { label: "entities/{e}", path: `entities/ent-${RUN}`, collection: "entities", readable: true, data: { word: "Ada Lovelace", type: "person", count: 9, articles: 4 } },
  { label: "entities/{e}/years/{y}", path: `entities/ent-${RUN}/years/2026`, collection: `entities/ent-${RUN}/years`, readable: true, data: { year: 2026, days: { "2026-01-01": { m: 9, a: 4 } } } },
  // Not a piece the fold would take (no createdAt): the harness's rollup runs meanwhile.
  { label: "globalPending/{id}", path: `globalPending/rules-${RUN}`, collection: "globalPending", readable: false, data: { batch: 1, piece: 0 } },
  {
    label: "articles/{a}",
    path: `articles/art-${RUN}`,
    collection: "articles",
    readable: false,
    data: { pubKey: pub, publication: `Rules ${RUN}`, title: "T", day: "2026-01-01", clientId: `client-${RUN}`, messageId: RUN, ents: ["e"], mentions: [1] },
  },
  // Not rollup/status itself, nor a delta that is due: the harness's rollup runs meanwhile.
  { label: "rollup/{doc}", path: `rollup/rules-${RUN}`, collection: "rollup", readable: true, data: { completeThrough: 1, windowSeconds: 20 } },
  { label: "deltas/{id}", path: `deltas/${RUN}.0.0`, collection: "deltas", readable: false, data: { windowEnd: 8.64e15, messageId: RUN, pubs: {} } },
  { label: "windows/{w}", path: `windows/${RUN}`, collection: "windows", readable: false, data: { windowEnd: 1 } },
  { label: "ledger/{id}", path: `ledger/${RUN}.1of1`, collection: "ledger", readable: false, data: { messageId: RUN, chunk: 1, chunks: 1, posts: 3, counted: 3 } },
  { label: "clientIds/{id}", path: `clientIds/cid-${RUN}`, collection: "clientIds", readable: false, data: { messageId: RUN, ledgerId: `${RUN}.1of1` } },
  { label: "quarantine/{id}", path: `quarantine/${RUN}`, collection: "quarantine", readable: false, data: { messageId: RUN, reason: "schema", excerpt: "{}" } },
  // Ingest keys of clients: only their hashes are stored, and even those stay private (who may post where, how much).
  { label: "keys/{keyId}", path: `keys/${RUN}`, collection: "keys", readable: false, data: { client: "Rules client", prefix: "nk_abcdef", publications: [pub], ratePerMinute: 60 } },
  { label: "another collection", path: `secrets-${RUN}/doc`, collection: `secrets-${RUN}`, readable: false, data: { value: "hidden" } },
  { label: "users/{uid} (even one's own)", path: `users/alice-${RUN}`, collection: "users", readable: false, data: { name: "alice" } },
  {
    label: "another subcollection of a publication",
    path: `publications/${pub}/private/x-${RUN}`,
    collection: `publications/${pub}/private`,
    readable: false,
    data: { note: "not under ents" },
  },
  {
    label: "a subcollection below a year document",
    path: `publications/${pub}/years/2026/deeper/z-${RUN}`,
    collection: `publications/${pub}/years/2026/deeper`,
    readable: false,
    data: { note: "below years" },
  },
  {
    label: "a subcollection below an entity",
    path: `publications/${pub}/ents/ent-${RUN}/deeper/y-${RUN}`,
    collection: `publications/${pub}/ents/ent-${RUN}/deeper`,
    readable: false,
    data: { note: "below ents" },
  },
];

let env: RulesTestEnvironment;

before(async () => {
  setLogLevel("error"); // every refused write would otherwise log a warning
  const [host, port] = emulator.firestoreHost().split(":");
  // Firestore may run outside firebase-tools (gcloud emulator), so it is named
  // directly; the hub would only warn that it does not know it.
  const hub = process.env.FIREBASE_EMULATOR_HUB;
  delete process.env.FIREBASE_EMULATOR_HUB;
  try {
    env = await initializeTestEnvironment({
      projectId: emulator.project(),
      firestore: { host: host!, port: Number(port), rules: repoRules() },
    });
  } finally {
    if (hub !== undefined) process.env.FIREBASE_EMULATOR_HUB = hub;
  }
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await Promise.all(SEEDED.map((s) => db.doc(s.path).set(s.data)));
  });
});

after(async () => {
  // Our documents only; never clearFirestore() on the shared emulator.
  await env?.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await Promise.all(SEEDED.map((s) => db.doc(s.path).delete()));
  });
  await env?.cleanup();
});

const CLIENTS: Array<{ who: string; context: () => RulesTestContext }> = [
  { who: "an unauthenticated client", context: () => env.unauthenticatedContext() },
  { who: "a signed-in user", context: () => env.authenticatedContext(`alice-${RUN}`, { email: "alice@example.com", email_verified: true }) },
  {
    who: "a signed-in user with an admin claim",
    context: () => env.authenticatedContext(`root-${RUN}`, { admin: true, firebase: { sign_in_provider: "password" } }),
  },
];

/** Ids clients tried to create: none may exist at the end. */
const attempted: string[] = [];
const newId = () => {
  const id = `new-${RUN}-${randomBytes(4).toString("hex")}`;
  attempted.push(id);
  return id;
};

for (const { who, context } of CLIENTS) {
  describe(`firestore.rules for ${who}`, () => {
    for (const s of SEEDED) {
      it(`${s.readable ? "may read" : "may not read"} ${s.label}, and may not write it`, async () => {
        const db = context().firestore();
        const ref = db.doc(s.path);
        const coll = db.collection(s.collection);
        const missing = coll.doc(newId());
        if (s.readable) {
          const snap = await assertSucceeds(ref.get());
          assert.deepEqual(snap.data(), s.data, "reads the seeded document");
          assert.equal((await assertSucceeds(missing.get())).exists, false, "get of a missing id");
          const byId = await assertSucceeds(coll.where("__name__", "==", ref.id).limit(1).get());
          assert.deepEqual(byId.docs.map((d) => d.id), [ref.id], "a list query finds the seeded document");
          assert.ok((await assertSucceeds(coll.limit(5).get())).size >= 1, "a plain list query");
          // List queries are capped at 100 documents: no limit or a larger one is refused.
          await assertSucceeds(coll.limit(100).get());
          await assertSucceeds(coll.orderBy("__name__", "desc").limitToLast(100).get());
          await assertFails(coll.get());
          await assertFails(coll.where("__name__", "==", ref.id).get());
          await assertFails(coll.limit(101).get());
          await assertFails(coll.orderBy("__name__", "desc").limitToLast(101).get());
        } else {
          await assertFails(ref.get());
          await assertFails(missing.get());
          await assertFails(coll.get());
          await assertFails(coll.limit(1).get());
        }
        // Writes: create, add, overwrite, merge, update, delete, batch, transaction.
        await assertFails(missing.set({ created: true }));
        await assertFails(coll.add({ created: true }));
        await assertFails(ref.set({ replaced: true }));
        await assertFails(ref.set({ merged: true }, { merge: true }));
        await assertFails(ref.update({ updated: true }));
        await assertFails(ref.update({ count: 1_000_000, articleCount: 1_000_000 }));
        await assertFails(ref.delete());
        await assertFails(db.batch().set(missing, { created: true }).delete(ref).commit());
        await assertFails(
          db.runTransaction(async (tx) => {
            tx.set(missing, { created: true });
          }),
        );
      });
    }

    it("may neither get nor list articles, nor run the queries the dashboard once made on them (finding 12)", async () => {
      const db = context().firestore();
      const articles = db.collection("articles");
      await assertFails(articles.doc(`art-${RUN}`).get());
      await assertFails(articles.orderBy("receivedAt", "desc").limit(1).get());
      await assertFails(articles.where("pubKey", "==", pub).limit(20).get());
      await assertFails(articles.where("clientId", "==", `client-${RUN}`).limit(1).get());
    });

    it("may get and list the year documents of a publication and of an entity, in id order within the limit", async () => {
      const db = context().firestore();
      for (const years of [`publications/${pub}/years`, `publications/${pub}/ents/ent-${RUN}/years`]) {
        assert.equal((await assertSucceeds(db.doc(`${years}/2026`).get())).get("year"), 2026);
        assert.equal((await assertSucceeds(db.doc(`${years}/1999`).get())).exists, false, "a year without data");
        const listed = await assertSucceeds(db.collection(years).orderBy("__name__").limit(2).get());
        assert.deepEqual(listed.docs.map((d) => d.id), ["2026"]);
        await assertFails(db.collection(years).orderBy("__name__").get());
      }
    });

    it("may not run collection-group queries over private or nested paths", async () => {
      const db = context().firestore();
      // ents and years exist only under publications in the pipeline, but a
      // collection group query would match them anywhere, so the rules do not allow it.
      for (const group of ["ents", "years", "articles", "ledger", "clientIds", "quarantine", "keys", "deeper", "private"]) {
        await assertFails(db.collectionGroup(group).limit(1).get());
      }
    });
  });
}

describe("firestore.rules: refused writes changed nothing", () => {
  it("every seeded document is exactly as seeded and no client-named document exists", async () => {
    assert.ok(attempted.length >= SEEDED.length * CLIENTS.length, "the write checks ran first");
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      for (const s of SEEDED) {
        assert.deepEqual((await db.doc(s.path).get()).data(), s.data, s.path);
        const created = await Promise.all(
          attempted.map((id) => db.collection(s.collection).doc(id).get().then((d) => (d.exists ? id : undefined))),
        );
        assert.deepEqual(created.filter(Boolean), [], `no client-created documents in ${s.collection}`);
      }
    });
  });
});
