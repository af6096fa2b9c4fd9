// Issue 19 on the runtime stack: a client that holds a key cannot stop, skew or
// poison counting for the others. One test per finding about counting (1, 2,
// 4, 5), each with an honest client beside the hostile one: every honest post
// must be counted exactly once, counting must go on, and rollup/status must
// never claim counts complete past a batch that is not fully applied.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type DocumentSnapshot } from "firebase-admin/firestore";
import { documentBytes, MAX_DOCUMENT_BYTES } from "@newsroom/core/doc-size";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, paths } from "@newsroom/core/firestore-schema";
import { emulator } from "../emulator/support/env.js";

const run = randomBytes(3).toString("hex");
const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Answer = { status: number; body: { accepted?: number; messageIds?: string[]; problems?: Array<{ index: number | null; path: string; message: string }> } };

async function post(posts: object[]): Promise<Answer> {
  const res = await fetch(`${emulator.ingestUrl()}/posts`, {
    method: "POST",
    headers: { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json" },
    body: JSON.stringify(posts),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

async function accepted(posts: object[]): Promise<string[]> {
  const r = await post(posts);
  assert.equal(r.status, 202, JSON.stringify(r.body).slice(0, 500));
  return r.body.messageIds!;
}

const articleCount = async (name: string) => Number((await db().doc(paths.publication(publicationKey(name))).get()).get("articleCount") ?? 0);

/** Polls `check` until it returns true or `ms` pass; returns whether it did. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(1_000);
  }
}

/** Waits for `name` to count `n` articles; fails with what it counts when it does not. */
async function counted(name: string, n: number, ms = 4 * 60_000): Promise<void> {
  const ok = await eventually(async () => (await articleCount(name)) >= n, ms);
  assert.ok(ok, `${name.slice(0, 40)}: ${await articleCount(name)} articles counted after ${ms / 1000} s, expected ${n}`);
  await sleep(1_500); // a late double count would show now
  assert.equal(await articleCount(name), n, `${name.slice(0, 40)}: counted exactly once`);
}

/** rollup/status never claims counts complete past a planned batch that is not fully applied. */
async function statusIsHonest(): Promise<void> {
  const status = (await db().doc(paths.rollupStatus()).get()).data();
  const complete = Number(status?.completeThrough ?? 0);
  const open = await db().collection(COLLECTIONS.batches).where("open", "==", true).get();
  for (const w of open.docs) {
    const to = Number(w.get("plan.to") ?? Number.NaN);
    assert.ok(!(to <= complete), `batch ${w.id} is planned through ${to} and not applied, but completeThrough is ${complete}`);
  }
  const failed = await db().collection(COLLECTIONS.batches).where("failed", ">", 0).get();
  for (const w of failed.docs) assert.ok(Number(w.get("plan.from")) >= complete, `batch ${w.id} has failed items, but completeThrough is ${complete}`);
}

const dayAfter = (start: string, i: number) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);

// Invented words no lexicon knows, so each is a name of its own.
const SYLLABLES = ["zor", "vak", "tel", "mun", "qir", "bex", "dral", "yov", "kesh", "tam", "pru", "lix", "gan", "wok", "fen", "sul"];
function invented(i: number, parts = 3): string {
  let s = "";
  for (let k = 0, n = i; k < parts; k++, n = Math.floor(n / SYLLABLES.length)) s += SYLLABLES[n % SYLLABLES.length];
  return s[0]!.toUpperCase() + s.slice(1);
}
const tag = invented(Number.parseInt(run, 16) % 4096, 3);

function sizeOf(doc: DocumentSnapshot): number {
  return documentBytes(doc.ref.path, doc.data() ?? {});
}

/** The day entries of a series: a year document's `days`, or the layout before them, a totals document's. */
const dayEntries = (doc: DocumentSnapshot) => Object.keys((doc.get("days") ?? {}) as object).length;

describe("hostile clients cannot stop, skew or poison counting (issue 19)", () => {
  it("finding 1: publishedAt outside the bounds is a 400; distinct days never grow one document past a year", { timeout: 8 * 60_000 }, async () => {
    const pub = `Dated ${run}`;
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
    for (const publishedAt of ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59-23:59", "1699-12-31", soon]) {
      const r = await post([{ publication: pub, content: `Zelda ${tag} spoke in Lisbon.`, publishedAt, id: `bad-${publishedAt}` }]);
      assert.equal(r.status, 400, `${publishedAt}: ${JSON.stringify(r.body).slice(0, 300)}`);
      assert.ok(r.body.problems?.some((p) => p.index === 0 && p.path === "publishedAt"), `${publishedAt}: a problem names publishedAt`);
    }
    // 1,000 posts, each a day of its own: 2.7 years of one entity.
    const posts = Array.from({ length: 1_000 }, (_, i) => ({ publication: pub, content: `Zelda ${tag} spoke in Lisbon.`, publishedAt: dayAfter("2000-01-01", i), id: `d${i}` }));
    await accepted(posts);
    await counted(pub, 1_000);
    const pubRef = db().doc(paths.publication(publicationKey(pub)));
    const series = [await pubRef.get(), ...(await pubRef.collection(COLLECTIONS.years).get()).docs];
    const ents = await pubRef.collection(COLLECTIONS.ents).get();
    for (const e of ents.docs) series.push(e, ...(await e.ref.collection(COLLECTIONS.years).get()).docs);
    for (const doc of series) {
      assert.ok(dayEntries(doc) <= 366, `${doc.ref.path}: ${dayEntries(doc)} days in one document`);
      assert.ok(sizeOf(doc) < 64 * 1024, `${doc.ref.path}: ${sizeOf(doc)} bytes`);
    }
    // Exact: the days add up to the articles, whichever documents hold them.
    const articlesByDay = series.filter((d) => d.ref.parent.parent?.id === publicationKey(pub) || d.ref.id === publicationKey(pub));
    const sum = articlesByDay.reduce((n, d) => n + Object.values((d.get("days") ?? {}) as Record<string, unknown>).reduce<number>((m, v) => m + (typeof v === "number" ? v : 0), 0), 0);
    assert.equal(sum, 1_000, "articles per day add up to the article count");
  });

  it("finding 2: a batch whose plan would outgrow one document neither stops counting nor stores it", { timeout: 15 * 60_000 }, async () => {
    // A 200-character publication of 3-byte characters: its key is as long as keys get (512 bytes).
    const hostile = `${"報".repeat(194)}${run}`;
    const honest = `Honest after the plan ${run}`;
    const names = Array.from({ length: 200 }, (_, i) => `Brenda ${invented(i + 17, 2)}${tag.toLowerCase()}`).join(", ");
    const content = `${names} met in Lisbon.`;
    for (let half = 0; half < 2; half++) {
      await accepted(Array.from({ length: 1_000 }, (_, i) => ({ publication: hostile, content, publishedAt: dayAfter("2001-01-01", half * 1_000 + i), id: `p${half}-${i}` })));
    }
    await accepted([{ publication: honest, content: "Angela Merkel met Emmanuel Macron in Paris.", id: "h" }]);
    await counted(honest, 1, 8 * 60_000);
    await counted(hostile, 2_000, 6 * 60_000);
    for (const w of (await db().collection(COLLECTIONS.batches).get()).docs) {
      assert.ok(sizeOf(w) < MAX_DOCUMENT_BYTES, `${w.ref.path}: ${sizeOf(w)} bytes, over Firestore's limit`);
    }
    await statusIsHonest();
  });

  it("finding 4: no post can take the article id of a post in another message", { timeout: 8 * 60_000 }, async () => {
    const honest = `Honest no ids ${run}`;
    const attacker = `Claims ${run}`;
    // Message ids come from a counter: claim the article ids of the next messages' first posts.
    const [probe] = await accepted([{ publication: attacker, content: "Angela Merkel spoke.", id: "probe" }]);
    const next = Number(probe);
    assert.ok(Number.isSafeInteger(next), `the emulator's message ids are numbers (${probe})`);
    await accepted(Array.from({ length: 120 }, (_, k) => ({ publication: String(next + 1 + k), content: "Angela Merkel spoke.", id: "0" })));
    for (let i = 0; i < 5; i++) await accepted([{ publication: honest, content: `Emmanuel Macron spoke in Paris (${i}).` }]);
    // A claim on the request's own message: the honest neighbour shares its commit.
    const neighbour = `Honest neighbour ${run}`;
    for (let i = 0; i < 3; i++) {
      const [last] = await accepted([{ publication: attacker, content: "Angela Merkel spoke.", id: `step${i}` }]);
      const at = Number(last);
      await accepted([
        { publication: attacker, content: "Olaf Scholz spoke." },
        { publication: neighbour, content: "Emmanuel Macron spoke.", id: `n${i}` },
        ...Array.from({ length: 6 }, (_, k) => ({ publication: String(at + 1 + k), content: "Angela Merkel spoke.", id: "0" })),
      ]);
    }
    await counted(honest, 5);
    await counted(neighbour, 3);
    await statusIsHonest();
  });

  it("finding 5: one publication's flood of lone surnames cannot keep another's from merging", { timeout: 8 * 60_000 }, async () => {
    const victim = `Victim ${run}`;
    const flood = `Flood ${run}`;
    const surname = `Quill${tag.toLowerCase()}`;
    await accepted([{ publication: victim, content: `Brenda ${surname} met the mayor.`, id: "full" }]);
    await counted(victim, 1);
    // 260 invented lone surnames, each mentioned three times (more than the victim's one), in the same request.
    const lone = Array.from({ length: 260 }, (_, i) => invented(i + 300, 3));
    const floodPosts = Array.from({ length: 26 }, (_, p) => ({
      publication: flood,
      content: lone.slice(p * 10, p * 10 + 10).map((s) => `Mr. ${s} said so. ${s} agreed. ${s} left.`).join(" "),
      id: `f${p}`,
    }));
    await accepted([{ publication: victim, content: `Ms. ${surname} said the plan would work.`, id: "lone" }, ...floodPosts]);
    await counted(victim, 2);
    await counted(flood, 26);
    const ents = db().collection(paths.ents(publicationKey(victim)));
    const full = await ents.doc(entityId("person", `Brenda ${surname}`)).get();
    const alone = await ents.doc(entityId("person", surname)).get();
    assert.equal(alone.exists, false, `"${surname}" has a document of its own: it was not merged into "Brenda ${surname}"`);
    assert.equal(full.get("count"), 2, `"Brenda ${surname}" counts both mentions`);
    await statusIsHonest();
  });
});
