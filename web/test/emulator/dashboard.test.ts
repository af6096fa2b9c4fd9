// The dashboard end to end: data seeded into the Firestore emulator, the page
// served by the Hosting emulator, read by the Firebase Web SDK under the
// security rules, in Debian's headless Chromium.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { freePort } from "@newsroom/harness/net"; // a local port nothing listens on
import { formatClock } from "../../src/logic/freshness.ts";
import { requireEnv } from "./support/env.ts";
import { Timestamp } from "firebase-admin/firestore";
import { articleCount, db, entityId, increment, publicationNamed, ranked, seedPublication, setRollupStatus, type EntityType, type SeedEntity } from "./support/seed.ts";
import { startSession, type Session } from "./support/session.ts";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../../artifacts");
const run = randomUUID().slice(0, 6);
const names = { gazette: `Gazette ${run}`, herald: `Herald ${run}`, empty: `Quiet Times ${run}` };

// 25 entities, ties included (also across the page boundary: ranks 10 and 11).
const COUNTS = [120, 97, 97, 85, 80, 80, 80, 64, 60, 55, 55, 48, 40, 40, 33, 30, 28, 25, 25, 20, 18, 12, 9, 9, 5];
const WORDS: Array<[string, EntityType]> = [
  ["United States", "place"], ["Congress", "organization"], ["Abraham Lincoln", "person"], ["Mexico", "place"],
  ["Senate", "organization"], ["Franklin D. Roosevelt", "person"], ["Great Britain", "place"], ["Supreme Court", "organization"],
  ["Theodore Roosevelt", "person"], ["France", "place"], ["Federal Reserve", "organization"], ["George Washington", "person"],
  ["Texas", "place"], ["Treasury", "organization"], ["Thomas Jefferson", "person"], ["California", "place"],
  ["United Nations", "organization"], ["Woodrow Wilson", "person"], ["Philippines", "place"], ["NATO", "organization"],
  ["Harry Truman", "person"], ["House of Representatives", "organization"], ["John Adams", "person"], ["Ulysses Grant", "person"],
  ["Panama", "place"],
];
const gazetteEntities: SeedEntity[] = WORDS.map(([word, type], i) => ({ word, type, count: COUNTS[i]!, articles: Math.ceil(COUNTS[i]! / 3) }));
const heraldEntities: SeedEntity[] = [
  { word: "Winston Churchill", type: "person", count: 44, articles: 20 },
  { word: "Parliament", type: "organization", count: 39, articles: 25 },
  { word: "London", type: "place", count: 31, articles: 19 },
  { word: "Europe", type: "place", count: 17, articles: 12 },
  { word: "Royal Navy", type: "organization", count: 9, articles: 7 },
];

type PanelRow = { id: string; rank: number; count: number; word: string; type: string };

