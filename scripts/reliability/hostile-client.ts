// The reliability scenario "hostile client" (issue 19): one client holding
// keys sends what the review found could stop, skew or poison counting
// (dates out of bounds and a day per post, a batch whose plan would outgrow
// its document, claims on the article ids of messages to come, a flood of
// lone surnames, posts under other publications and beyond its rate), while
// an honest client sends 1,000 posts. Every honest post must be counted
// exactly once, counting must never stop, and rollup/status must never call
// counts complete past a batch that is not fully applied.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Firestore } from "firebase-admin/firestore";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, paths, type BatchDoc } from "@newsroom/core/firestore-schema";
import { createKey } from "@newsroom/store/client-keys";
import { firestoreFor, runLoadTest, type LoadTestOptions } from "newsroom-load-test/run";
import type { RuntimeStack } from "@newsroom/harness/runtime-stack";
import { articlesOf, until } from "./probe.ts";
import { rowFor, type Row } from "./report.ts";

type Sent = { status: number; accepted: number; messageIds: string[] };

async function send(stack: RuntimeStack, key: string, posts: object[]): Promise<Sent> {
  const res = await fetch(`${stack.ingestUrl}/posts`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(posts) });
  const body = (await res.json()) as { accepted?: number; messageIds?: string[] };
  return { status: res.status, accepted: body.accepted ?? 0, messageIds: body.messageIds ?? [] };
}

const day = (i: number) => new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
// Words no lexicon knows: each a name of its own.
const word = (i: number) => ["zor", "vak", "tel", "mun", "qir", "bex", "dral", "yov"].reduce((s, syl, k) => s + (((i >> (3 * k)) & 7) === k ? syl : ""), "Kel") + String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + (Math.floor(i / 26) % 26));

/** Times rollup/status claimed counts complete past a planned batch that was not fully applied. */
async function dishonesty(db: Firestore): Promise<string | undefined> {
  const status = (await db.doc(paths.rollupStatus()).get()).data();
  const complete = Number(status?.["completeThrough"] ?? 0);
  const open = await db.collection(COLLECTIONS.batches).where("open", "==", true).get();
  for (const w of open.docs) {
    const plan = (w.data() as BatchDoc).plan;
    if (plan && plan.to <= complete) return `batch ${w.id} planned through ${plan.to}, not applied, completeThrough ${complete}`;
  }
  return undefined;
}

