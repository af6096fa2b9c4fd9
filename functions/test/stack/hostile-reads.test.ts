// The read API against hostile clients, on the production runtime (issue 19):
// what concurrent heavy requests cost the api instance's memory and
// Firestore's reads (finding 3), and requests generated from the served
// OpenAPI document with hostile values in every parameter, none of which may
// get a 5xx (finding 11). Data is written straight into the Firestore
// emulator, entity documents padded so whole-document reads would show.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, Timestamp, type WriteBatch } from "firebase-admin/firestore";
import { entityId, entityKey, publicationKey, sha1Hex } from "@newsroom/core/keys";
import { paths } from "@newsroom/core/firestore-schema";
import { emulator, required } from "../emulator/support/env.js";
import { forgedCursors, readBudget, readCases, type OpenApi, type ReadCase } from "./read-cases.js";
import { stack } from "./support.js";

const MB = 1024 * 1024;
const run = randomBytes(3).toString("hex");
// Names that are their own keys, so one value serves /v0/frequencies/{name} and the {pub} routes.
const P = `hostile reads a ${run}`;
const Q = `hostile reads b ${run}`;
const kp = publicationKey(P);
const kq = publicationKey(Q);
const ENTITIES = 300; // COMPARE_SCAN: every entity of both is read by compare
const PADDING = 60 * 1024; // per entity document: 300 of them are 18 MiB
const YEARS = ["2024", "2025", "2026"];
const word = (pub: string, i: number) => (i % 4 === 0 ? `Shared Name ${i}` : `${pub.slice(-8)} Name ${i}`);
const firstId = entityId("person", word(P, 0));

const db = () => {
  if (getApps().length === 0) initializeApp({ projectId: emulator.project() });
  return getFirestore();
};

type Answer = { status: number | string; reads: number; text: string };

/**
 * A GET from a loopback address of the caller's choosing (any of 127/8): the
 * API limits requests per client address (API_REQUESTS_PER_MINUTE, 600), and
 * the generated requests stand for many clients, 400 per address.
 */
function get(path: string, from = "127.0.0.1"): Promise<Answer> {
  const url = new URL(`${required("API_URL")}${path}`);
  return new Promise((resolve) => {
    const req = http.get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reads: Number(res.headers["x-firestore-reads"] ?? 0), text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (err) => resolve({ status: err.message, reads: 0, text: "" }));
    });
    req.on("error", (err) => resolve({ status: err.message, reads: 0, text: "" }));
  });
}

/** Runs `work` over `items`, `width` at a time. */
async function pool<T, R>(items: readonly T[], width: number, work: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  }));
  return out;
}

async function seed(): Promise<void> {
  const at = Timestamp.now();
  let batch: WriteBatch = db().batch();
  let bytes = 0;
  const put = async (path: string, data: object, size = 1_000) => {
    batch.set(db().doc(path), data);
    bytes += size;
    if (bytes > 2 * MB) {
      await batch.commit();
      batch = db().batch();
      bytes = 0;
    }
  };
  for (const [name, key] of [[P, kp], [Q, kq]] as const) {
    const yearly = Object.fromEntries(YEARS.map((y) => [y, 10]));
    await put(paths.publication(key), { name, articleCount: 30, yearly, updatedAt: at });
    for (const y of YEARS) await put(paths.publicationYear(key, y), { year: Number(y), days: { [`${y}-03-01`]: 4, [`${y}-03-02`]: 6 } });
    for (let i = 0; i < ENTITIES; i++) {
      const w = word(name, i);
      const type = (["person", "organization", "place"] as const)[i % 3]!;
      const id = entityId(type, w);
      // A long field no answer needs: a whole-document read carries it into the instance.
      const padding = `${i} ${name} `.padEnd(PADDING, "abcdefghij");
      await put(paths.entity(key, id), { word: w, key: entityKey(w), type, count: 1_000 - i, articles: 100 - (i % 100), yearly: { 2026: { m: 5, a: 2 } }, padding, updatedAt: at }, PADDING);
      if (i === 0) for (const y of YEARS) await put(paths.entityYear(key, id, y), { year: Number(y), days: { [`${y}-03-01`]: { m: 3, a: 2 } } });
    }
  }
  for (let n = 0; n < 3; n++) {
    const when = Timestamp.fromMillis(Date.UTC(2026, 2, 1) + n * 3_600_000);
    await put(paths.article(sha1Hex(`hostile-reads ${run} ${n}`)), { pubKey: kp, publication: P, title: `Story ${n}`, day: "2026-03-01", at: when, receivedAt: at, messageId: `m-${run}`, index: n, ents: [firstId], mentions: [1] });
  }
  await batch.commit();
}

before(seed, { timeout: 180_000 });

