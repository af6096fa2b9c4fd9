// The All-publications card (issue 22 §1, §3): first on the overview, live
// from global/totals and the top of entities/ (the rollup's fold over every
// publication), with its Rising panel from /v1/rising without pub, and the
// entity view over all publications it links to, which lists the publications
// that mention the entity, each a link to its entity view there. Seeded by
// posting to the ingest endpoint: two publications of this run, 28 quiet days,
// then on the day after them an organisation of this run in every article of
// both; the test waits for the pipeline to count them and the rollup to fold
// them. The global counts are shared by every suite on the stack and never
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
  return [...quiet, ...burst];
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
    const total = (pub: keyof typeof names) => QUIET_PER_DAY * baselineDays.length + ON_DAY[pub];
    keys.ledger = await publicationNamed(names.ledger, total("ledger"), 180_000);
    keys.dispatch = await publicationNamed(names.dispatch, total("dispatch"), 180_000);
    mentions.ledger = (await countOf(paths.entity(keys.ledger, burst.id))) ?? 0;
    mentions.dispatch = (await countOf(paths.entity(keys.dispatch, burst.id))) ?? 0;
    assert.deepEqual(mentions, { ledger: 2 * ON_DAY.ledger, dispatch: 2 * ON_DAY.dispatch }, "each article mentions the burst twice");
    await folded(burst.id, mentions.ledger + mentions.dispatch);
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
    const totals = (await db().doc(paths.globalTotals()).get()).get("articleCount") as number;
    assert.ok(totals >= 2 * QUIET_PER_DAY * baselineDays.length + ON_DAY.ledger + ON_DAY.dispatch, `global/totals counts this run's articles (${totals})`);
    await p.waitForFunction((n) => document.querySelector('#all-card [data-role="article-count"] strong')?.getAttribute("data-value") === String(n), totals);
    // The bars: the top of entities/ as Firestore orders it (count desc, then id desc), each a link over all publications.
    await card.locator('.card-charts[data-state="data"] g.bar').first().waitFor();
    const bars = await card.locator("g.bar").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-entity-id")));
    const top = await db().collection("entities").orderBy("count", "desc").orderBy("__name__", "desc").limit(bars.length).get();
    assert.deepEqual(bars, top.docs.map((d) => d.id));
    const barLinks = await card.locator("a.chart-link").evaluateAll((as) => as.map((a) => new URL(a.getAttribute("href")!, location.href).searchParams.toString()));
    assert.ok(barLinks.length > 0 && barLinks.every((q) => !q.includes("pub=") && q.includes("entity=")), barLinks.join(" "));
    // The Rising panel over all publications: today's (whatever every suite posted today) by default.
    const rising = card.locator(".card-rising");
    await rising.locator('.rising-list, .rising-none').first().waitFor();
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

  it("fits a phone screen: the card and its Rising panel readable, the entity view over all publications from its address", async () => {
    const phone = await session.page({ width: 390, height: 844 }, { mobile: true });
    await checkCard(phone);
    const wide = () =>
      phone.evaluate(() => {
        const wider = [...document.querySelectorAll("#all-card *, #entity *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length > 0);
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
    await phone.context().close();
  });

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
