// The All-publications card (issue 22 §1, §3): first on the overview, live
// from global/totals and the top of entities/ (the rollup's fold over every
// publication), with its Rising panel from /v1/rising without pub, and the
// entity view over all publications it links to, which lists the publications
// that mention the entity, each a link to its entity view there, and the
// card's ranked list over all publications in the side panel (entities/ as
// Firestore orders it, paged, its CSV from /v1/entities, each row opening the
// entity view over all publications). Seeded by
// posting to the ingest endpoint: two publications of this run, 28 quiet days,
// then on the day after them an organisation of this run in every article of
// both, and, months before, one article per harbour of this run (so the list
// has a second page); the test waits for the pipeline to count them and the
// rollup to fold them. The global counts are shared by every suite on the stack and never
// deleted: the day is one long ago that no other suite dates a post to (today
// on a shared stack holds every suite's posts), asked for by the page's ?day=,
// the assertions are about this run's entity, and the card's totals are
// compared with global/totals as it is. Desktop and phone.
import assert from "node:assert/strict";
import { randomInt, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { paths } from "@newsroom/core/firestore-schema";
import { extractEntities } from "@newsroom/core/extract";
import { entityId } from "@newsroom/core/keys";
import { requireEnv } from "./support/env.ts";
import { screenshot } from "./support/screenshot.ts";
import { db, publicationNamed, removePublication } from "./support/seed.ts";
import { startSession, type Session } from "./support/session.ts";

const run = randomUUID().slice(0, 8);
/** A word no other run or suite uses: the run's hex digits as letters. */
const runWord = `Kel${[...run].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("")}`;
const burstName = `${runWord} Harbour Authority`;
const names = { ledger: `Ledger ${run}`, dispatch: `Dispatch ${run}` };
const DAY_MS = 86_400_000;
// Before the years other suites date posts to (functions' rising test: 1720 on; the State of the Union: 1790 on), its window within the year.
const day = `${randomInt(1701, 1720)}-${String(randomInt(7, 12)).padStart(2, "0")}-15`;
const baselineDays = Array.from({ length: 28 }, (_, i) => new Date(Date.parse(day) - (28 - i) * DAY_MS).toISOString().slice(0, 10));
/** The day's articles per publication, each about the burst. */
const ON_DAY = { ledger: 6, dispatch: 4 } as const;
/** Quiet articles per publication on each baseline day. */
const QUIET_PER_DAY = 2;
/** Organisations of this run the ledger mentions once each (twice in one article), on a day months before the others: entities/ holds more than a page. */
const HARBOURS = ["North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Great", "Little", "Middle"].map((n) => `${runWord} ${n} Harbour Authority`);
const harbourDay = new Date(Date.parse(day) - 90 * DAY_MS).toISOString().slice(0, 10);
/** The side panel's page size (app/state.ts's PAGE_SIZE). */
const PAGE = 10;
/** Long enough for the rollup's default fold period (GLOBAL_FOLD_SECONDS 300) and a sweep after it. */
const FOLD_TIMEOUT_MS = 7 * 60_000;

type Post = { publication: string; content: string; id: string; publishedAt?: string };

function posts(pub: keyof typeof names): Post[] {
  const quiet = baselineDays.flatMap((day, d) =>
    Array.from({ length: QUIET_PER_DAY }, (_, i): Post => ({ publication: names[pub], content: `the council met again and the budget was read out, item ${d}.${i}.`, id: `${run}-${pub}-q${d}.${i}`, publishedAt: `${day}T12:00:00Z` })),
  );
  const burst = Array.from({ length: ON_DAY[pub] }, (_, i): Post => ({
    publication: names[pub],
    content: `The ${burstName} closed the port on item ${i}. The ${burstName} said it would reopen later.`,
    id: `${run}-${pub}-b${i}`,
    publishedAt: `${day}T0${i}:00:00Z`,
  }));
  const harbours = pub !== "ledger" ? [] : HARBOURS.map((name, i): Post => ({ publication: names[pub], content: `The ${name} closed the port. The ${name} said it would reopen later.`, id: `${run}-${pub}-h${i}`, publishedAt: `${harbourDay}T12:00:00Z` }));
  return [...quiet, ...harbours, ...burst];
}

async function send(batch: Post[]): Promise<void> {
  for (let i = 0; i < batch.length; i += 20) {
    const res = await fetch(`${requireEnv("INGEST_URL")}/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${requireEnv("INGEST_API_KEY")}`, "content-type": "application/json" },
      body: JSON.stringify(batch.slice(i, i + 20)),
    });
    assert.equal(res.status, 202, await res.text());
  }
}