describe("the read API under hostile clients (runtime stack)", () => {
  it("compare on large entity documents: bounded memory, and identical concurrent requests share one set of reads", { timeout: 180_000 }, async (t) => {
    await stack.resetPeak("api");
    const before = await stack.instance("api");
    const types = ["", "&type=person", "&type=organization", "&type=place"];
    const distinct = Array.from({ length: 16 }, (_, i) => `/v1/compare?a=${encodeURIComponent(kp)}&b=${encodeURIComponent(kq)}&limit=${1 + i}${types[i % 4]}`);
    const identical = Array.from({ length: 24 }, () => `/v1/compare?a=${encodeURIComponent(kq)}&b=${encodeURIComponent(kp)}&limit=7`);
    const answers = await Promise.all([...distinct, ...identical].map((p) => get(p)));
    await new Promise((r) => setTimeout(r, 300));
    const after = await stack.instance("api");
    const peak = after.peakRssBytes - before.rssBytes;
    t.diagnostic(`api RSS ${(before.rssBytes / MB).toFixed(0)} MiB before; peak +${(peak / MB).toFixed(1)} MiB over ${answers.length} concurrent compares`);
    assert.deepEqual(answers.map((a) => a.status), answers.map(() => 200), answers.find((a) => a.status !== 200)?.text.slice(0, 300));
    assert.equal(after.pid, before.pid, "the api instance survived");
    assert.ok(peak <= 64 * MB, `peak RSS grew by ${(peak / MB).toFixed(1)} MiB`);
    const reading = answers.slice(distinct.length).filter((a) => a.reads > 0);
    assert.equal(reading.length, 1, `identical concurrent requests that read Firestore: ${reading.length} (reads ${reading.map((a) => a.reads).join(", ")})`);
    assert.equal(new Set(answers.slice(distinct.length).map((a) => a.text)).size, 1, "and got the same answer");
  });

  it("answers every request generated from the OpenAPI document with hostile values without a 5xx", { timeout: 300_000 }, async (t) => {
    const doc = JSON.parse((await get("/v1/openapi.json")).text) as OpenApi;
    // Real cursors of every route that pages, to forge from and to use on the others.
    const publications = JSON.parse((await get("/v1/publications?limit=1")).text);
    const entities = JSON.parse((await get(`/v1/publications/${encodeURIComponent(kp)}/entities?limit=1`)).text);
    const articles = JSON.parse((await get(`/v1/publications/${encodeURIComponent(kp)}/entities/${firstId}/articles?limit=1`)).text);
    const real = { publications: publications.next, entities: entities.next, articles: articles.next };
    for (const [route, cursor] of Object.entries(real)) assert.equal(typeof cursor, "string", `${route} gave a cursor`);
    const pub = encodeURIComponent(kp);
    const valid = { pub, name: pub, id: firstId, a: pub, b: encodeURIComponent(kq), q: "shared" };
    const cases = readCases(doc, valid, forgedCursors(real));
    const results = await pool(cases, 8, async (c: ReadCase, i) => ({ c, a: await get(c.path, `127.0.0.${10 + Math.floor(i / 400)}`) }));
    const byStatus = new Map<string, number>();
    for (const { a } of results) byStatus.set(String(a.status), (byStatus.get(String(a.status)) ?? 0) + 1);
    t.diagnostic(`${cases.length} requests: ${[...byStatus].map(([s, n]) => `${s} × ${n}`).join(", ")}`);
    const failed = results.filter(({ a }) => typeof a.status !== "number" || a.status >= 500);
    assert.deepEqual(failed.map(({ c, a }) => `${c.route} ${c.param} ${c.what}: ${a.status} ${a.text.slice(0, 120)}`), [], "no 5xx");
    assert.equal(byStatus.get("429") ?? 0, 0, "every request reached the API (none was limited)");
    const overBudget = results.filter(({ c, a }) => a.reads > readBudget(doc, c.route));
    assert.deepEqual(overBudget.map(({ c, a }) => `${c.route} ${c.param} ${c.what}: ${a.reads} reads`), [], "every answer within its route's read budget");
    const instance = await stack.instance("api");
    assert.ok(instance.alive);
  });

  it("takes a cursor only on the route and query it pages", async () => {
    const entities = JSON.parse((await get(`/v1/publications/${encodeURIComponent(kp)}/entities?limit=1`)).text);
    const articles = JSON.parse((await get(`/v1/publications/${encodeURIComponent(kp)}/entities/${firstId}/articles?limit=1`)).text);
    const publications = JSON.parse((await get("/v1/publications?limit=1")).text);
    const misuses = [
      `/v1/publications?cursor=${articles.next}`,
      `/v1/publications?cursor=${entities.next}`,
      `/v1/publications/${encodeURIComponent(kp)}/entities?cursor=${publications.next}`,
      `/v1/publications/${encodeURIComponent(kp)}/entities/${firstId}/articles?cursor=${publications.next}`,
      `/v1/publications/${encodeURIComponent(kq)}/entities?cursor=${entities.next}`,
      `/v1/publications/${encodeURIComponent(kp)}/entities?by=articles&cursor=${entities.next}`,
      `/v1/publications/${encodeURIComponent(kp)}/entities?type=place&cursor=${entities.next}`,
    ];
    for (const path of misuses) {
      const a = await get(path);
      assert.equal(a.status, 400, `${path}: ${a.text.slice(0, 200)}`);
      assert.match(JSON.parse(a.text).message, /cursor/);
      assert.equal(a.reads, 0);
    }
  });

  it("refuses __proto__ as a parameter name (the production runtime's query parser passes it on)", async () => {
    const a = await get(`/v0/publications?__proto__=${run}`);
    assert.equal(a.status, 400, a.text);
    assert.match(JSON.parse(a.text).message, /unknown parameter/);
    assert.equal(a.reads, 0);
  });
});
