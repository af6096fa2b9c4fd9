// The Rising panel on each publication's card (issue 22 §3): the entities whose
// share of today's articles is well above their own over the 28 days before,
// from the read API's /v1/rising, each a link to its entity view. Seeded in
// the pipeline's layout: 28 days of a steady baseline, then a burst today for
// one organisation; a second publication has no burst. Desktop and phone.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { entityId, removePublication, seedArticles, seedPublication, type SeedArticle, type SeedEntity } from "./support/seed.ts";
import { screenshot } from "./support/screenshot.ts";
import { startSession, type Session } from "./support/session.ts";

const run = randomUUID().slice(0, 6);
const names = { gazette: `Gazette ${run}`, courier: `Quiet Courier ${run}` };
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const todayStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const today = dayOf(todayStart);
const baselineDays = Array.from({ length: 28 }, (_, i) => dayOf(todayStart - (28 - i) * DAY_MS));
const perDay = (n: number, todays: number) => Object.fromEntries([...baselineDays.map((d) => [d, n]), [today, todays]]);
const counts = (a: number, todays: number) => Object.fromEntries([...baselineDays.map((d) => [d, { m: a, a }]), [today, { m: todays, a: todays }]]);

const ids = { burst: entityId("organization", "Harbour Board"), steady: entityId("person", "Mary Steady") };
// Ten articles a day; today twelve, nine of them about the Harbour Board (one a day before), two about Mary Steady (as every day).
const entities: SeedEntity[] = [
  { word: "Harbour Board", type: "organization", count: 28 + 9, articles: 28 + 9, days: counts(1, 9) },
  { word: "Mary Steady", type: "person", count: 2 * 29, articles: 2 * 29, days: counts(2, 2) },
];
/** Today's twelve articles, newest first: the Harbour Board's nine, then Mary Steady's two, then one about neither. */
function todaysArticles(): SeedArticle[] {
  const now = Date.now();
  return Array.from({ length: 12 }, (_, i): SeedArticle => {
    const at = new Date(Math.max(todayStart + 1_000 + (12 - i), now - (i + 1) * 1_000));
    const ents = i < 9 ? [ids.burst] : i < 11 ? [ids.steady] : [];
    return { id: `${run}-today-${i}`, title: `Story ${i}`, day: today, at, receivedAt: at, ents, mentions: ents.map(() => 1) };
  });
}

describe("the Rising panel in headless Chromium", () => {
  let session: Session;
  const keys = { gazette: "", courier: "" };
  const articles = todaysArticles();

  before(async () => {
    // Many articles in all, so both cards are among the overview's first page however many publications earlier suites left.
    keys.gazette = await seedPublication(names.gazette, 300_000, entities, perDay(10, 12));
    keys.courier = await seedPublication(names.courier, 299_999, [entities[1]!], perDay(10, 12));
    await seedArticles(keys.gazette, names.gazette, articles);
    await seedArticles(keys.courier, names.courier, articles.map((a) => ({ ...a, id: `${a.id}-c`, ents: a.ents.filter((e) => e === ids.steady), mentions: a.ents.filter((e) => e === ids.steady).map(() => 1) })));
    session = await startSession();
  });

  after(async () => {
    await session?.close();
    for (const key of Object.values(keys)) if (key) await removePublication(key);
  });

  const rising = (p: Page, key: string) => p.locator(`article.card[data-pub-key="${key}"] .card-rising`);

  async function checkPanels(p: Page): Promise<void> {
    await p.goto(session.url());
    const gazette = rising(p, keys.gazette);
    // A card asks for its rising entities once it is near the screen.
    await gazette.scrollIntoViewIfNeeded();
    await gazette.locator("li").first().waitFor();
    assert.equal(await gazette.getAttribute("data-state"), "data");
    const rows = await gazette.locator("li").evaluateAll((lis) => lis.map((li) => ({ id: li.getAttribute("data-entity-id"), articles: li.getAttribute("data-articles") })));
    // The burst leads (and the steady one is not rising); its links are the nine articles, newest first, five at most.
    assert.deepEqual(rows, [{ id: ids.burst, articles: articles.slice(0, 5).map((a) => a.id).join(" ") }]);
    assert.match((await gazette.locator("li .rising-why").textContent()) ?? "", /^9 of 12 articles \(75%\), against 10% from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    const courier = rising(p, keys.courier);
    await courier.scrollIntoViewIfNeeded();
    await courier.locator(".rising-none").waitFor();
    assert.equal(await courier.getAttribute("data-state"), "empty");
  }

  it("lists the burst first on a desktop, links it to its entity view, and nothing on a card without one", async () => {
    const page = await session.page({ width: 1280, height: 1000 });
    await checkPanels(page);
    await screenshot(page, "dashboard-rising");
    await rising(page, keys.gazette).locator(`a.entity-link[data-entity-id="${ids.burst}"]`).click();
    await page.locator('#entity .entity-articles[data-state="data"]').waitFor();
    const url = new URL(page.url());
    assert.deepEqual([url.searchParams.get("pub"), url.searchParams.get("entity")], [keys.gazette, ids.burst]);
    // The entity view lists the articles behind it, newest first.
    const listed = await page.locator("#entity ol.articles li").count();
    assert.ok(listed >= 5, `the entity view lists the burst's articles (${listed})`);
  });

  it("fits a phone screen: the panel readable, nothing wider than the screen", async () => {
    const phone = await session.page({ width: 390, height: 844 }, { mobile: true });
    await checkPanels(phone);
    const w = await phone.evaluate(() => {
      const wider = [...document.querySelectorAll(".card-rising *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length > 0);
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wider: wider.length };
    });
    assert.ok(w.scrollWidth <= w.innerWidth && w.wider === 0, JSON.stringify(w));
    await rising(phone, keys.gazette).scrollIntoViewIfNeeded();
    await screenshot(phone, "dashboard-phone-rising");
    await phone.context().close();
  });

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
