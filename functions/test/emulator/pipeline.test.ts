// End to end on the emulators: HTTP POST -> ingest -> Pub/Sub -> processPosts
// -> Firestore, checked document by document.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { initializeApp, getApps } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { extractEntities } from "@newsroom/core/extract";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { emulator } from "./support/env.js";

const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};

async function send(posts: object[]): Promise<void> {
  const res = await fetch(`${emulator.ingestUrl()}/posts`, {
    method: "POST",
    headers: { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json" },
    body: JSON.stringify(posts),
  });
  assert.equal(res.status, 202, await res.text());
}

/** Polls until the publication's articleCount reaches `count` and then holds still for a moment. */
async function settled(pubName: string, count: number, timeoutMs = 90_000) {
  const ref = db().collection("publications").doc(publicationKey(pubName));
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const snap = await ref.get();
    last = snap.data()?.articleCount;
    if (last === count) {
      await new Promise((r) => setTimeout(r, 1_500)); // a late duplicate would show now
      const again = await ref.get();
      return { publication: again.data()!, ents: (await ref.collection("ents").get()).docs };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${pubName}: articleCount ${String(last)} after ${timeoutMs} ms, expected ${count}`);
}

/** What the counts must be, computed from the extractor directly. */
function expectedCounts(texts: string[]) {
  const expected = new Map<string, { type: string; canonical: string; count: number; articles: number }>();
  for (const text of texts) {
    const inThisPost = new Set<string>();
    for (const e of extractEntities(text)) {
      const id = entityId(e.type, e.canonical);
      const entry = expected.get(id) ?? { type: e.type, canonical: e.canonical, count: 0, articles: 0 };
      entry.count += 1;
      if (!inThisPost.has(id)) entry.articles += 1;
      inThisPost.add(id);
      expected.set(id, entry);
    }
  }
  return expected;
}

const TEXTS = [
  "Angela Merkel met Emmanuel Macron in Paris on Tuesday. Merkel said Germany and France agree.",
  "NATO ministers gathered in Brussels. Jens Stoltenberg spoke for NATO.",
  "Apple Inc. opened an office in Berlin, the capital of Germany.",
];

describe("pipeline on the emulators", () => {
  it("turns posted articles into exactly the expected Firestore documents", async () => {
    const name = `The Pipeline Times ${randomUUID().slice(0, 8)}`;
    await send(TEXTS.map((content, i) => ({ publication: `  ${name} `, content, id: `p-${i}` })));
    const { publication, ents } = await settled(name, TEXTS.length);

    assert.equal(publication.name, name);
    assert.equal(publication.articleCount, TEXTS.length);
    const expected = expectedCounts(TEXTS);
    assert.ok(expected.size >= 5, `the texts name several entities (got ${expected.size})`);
    const actual = new Map(ents.map((d) => [d.id, d.data()]));
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
    for (const [id, want] of expected) {
      const got = actual.get(id)!;
      assert.equal(got.type, want.type, id);
      assert.equal(String(got.word).toLowerCase(), want.canonical.toLowerCase(), id);
      assert.equal(got.count, want.count, `${want.canonical}: count`);
      assert.equal(got.articles, want.articles, `${want.canonical}: articles`);
    }
  });

  it("counts a client's retried posts once", async () => {
    const name = `Retry Gazette ${randomUUID().slice(0, 8)}`;
    const posts = TEXTS.map((content, i) => ({ publication: name, content, id: `r-${i}` }));
    await send(posts);
    await send(posts.slice(0, 2)); // the client retries two of them
    await send([{ publication: name, content: "Brussels again.", id: "r-new" }]);
    const { publication } = await settled(name, TEXTS.length + 1);
    assert.equal(publication.articleCount, TEXTS.length + 1);
  });
});