describe("dashboard in headless Chromium", () => {
  let session: Session;
  let page: Page;
  let url: string;
  const keys = { gazette: "", herald: "", empty: "", wire: "" };

  before(async () => {
    keys.gazette = await seedPublication(names.gazette, 4812, gazetteEntities);
    keys.herald = await seedPublication(names.herald, 3377, heraldEntities);
    keys.empty = await seedPublication(names.empty, 2001, []);
    session = await startSession();
    url = session.url();
    page = await newPage({ width: 1280, height: 1000 });
  });

  after(async () => {
    await session?.close();
    for (const key of Object.values(keys)) if (key) await db().recursiveDelete(db().doc(`publications/${key}`));
  });

  const newPage = (viewport: { width: number; height: number }, mobile = false, watchErrors = true) => session.page(viewport, { mobile, watchErrors });

  const card = (p: Page, key: string) => p.locator(`article.card[data-pub-key="${key}"]`);

  /** Waits until a card shows server data (not the local cache) and returns its bar and cloud entity ids. */
  async function cardCharts(p: Page, key: string) {
    await card(p, key).locator('.card-charts[data-state="data"][data-from-cache="false"]').waitFor();
    return {
      bars: await card(p, key).locator("g.bar").evaluateAll((gs) => gs.map((g) => ({ id: g.getAttribute("data-entity-id"), count: Number(g.getAttribute("data-count")) }))),
      cloud: await card(p, key).locator("svg.word-cloud text[data-entity-id]").evaluateAll((ts) => ts.map((t) => t.getAttribute("data-entity-id"))),
    };
  }

  /** Waits for the panel to show server data for page `n` (1-based), then reads its rows. */
  async function panelPage(p: Page, n: number): Promise<PanelRow[]> {
    await p.waitForFunction(
      (n) => {
        const panel = document.getElementById("panel");
        const info = panel?.querySelector('[data-role="page-info"]')?.textContent ?? "";
        return panel?.dataset.state === "data" && panel.dataset.fromCache === "false" && info.startsWith(`Page ${n} `);
      },
      n,
    );
    return p.locator("#panel ol.ranking li").evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.getAttribute("data-entity-id") ?? "",
        rank: Number(li.getAttribute("data-rank")),
        count: Number(li.getAttribute("data-count")),
        word: li.querySelector(".word")?.textContent ?? "",
        type: li.querySelector(".type")?.textContent ?? "",
      })),
    );
  }

  async function expectPanelMatches(n: number, type?: EntityType) {
    const rows = await panelPage(page, n);
    const expected = await ranked(keys.gazette, { type, offset: (n - 1) * 10, limit: 10 });
    assert.deepEqual(
      rows.map((r) => [r.rank, r.id, r.word, r.count]),
      expected.map((e, i) => [(n - 1) * 10 + i + 1, e.id, e.word, e.count]),
      `panel page ${n}${type ? ` (${type})` : ""} equals Firestore's ranking`,
    );
    return rows;
  }

  const button = (action: "prev" | "next") => page.locator(`#panel button[data-action="${action}"]`);

  it("shows every seeded publication with its article count, the empty one as empty", async () => {
    await page.goto(url);
    for (const [name, key] of [[names.gazette, keys.gazette], [names.herald, keys.herald], [names.empty, keys.empty]] as const) {
      await card(page, key).waitFor();
      assert.equal(await card(page, key).locator(".card-title").textContent(), name);
      const shown = await card(page, key).locator('[data-role="article-count"] strong');
      assert.equal(Number(await shown.getAttribute("data-value")), await articleCount(key));
      assert.equal(await shown.textContent(), new Intl.NumberFormat("en").format(await articleCount(key)));
    }
    await card(page, keys.empty).locator('[data-status="empty"]').waitFor();
    // Publications by article count: the three seeded ones in this order.
    // (The publications' cards: the All-publications card before them has no data-pub-key.)
    const order = await page.locator("article.card[data-pub-key]").evaluateAll((cs) => cs.map((c) => c.getAttribute("data-pub-key")));
    const mine = order.filter((k) => Object.values(keys).includes(k ?? ""));
    assert.deepEqual(mine, [keys.gazette, keys.herald, keys.empty]);
  });

  it("charts each publication's top entities in Firestore's order, coloured by type", async () => {
    for (const key of [keys.gazette, keys.herald]) {
      const { bars, cloud } = await cardCharts(page, key);
      const top = await ranked(key, { limit: 20 });
      assert.deepEqual(bars, top.slice(0, 8).map((e) => ({ id: e.id, count: e.count })), `bars of ${key}`);
      const missing = top.slice(0, 10).filter((e) => !cloud.includes(e.id));
      assert.deepEqual(missing, [], `the cloud of ${key} holds the top ten`);
      assert.ok(cloud.every((id) => top.some((e) => e.id === id)));
    }
    const fills = await card(page, keys.gazette).locator("svg.word-cloud text[data-entity-id]").evaluateAll((ts) => ts.map((t) => t.getAttribute("fill")));
    assert.equal(new Set(fills).size, 3, "three types, three colours");
  });

  it("lists the ranking ten at a time, forward to the end and back", async () => {
    await card(page, keys.gazette).locator("button.open-list").click();
    await page.waitForFunction((name) => document.querySelector('#panel [data-role="panel-title"]')?.textContent === name, names.gazette);
    await expectPanelMatches(1);
    assert.ok(await button("prev").isDisabled());
    await button("next").click();
    await expectPanelMatches(2);
    await button("next").click();
    const last = await expectPanelMatches(3);
    assert.equal(last.length, 5);
    assert.ok(await button("next").isDisabled());
    await button("prev").click();
    await expectPanelMatches(2);
    await button("prev").click();
    await expectPanelMatches(1);
    assert.ok(await button("prev").isDisabled());
    assert.ok(await button("next").isEnabled());
  });

  it("shows live updates: a new leader and a new article count appear without reloading", async () => {
    const panama = entityId("place", "Panama");
    await increment(keys.gazette, `/ents/${panama}`, "count", 200);
    await increment(keys.gazette, "", "articleCount", 7);
    await page.waitForFunction(
      (id) => document.querySelector("#panel ol.ranking li")?.getAttribute("data-entity-id") === id,
      panama,
    );
    const rows = await expectPanelMatches(1);
    assert.deepEqual([rows[0]!.word, rows[0]!.count], ["Panama", 205]);
    await page.waitForFunction(
      ({ key, id }) => document.querySelector(`article.card[data-pub-key="${key}"] g.bar`)?.getAttribute("data-entity-id") === id,
      { key: keys.gazette, id: panama },
    );
    await page.waitForFunction(
      (key) => document.querySelector(`article.card[data-pub-key="${key}"] [data-role="article-count"] strong`)?.getAttribute("data-value") === "4819",
      keys.gazette,
    );
  });

  it("filters by type: the list, its paging and the charts show only that type", async () => {
    await page.locator('label:has(input[data-filter="organization"])').click();
    const rows = await expectPanelMatches(1, "organization");
    assert.equal(rows.length, 8);
    assert.ok(rows.every((r) => r.type === "Organisation"));
    assert.ok(await button("next").isDisabled());
    await page.waitForFunction(() => new URL(location.href).searchParams.get("type") === "organization");
    const { bars } = await cardCharts(page, keys.gazette);
    assert.deepEqual(bars.map((b) => b.id), (await ranked(keys.gazette, { type: "organization", limit: 8 })).map((e) => e.id));
    await card(page, keys.empty).locator('[data-status="empty"]').waitFor();

    await page.locator('label:has(input[data-filter="place"])').click();
    await expectPanelMatches(1, "place");
    await page.locator('label:has(input[data-filter="all"])').click();
    await expectPanelMatches(1);
  });

  it("shows articles posted to the ingest endpoint as the pipeline counts them, without reloading", async () => {
    const name = `Wire ${run}`;
    const stories = [
      "Angela Merkel met Emmanuel Macron in Paris to discuss the budget.",
      "NATO ministers gathered in Brussels; Jens Stoltenberg spoke first.",
      "Emmanuel Macron flew to Berlin, where Angela Merkel welcomed him.",
      "The European Commission in Brussels answered questions from Reuters.",
      "Angela Merkel and the Bundestag debated the plan in Berlin.",
      "Emmanuel Macron returned to Paris after talks with NATO.",
    ];
    const posts = Array.from({ length: 12 }, (_, i) => ({ publication: name, content: stories[i % stories.length]!, id: `${run}-wire-${i}` }));
    const res = await fetch(`${requireEnv("INGEST_URL")}/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${requireEnv("INGEST_API_KEY")}`, "content-type": "application/json" },
      body: JSON.stringify(posts),
    });
    assert.equal(res.status, 202, await res.text());
    const key = await publicationNamed(name, 12, 120_000);
    keys.wire = key;
    // The open page picks the new publication up by itself (more publications may sit above it).
    const wire = card(page, key);
    for (let i = 0; i < 20 && !(await wire.isVisible()); i++) {
      if (await page.locator("#more").isVisible()) await page.locator("#more").click();
      await page.waitForTimeout(500);
    }
    await wire.waitFor();
    await page.waitForFunction(
      (key) => document.querySelector(`article.card[data-pub-key="${key}"] [data-role="article-count"] strong`)?.getAttribute("data-value") === "12",
      key,
    );
    const { bars } = await cardCharts(page, key);
    const top = await ranked(key, { limit: 8 });
    assert.ok(top.length >= 3, `the pipeline found entities: ${top.map((e) => e.word).join(", ")}`);
    assert.deepEqual(bars, top.map((e) => ({ id: e.id, count: e.count })));
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard.png"), fullPage: true });
  });

  it("fits a phone screen: one column, ranking first, nothing wider than the screen", async () => {
    const phone = await newPage({ width: 390, height: 844 }, true);
    await phone.goto(url);
    await cardCharts(phone, keys.gazette);
    await panelPage(phone, 1);
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      panelTop: document.getElementById("panel")!.getBoundingClientRect().top,
      firstCardTop: document.querySelector("article.card")!.getBoundingClientRect().top,
      cardWidth: document.querySelector("article.card")!.getBoundingClientRect().width,
    }));
    assert.ok(layout.scrollWidth <= layout.innerWidth, `no horizontal scrolling (${layout.scrollWidth} > ${layout.innerWidth})`);
    assert.ok(layout.panelTop < layout.firstCardTop, "the ranking comes first");
    assert.ok(layout.cardWidth > 300, "cards take the full width");
    mkdirSync(ARTIFACTS, { recursive: true });
    await phone.screenshot({ path: path.join(ARTIFACTS, "dashboard-phone.png"), fullPage: false });
    await phone.context().close();
  });

  it("says plainly when rollup writes failed for good: how many, since when, and that later counts are not complete", async () => {
    // Later than any window the harness's rollup may apply meanwhile, so it leaves this status alone (seed.ts).
    const t = Math.ceil((Date.now() + 3_600_000) / 30_000) * 30_000;
    const failure = (windowEnd: number, items: number) => ({ windowEnd, range: "0", items, reason: "INVALID_ARGUMENT: a value too large", at: windowEnd + 2_500 });
    const restore = await setRollupStatus({
      completeThrough: t,
      appliedThrough: t + 150_000,
      appliedAt: Timestamp.now(),
      windowSeconds: 30,
      failures: [failure(t + 30_000, 12), failure(t + 90_000, 2)],
    });
    try {
      const line = page.locator('#freshness[data-state="complete"][data-failures="2"]');
      await line.waitFor();
      // As the page formats them (the browser runs in this machine's time zone).
      const clock = (ms: number) => formatClock(ms, Date.now());
      const text = (await line.textContent()) ?? "";
      assert.ok(text.startsWith("Incomplete: "), text);
      assert.ok(text.includes(`Since ${clock(t + 32_500)}, 2 rollup writes (14 documents) failed and were set aside`), text);
      assert.ok(text.includes(`later counts are applied, to ${clock(t + 150_000)}, but not complete`), text);
      assert.equal(await line.getAttribute("data-complete-through"), String(t));
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.locator("#freshness").screenshot({ path: path.join(ARTIFACTS, "dashboard-status-failures.png") });

      // Live: once the failures are gone, so is the wording.
      await setRollupStatus({ completeThrough: t, appliedAt: Timestamp.now(), windowSeconds: 30 });
      await page.locator('#freshness[data-state="complete"]:not([data-failures])').waitFor();
      assert.match((await page.locator("#freshness").textContent()) ?? "", /^Counts complete to .*; newer posts appear within ~30 s\.$/);

      // Pending comes from the read API's status (the newest article's receipt), not from Firestore.
      await setRollupStatus({ completeThrough: 1, appliedAt: Timestamp.now(), windowSeconds: 30 });
      await page.locator('#freshness[data-state="pending"]').waitFor({ timeout: 40_000 });
      assert.match((await page.locator("#freshness").textContent()) ?? "", /^Pending: Counting newer articles \(received up to /);
    } finally {
      await restore();
    }
  });

  it("says it is waiting for Firestore when the emulator cannot be reached", async () => {
    const closed = await freePort();
    const p = await newPage({ width: 1024, height: 700 }, false, false);
    await p.goto(url.replace(/firestore=[^&]+/, `firestore=127.0.0.1:${closed}`));
    await p.locator('#cards [data-status="offline"]').waitFor();
    assert.match((await p.locator("#cards").textContent()) ?? "", new RegExp(`Waiting for Firestore.*127\\.0\\.0\\.1:${closed}`));
    await p.context().close();
  });

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
