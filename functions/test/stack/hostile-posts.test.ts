// §3 and §4 of the production-parity issue on the runtime stack: a hostile post
// costs only itself. Each request carries an ordinary post and a hostile one
// (so they share a Pub/Sub message); every ordinary post must be counted, and
// every hostile one either counted with bounded names or quarantined with its
// reason, never retried forever.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { COLLECTIONS, paths, STORED_LIMITS } from "@newsroom/core/firestore-schema";
import { emulator } from "../emulator/support/env.js";

const run = randomBytes(3).toString("hex");
const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};
const repeat = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
const names = (n: number) => Array.from({ length: n }, (_, i) => `Person${String.fromCharCode(65 + (i % 26))}${i} Surname${i}`).join(", ");

const HOSTILE: Array<[string, string]> = [
  ["U+FDFA, 18 characters each after NFKC, in one name", `Mr X${"\uFDFA".repeat(33_000)} said.`],
  ['"The " repeated', repeat("The ", 100_000)],
  ['"Late " × 20,000', "Late ".repeat(20_000)],
  ['"Xyz de " repeated', repeat("Xyz de ", 100_000)],
  ['"Bank of " repeated', repeat("Bank of ", 100_000)],
  ['"Former " × 7,562', "Former ".repeat(7_562)],
  ["400 distinct names", `${names(400)} met in Paris.`],
  ["names NFKC makes long", Array.from({ length: 300 }, (_, i) => `President \uFDFA${"\uFDFB".repeat(i % 7)} Q${i} spoke.`).join(" ")],
];

async function send(posts: object[]): Promise<string[]> {
  const res = await fetch(`${emulator.ingestUrl()}/posts`, {
    method: "POST",
    headers: { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json" },
    body: JSON.stringify(posts),
  });
  const body = (await res.json()) as { messageIds: string[] };
  assert.equal(res.status, 202, JSON.stringify(body));
  return body.messageIds;
}

async function articleCount(name: string): Promise<number> {
  return Number((await db().doc(paths.publication(publicationKey(name))).get()).get("articleCount") ?? 0);
}

describe("a hostile post next to an ordinary one, on the runtime stack", () => {
  it("counts every ordinary post, and bounds or quarantines every hostile one", { timeout: 10 * 60_000 }, async (t) => {
    const sent: Array<{ label: string; ordinary: string; hostile: string; messageIds: string[] }> = [];
    for (const [i, [label, content]] of HOSTILE.entries()) {
      const ordinary = `Ordinary ${run} ${i}`;
      const hostile = `Hostile ${run} ${i}`;
      const messageIds = await send([
        { publication: ordinary, content: "Angela Merkel met Emmanuel Macron in Paris.", id: `o-${i}` },
        { publication: hostile, content, id: `h-${i}` },
      ]);
      sent.push({ label, ordinary, hostile, messageIds });
    }
    const deadline = Date.now() + 5 * 60_000;
    for (const s of sent) {
      while ((await articleCount(s.ordinary)) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1_000));
    }
    for (const s of sent) {
      assert.equal(await articleCount(s.ordinary), 1, `${s.label}: its neighbour is counted`);
      const counted = await articleCount(s.hostile);
      const quarantined = await db().collection(COLLECTIONS.quarantine).where("messageId", "in", s.messageIds).get();
      const ents = await db().collection(`${paths.publication(publicationKey(s.hostile))}/${COLLECTIONS.ents}`).get();
      const longest = Math.max(0, ...ents.docs.map((d) => String(d.get("word")).length));
      t.diagnostic(`${s.label}: ${counted ? `counted, ${ents.size} entities, longest ${longest} characters` : `quarantined: ${quarantined.docs.map((d) => d.get("reason")).join("; ")}`}`);
      assert.ok(counted === 1 || quarantined.size === 1, `${s.label}: counted or quarantined`);
      assert.ok(ents.size <= STORED_LIMITS.entitiesPerPost, `${s.label}: ${ents.size} entities`);
      assert.ok(longest <= STORED_LIMITS.entityWordChars, `${s.label}: a name of ${longest} characters`);
    }
  });
});
