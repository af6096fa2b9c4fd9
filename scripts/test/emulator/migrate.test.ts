// The upgrade script on the Firestore emulator: documents of the layout before
// the rollup keep their counts and gain the search key, once.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { paths } from "@newsroom/core/firestore-schema";
import { migrate } from "../../migrate.ts";

describe("scripts/migrate.ts", { skip: process.env.FIRESTORE_EMULATOR_HOST ? false : "needs the Firestore emulator (npm run test:emulators)" }, () => {
  it("adds the search key and a person's aliases to old entity documents, keeps their counts, and does it once", async () => {
    const db = getFirestore(getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }));
    const name = `Old Layout ${randomBytes(3).toString("hex")}`;
    const pub = publicationKey(name);
    const ada = entityId("person", "Ada Lovelace");
    await db.doc(paths.publication(pub)).set({ name, articleCount: 7 });
    await db.doc(paths.entity(pub, ada)).set({ word: "Ada Lovelace", type: "person", count: 12, articles: 5 });
    const first = await migrate(db, { dryRun: false });
    assert.ok(first.keyed >= 1 && first.aliased >= 1);
    const doc = (await db.doc(paths.entity(pub, ada)).get()).data()!;
    assert.deepEqual(doc, { word: "Ada Lovelace", type: "person", count: 12, articles: 5, key: "ada lovelace", aliases: ["lovelace"] });
    assert.equal((await db.doc(paths.publication(pub)).get()).get("articleCount"), 7);
    const again = await migrate(db, { dryRun: false });
    assert.equal((await db.doc(paths.entity(pub, ada)).get()).get("key"), "ada lovelace");
    assert.ok(again.keyed <= first.keyed - 1 && again.aliased <= first.aliased - 1, "documents that have both are left alone");
  });

  it("moves the daily series of documents from before year documents: past years into them, yearly totals from every day", async () => {
    const db = getFirestore(getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }));
    const name = `Old Series ${randomBytes(3).toString("hex")}`;
    const pub = publicationKey(name);
    const ada = entityId("person", "Ada Lovelace");
    const thisYear = new Date().getUTCFullYear();
    const today = `${thisYear}-01-01`;
    await db.doc(paths.publication(pub)).set({ name, articleCount: 4, days: { "1999-05-01": 1, "2020-02-29": 2, [today]: 1 } });
    await db.doc(paths.entity(pub, ada)).set({ word: "Ada Lovelace", type: "person", count: 5, articles: 3, key: "ada lovelace", aliases: ["lovelace"], days: { "1999-05-01": { m: 3, a: 1 }, [today]: { m: 2, a: 2 } } });
    const first = await migrate(db, { dryRun: false });
    assert.ok(first.series >= 2);
    const p = (await db.doc(paths.publication(pub)).get()).data()!;
    assert.deepEqual([p.days, p.inlineYears, p.yearly], [{ [today]: 1 }, [thisYear], { "1999": 1, "2020": 2, [String(thisYear)]: 1 }]);
    assert.deepEqual((await db.doc(paths.publicationYear(pub, "2020")).get()).get("days"), { "2020-02-29": 2 });
    const e = (await db.doc(paths.entity(pub, ada)).get()).data()!;
    assert.deepEqual([e.days, e.yearly], [{ [today]: { m: 2, a: 2 } }, { "1999": { m: 3, a: 1 }, [String(thisYear)]: { m: 2, a: 2 } }]);
    assert.deepEqual((await db.doc(paths.entityYear(pub, ada, "1999")).get()).get("days"), { "1999-05-01": { m: 3, a: 1 } });
    await migrate(db, { dryRun: false });
    assert.deepEqual((await db.doc(paths.publicationYear(pub, "2020")).get()).get("days"), { "2020-02-29": 2 }, "a second run moves nothing twice");
  });
});