export async function hostileClient(stack: RuntimeStack, loadOptions: (publications: string[]) => LoadTestOptions, log: (s: string) => void): Promise<Row> {
  const db = firestoreFor(stack.project);
  const run = randomBytes(3).toString("hex");
  const honestPubs = [`Honest A ${run}`, `Honest B ${run}`];
  const victim = `Honest victim ${run}`;
  const dated = `Mallory dated ${run}`;
  const wide = `${"報".repeat(194)}${run}`; // 200 characters, the longest key
  const flood = `Mallory flood ${run}`;
  const honestKey = (await createKey(db, { client: `honest-${run}`, publications: [...honestPubs, victim] })).key;
  const mallory = (await createKey(db, { client: `mallory-${run}`, publications: [dated, wide, flood], ratePerMinute: 1_200 })).key;
  const malloryAny = (await createKey(db, { client: `mallory-${run}`, ratePerMinute: 600 })).key;

  // The status, watched all along.
  let watching = true;
  const violations: string[] = [];
  const watcher = (async () => {
    while (watching) {
      const v = await dishonesty(db);
      if (v) violations.push(v);
      await sleep(2_000);
    }
  })();

  const honest = runLoadTest({ ...loadOptions(honestPubs), apiKey: honestKey });
  const checks: Array<[string, boolean]> = [];
  const expect = (what: string, ok: boolean) => checks.push([what, ok]);
  await send(stack, honestKey, [{ publication: victim, content: "Brenda Quillvarex met the mayor.", id: "full" }]);
  // Findings 1 and 2: days out of bounds; a day per post; a plan that would outgrow its document.
  for (const publishedAt of ["0001-01-01", "9999-12-31T23:59:59-23:59"]) expect(`${publishedAt} refused`, (await send(stack, mallory, [{ publication: dated, content: "Zelda Quark spoke.", publishedAt }])).status === 400);
  const datedSent = await send(stack, mallory, Array.from({ length: 500 }, (_, i) => ({ publication: dated, content: "Zelda Quark spoke in Lisbon.", publishedAt: day(i), id: `d${i}` })));
  const names = Array.from({ length: 200 }, (_, i) => `Brenda ${word(i)}`).join(", ");
  const wideSent = await send(stack, mallory, Array.from({ length: 500 }, (_, i) => ({ publication: wide, content: `${names} met.`, publishedAt: day(i), id: `w${i}` })));
  // Finding 4: the article ids of the next messages' first posts, claimed.
  const next = Number((await send(stack, malloryAny, [{ publication: `Claims ${run}`, content: "Olaf Scholz spoke.", id: "probe" }])).messageIds[0]);
  const claims = await send(stack, malloryAny, Array.from({ length: 100 }, (_, k) => ({ publication: String(next + 1 + k), content: "Olaf Scholz spoke.", id: "0" })));
  // Finding 5: lone surnames flooding the victim's batch; the victim's lone surname in the same request.
  await send(stack, honestKey, [{ publication: victim, content: "Ms. Quillvarex said the plan would work.", id: "lone" }]);
  const floodSent = await send(stack, mallory, Array.from({ length: 26 }, (_, p) => ({ publication: flood, content: Array.from({ length: 10 }, (_, k) => `Mr. ${word(300 + p * 10 + k)} said so. ${word(300 + p * 10 + k)} agreed.`).join(" "), id: `f${p}` })));
  // Finding 9: other publications, their spelling, their ids; more posts than the key has left (it spent 1,026 of
  // 1,200 a minute just now): 300,000 new entities in one request.
  const elsewhere = await send(stack, mallory, [{ publication: honestPubs[0]!, content: "Fake.", id: "p-1" }]);
  const spelled = await send(stack, mallory, [{ publication: `  ${honestPubs[0]!.toUpperCase()} `, content: "Fake." }]);
  const wideRequest = await send(stack, mallory, Array.from({ length: 1_000 }, (_, i) => ({ publication: flood, content: Array.from({ length: 300 }, (_, k) => `Brenda ${word(i * 300 + k)}`).join(", ") })));
  expect("posts under another publication refused (403)", elsewhere.status === 403 && spelled.status === 403);
  expect(`1,000 posts over the key's rate refused (${wideRequest.status})`, wideRequest.status === 429 || wideRequest.status === 413);
  expect("the hostile's own posts accepted", [datedSent, wideSent, claims, floodSent].every((s) => s.status === 202));

  const report = await honest;
  // Counting went on: the hostile's accepted posts counted exactly, the victim merged.
  const want: Array<[string, number]> = [[dated, 500], [wide, 500], [flood, 26], [victim, 2], ...Array.from({ length: 100 }, (_, k): [string, number] => [String(next + 1 + k), 1])];
  let counted: number[] = [];
  await until(async () => {
    counted = await Promise.all(want.map(([p]) => articlesOf(db, p)));
    return want.every(([, n], i) => counted[i] === n);
  }, 6 * 60_000, 2_000, "the hostile client's posts").catch(() => undefined);
  expect("every accepted hostile post counted once", want.every(([, n], i) => counted[i] === n));
  const ents = db.collection(paths.ents(publicationKey(victim)));
  const merged = (await ents.doc(entityId("person", "Brenda Quillvarex")).get()).get("count") === 2 && !(await ents.doc(entityId("person", "Quillvarex")).get()).exists;
  expect("the victim's lone surname merged despite the flood", merged);
  watching = false;
  await watcher;
  expect(`rollup/status honest throughout (${violations.length} violations)`, violations.length === 0);
  const failed = checks.filter(([, ok]) => !ok).map(([w]) => w);
  log(`  hostile client: ${checks.length - failed.length} of ${checks.length} checks held${failed.length ? `; failed: ${failed.join("; ")}` : ""}${violations[0] ? `; first violation: ${violations[0]}` : ""}`);
  return rowFor("hostile client beside an honest one", report, [`${checks.length - failed.length}/${checks.length} hostile checks held${failed.length ? ` (failed: ${failed.join("; ")})` : ""}`], failed.length === 0);
}