const countOf = async (path: string): Promise<number | undefined> => (await db().doc(path).get()).get("count") as number | undefined;

/** Waits until entities/{id} holds the sum of the publications' counts (the rollup folded them). */
async function folded(id: string, sum: number): Promise<void> {
  const deadline = Date.now() + FOLD_TIMEOUT_MS;
  let seen: number | undefined;
  while (Date.now() < deadline) {
    seen = await countOf(paths.globalEntity(id));
    if (seen === sum) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`entities/${id}: count ${String(seen)} after ${FOLD_TIMEOUT_MS} ms, expected ${sum}`);
}

describe("the All-publications card and the entity view over all publications in headless Chromium", () => {
  let session: Session;
  const keys = { ledger: "", dispatch: "" };
  const burst = { id: "", word: "" };
  /** The burst's mentions per publication, as the publications' own documents count them. */
  const mentions = { ledger: 0, dispatch: 0 };

  before(async () => {
    const found = extractEntities(posts("ledger").at(-1)!.content);
    assert.deepEqual([...new Set(found.map((e) => `${e.type}:${e.canonical}`))], [`organization:${burstName}`], "the extractor finds the run's organisation and nothing else");
    burst.word = found[0]!.canonical;
    burst.id = entityId("organization", burst.word);
    assert.deepEqual(extractEntities(posts("ledger")[0]!.content), [], "the quiet articles mention no entity");
    await Promise.all([send(posts("ledger")), send(posts("dispatch"))]);
    for (const harbour of posts("ledger").filter((p) => p.publishedAt?.startsWith(harbourDay))) {
      assert.deepEqual([...new Set(extractEntities(harbour.content).map((e) => e.type))], ["organization"], harbour.content);
    }
    const total = (pub: keyof typeof names) => QUIET_PER_DAY * baselineDays.length + ON_DAY[pub] + (pub === "ledger" ? HARBOURS.length : 0);
    keys.ledger = await publicationNamed(names.ledger, total("ledger"), 180_000);
    keys.dispatch = await publicationNamed(names.dispatch, total("dispatch"), 180_000);
    mentions.ledger = (await countOf(paths.entity(keys.ledger, burst.id))) ?? 0;
    mentions.dispatch = (await countOf(paths.entity(keys.dispatch, burst.id))) ?? 0;
    assert.deepEqual(mentions, { ledger: 2 * ON_DAY.ledger, dispatch: 2 * ON_DAY.dispatch }, "each article mentions the burst twice");
    await folded(burst.id, mentions.ledger + mentions.dispatch);
    for (const name of HARBOURS) await folded(entityId("organization", name), 2);
    session = await startSession();
  });

  after(async () => {
    await session?.close();
    for (const key of Object.values(keys)) if (key) await removePublication(key);
  });

  const allCard = (p: Page) => p.locator('#all-card article.card[data-scope="all"]');

  /** The overview: the card's count is global/totals', its bars the top of entities/, its Rising panel today's; on the day, led by the burst. */
  async function checkCard(p: Page): Promise<void> {
    await p.goto(session.url());
    const card = allCard(p);
    await card.waitFor();
    // First on the overview: before every publication's card.
    assert.equal(await p.evaluate(() => document.querySelector(".cards-section article.card")?.getAttribute("data-scope")), "all");
    assert.equal(await card.locator(".card-title").textContent(), "All publications");
    // The card's count and bars against Firestore as it is now, asked again while the stack's folds move them.
    await card.locator('.card-charts[data-state="data"] g.bar').first().waitFor();
    let shown: unknown[] = [];
    let stored: unknown[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await p.waitForTimeout(500)) {
      const totals = (await db().doc(paths.globalTotals()).get()).get("articleCount") as number;
      assert.ok(totals >= 2 * QUIET_PER_DAY * baselineDays.length + ON_DAY.ledger + ON_DAY.dispatch, `global/totals counts this run's articles (${totals})`);
      const count = await card.locator('[data-role="article-count"] strong').getAttribute("data-value");
      // The bars: the top of entities/ as Firestore orders it (count desc, then id desc).
      const bars = await card.locator("g.bar").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-entity-id")));
      const top = await db().collection("entities").orderBy("count", "desc").orderBy("__name__", "desc").limit(bars.length).get();
      shown = [Number(count), bars];
      stored = [totals, top.docs.map((d) => d.id)];
      if (JSON.stringify(shown) === JSON.stringify(stored)) break;
    }
    assert.deepEqual(shown, stored, "the card's article count and bars: global/totals and the top of entities/");
    const barLinks = await card.locator("a.chart-link").evaluateAll((as) => as.map((a) => new URL(a.getAttribute("href")!, location.href).searchParams.toString()));
    assert.ok(barLinks.length > 0 && barLinks.every((q) => !q.includes("pub=") && q.includes("entity=")), barLinks.join(" "));
    // The Rising panel over all publications: today's (whatever every suite posted today) by default.
    const rising = card.locator(".card-rising");
    await rising.locator('.rising-list, .rising-none').first().waitFor({ timeout: 90_000 }); // a cold API worker's first rising answer took 48 s on a loaded machine
    assert.match((await rising.locator(".rising-title").textContent()) ?? "", /^Rising today \d{4}-\d{2}-\d{2}$/);
    // On the day (?day=, kept as the view changes): the burst first, in all ten of the day's articles, none before.
    await p.goto(session.url({ day }));
    await rising.locator("li").first().waitFor();
    assert.equal(await rising.getAttribute("data-state"), "data");
    assert.equal(await rising.locator(".rising-title").textContent(), `Rising on ${day}`);
    const first = rising.locator("li").first();
    assert.equal(await first.getAttribute("data-entity-id"), burst.id);
    const n = ON_DAY.ledger + ON_DAY.dispatch;
    assert.equal(await first.locator(".rising-why").textContent(), `${n} of ${n} articles (100%), against 0% from ${baselineDays[0]} to ${baselineDays.at(-1)}`);
    const link = first.locator("a.entity-link");
    assert.equal(await link.getAttribute("data-scope"), "all");
    assert.equal(await link.textContent(), burst.word);
  }

  /** The entity view over all publications: its totals the sum of the two publications', both listed with their counts. */
  async function checkGlobalEntity(p: Page): Promise<void> {
    const view = p.locator('#entity[data-scope="all"][data-state="data"]');
    await view.waitFor();
    assert.equal(await view.locator('[data-role="entity-title"]').textContent(), burst.word);
    assert.match((await view.locator('[data-role="entity-sub"]').textContent()) ?? "", / in all publications: /);
    assert.equal(await view.locator('[data-role="entity-mentions"]').getAttribute("data-value"), String(mentions.ledger + mentions.dispatch));
    await view.locator("figure.series svg").waitFor();
    await view.locator('.entity-elsewhere[data-state="data"]').waitFor();
    const listed = await view.locator("ol.elsewhere li").evaluateAll((lis) => lis.map((li) => ({ pub: li.getAttribute("data-pub-key"), mentions: Number(li.getAttribute("data-mentions")) })));
    assert.deepEqual(listed, [
      { pub: keys.ledger, mentions: mentions.ledger },
      { pub: keys.dispatch, mentions: mentions.dispatch },
    ]);
    assert.equal(await view.locator(".entity-articles").isHidden(), true, "articles are listed in a publication's view");
  }

  /** Firestore's ranking over all publications (entities/, count desc then id desc), page `n` (1-based). */
  async function rankedAll(n: number) {
    const snap = await db().collection("entities").orderBy("count", "desc").orderBy("__name__", "desc").offset((n - 1) * PAGE).limit(PAGE).get();
    return snap.docs.map((d, i) => [(n - 1) * PAGE + i + 1, d.id, d.get("count") as number]);
  }

  /** Page `n` of the side panel over all publications, as shown from the server, equals Firestore's (asked again while the counts move). */
  async function listMatches(p: Page, n: number): Promise<void> {
    let shown: unknown[] = [];
    let expected: unknown[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await p.waitForTimeout(500)) {
      await p.waitForFunction((n) => {
        const panel = document.querySelector<HTMLElement>('#panel[data-scope="all"]');
        return panel?.dataset.state === "data" && panel.dataset.fromCache === "false" && (panel.querySelector('[data-role="page-info"]')?.textContent ?? "").startsWith(`Page ${n} `);
      }, n);
      shown = await p.locator("#panel ol.ranking li").evaluateAll((lis) => lis.map((li) => [Number(li.getAttribute("data-rank")), li.getAttribute("data-entity-id"), Number(li.getAttribute("data-count"))]));
      expected = await rankedAll(n);
      if (JSON.stringify(shown) === JSON.stringify(expected)) return;
    }
    assert.deepEqual(shown, expected, `page ${n} of the list over all publications`);
  }

  /** The card's ranked list: entities/ in Firestore's order, paged, /v1/entities' CSV, no search or compare, a row opening the entity over all publications. */
  async function checkList(p: Page): Promise<void> {
    await p.goto(session.url());
    const open = allCard(p).locator("button.open-list");
    await open.click();
    const panel = p.locator('#panel[data-scope="all"]');
    await panel.waitFor();
    assert.equal(await panel.locator('[data-role="panel-title"]').textContent(), "All publications");
    assert.equal(new URL(p.url()).searchParams.get("list"), "all");
    assert.equal(await open.getAttribute("aria-pressed"), "true");
    await listMatches(p, 1);
    const button = (action: "prev" | "next") => panel.locator(`button[data-action="${action}"]`);
    assert.ok(await button("prev").isDisabled());
    // This run's harbours and burst alone make more than a page.
    await button("next").click();
    await listMatches(p, 2);
    assert.ok(await button("prev").isEnabled());
    await button("prev").click();
    await listMatches(p, 1);
    // The CSV: the read API's route over all publications, and it answers with the same ranking.
    const href = await panel.locator('a[data-role="csv"]').getAttribute("href");
    assert.equal(href, "/api/v1/entities?by=mentions&limit=100&format=csv");
    const csv = await p.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
    }, href!);
    assert.equal(csv.status, 200, csv.text);
    assert.match(csv.type, /^text\/csv/);
    const [header, ...lines] = csv.text.trim().split(/\r?\n/);
    assert.equal(header, "rank,id,word,type,mentions,articles");
    assert.deepEqual(lines.slice(0, PAGE).map((l) => l.split(",")).map(([rank, id, , , mentions]) => [Number(rank), id, Number(mentions)]), await rankedAll(1));
    // Search and compare work within a publication: disabled and hidden here, with a note saying so.
    assert.ok(await p.locator("#search-input").isDisabled());
    assert.ok(await p.locator('#search [data-role="scope-note"]').isVisible());
    assert.ok(await p.locator("#compare-form").isHidden());
    // A row opens its entity over all publications (no pub); the list stays.
    const row = panel.locator("ol.ranking li").first();
    const id = await row.getAttribute("data-entity-id");
    const link = row.locator("a.entity-link");
    assert.equal(await link.getAttribute("data-scope"), "all");
    await link.click();
    await p.locator(`#entity[data-scope="all"][data-entity-id="${id}"][data-state="data"]`).waitFor();
    const url = new URL(p.url());
    assert.deepEqual([url.searchParams.get("pub"), url.searchParams.get("entity"), url.searchParams.get("list")], [null, id, "all"]);
    await listMatches(p, 1);
  }

  it("shows the card first on a desktop, the burst rising, and opens the entity over all publications, then in a publication", async () => {
    const page = await session.page({ width: 1280, height: 1000 });
    await checkCard(page);
    await screenshot(page, "dashboard-all-publications");
    await allCard(page).locator(`.card-rising a.entity-link[data-entity-id="${burst.id}"]`).click();
    await checkGlobalEntity(page);
    let url = new URL(page.url());
    assert.deepEqual([url.searchParams.get("pub"), url.searchParams.get("entity"), url.searchParams.get("day")], [null, burst.id, day]);
    await screenshot(page, "entity-all-publications");
    // Each publication listed opens the entity's view there (the existing one, with its articles).
    await page.locator(`#entity ol.elsewhere li[data-pub-key="${keys.dispatch}"] a.entity-link`).click();
    await page.locator(`#entity[data-pub-key="${keys.dispatch}"] .entity-articles[data-state="data"]`).waitFor();
    url = new URL(page.url());
    assert.deepEqual([url.searchParams.get("pub"), url.searchParams.get("entity"), url.searchParams.get("day")], [keys.dispatch, burst.id, day]);
    assert.equal(await page.locator("#entity ol.articles li").count(), ON_DAY.dispatch);
    // Back: the view over all publications again, from the URL.
    await page.goBack();
    await checkGlobalEntity(page);
    // A bar of the card opens its entity over all publications too.
    const bar = allCard(page).locator("a.chart-link").first();
    const barId = await bar.getAttribute("data-entity-link");
    await bar.click();
    await page.locator(`#entity[data-scope="all"][data-entity-id="${barId}"][data-state="data"]`).waitFor();
  });

  it("lists the entities over all publications in the side panel on a desktop, from the card's Ranked list button", async () => {
    const page = await session.page({ width: 1280, height: 1000 });
    await checkList(page);
    await screenshot(page, "ranked-list-all-publications");
    // A publication's Ranked list takes the panel back (?list=all goes), and back returns to all publications'.
    await page.locator(`article.card[data-pub-key="${keys.ledger}"] button.open-list`).click();
    await page.locator(`#panel[data-pub-key="${keys.ledger}"][data-state="data"]`).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("list"), null);
    assert.ok(await page.locator("#search-input").isEnabled());
    await page.goBack();
    await page.goBack();
    await page.locator('#panel[data-scope="all"][data-state="data"]').waitFor();
    assert.equal(new URL(page.url()).searchParams.get("list"), "all");
    await page.context().close();
  });

  it("fits a phone screen: the card and its Rising panel readable, the entity view over all publications from its address", async () => {
    const phone = await session.page({ width: 390, height: 844 }, { mobile: true });
    await checkCard(phone);
    const wide = () =>
      phone.evaluate(() => {
        const wider = [...document.querySelectorAll("#all-card *, #entity *, #panel *, #search *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length > 0);
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wider: wider.length };
      });
    let w = await wide();
    assert.ok(w.scrollWidth <= w.innerWidth && w.wider === 0, JSON.stringify(w));
    await screenshot(phone, "dashboard-phone-all-publications");
    await phone.goto(session.url({ entity: burst.id }));
    await checkGlobalEntity(phone);
    w = await wide();
    assert.ok(w.scrollWidth <= w.innerWidth && w.wider === 0, JSON.stringify(w));
    await screenshot(phone, "entity-phone-all-publications");
    await checkList(phone);
    w = await wide();
    assert.ok(w.scrollWidth <= w.innerWidth && w.wider === 0, JSON.stringify(w));
    await screenshot(phone, "ranked-list-phone-all-publications");
    await phone.context().close();
  });

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
