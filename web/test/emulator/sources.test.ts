// The operator's Sources screen end to end: feed sources seeded straight into
// the Firestore emulator (the documents @newsroom/store/sources writes), read
// by the page through the API's GET /v1/sources behind Hosting's /api rewrite
// with the operator's key, in Debian's headless Chromium at a desktop and a
// phone width. What the feeds said (an error holding markup) must show as text.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { paths, sourceId, type SourceDoc, type SourceKind } from "@newsroom/core/firestore-schema";
import { sourceDocument } from "@newsroom/store/sources";
import type { ApiSource as FullSource } from "../../src/data/api-types.ts";
import { orderSources } from "../../src/logic/sources.ts";
import { requireEnv } from "./support/env.ts";
import { db } from "./support/seed.ts";
import { startSession, type Session, type Viewport } from "./support/session.ts";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../../artifacts");
const run = randomUUID().slice(0, 6);
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;
const HOSTILE = `HTTP 503 from upstream <img src=x onerror=alert(1)> <script>alert(2)</script> & "quotes"`;
const DESKTOP: Viewport = { width: 1280, height: 1000 };
const PHONE: Viewport = { width: 390, height: 844 };

const dayAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
/** Items per day for the last 30 days (today is 0 days ago), the days with none left out as the poller leaves them. */
function lastDays(items: (daysAgo: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let ago = 29; ago >= 0; ago--) if (items(ago) > 0) out[dayAgo(ago)] = items(ago);
  return out;
}

type Seed = { publication: string; url: string; kind: SourceKind; title?: string; days: Record<string, number>; extra?: Partial<SourceDoc<Date>> };

const SEEDS = {
  // Items every day, about as many today.
  steady: { publication: `Steady Ledger ${run}`, url: `https://steady-${run}.example/feed.xml`, kind: "rss", title: "Steady <b>Ledger</b> — all the news", days: lastDays((ago) => 4 + (ago % 3)) },
  // Items every day but none today.
  silent: { publication: `Silent Courier ${run}`, url: `https://silent-${run}.example/atom.xml`, kind: "atom", days: lastDays((ago) => (ago === 0 ? 0 : 5 + (ago % 2))) },
  // Polls failing, with an error that holds markup.
  failing: {
    publication: `Broken Wire ${run}`,
    url: `https://broken-${run}.example/news-sitemap.xml`,
    kind: "news-sitemap",
    days: lastDays((ago) => (ago % 4) + 2),
    extra: { consecutiveFailures: 4, lastStatus: 503, lastError: HOSTILE, lastSuccessAt: new Date(Date.now() - 3 * 3_600_000) },
  },
} satisfies Record<string, Seed>;
type Name = keyof typeof SEEDS;
const NAMES = Object.keys(SEEDS) as Name[];

type ApiSource = Pick<FullSource, "id" | "publication" | "url" | "state" | "consecutiveFailures" | "health">;

describe("the Sources screen in headless Chromium", () => {
  let session: Session;
  const ids = {} as Record<Name, string>;
  /** What the API says of each seeded source, for what the page should show. */
  const answer = {} as Record<Name, ApiSource>;
  const operatorKey = requireEnv("INGEST_API_KEY");

  before(async () => {
    const now = Date.now();
    const batch = db().batch();
    for (const name of NAMES) {
      const seed: Seed = SEEDS[name];
      const doc = sourceDocument({ url: seed.url, publication: seed.publication, kind: seed.kind, ...(seed.title ? { title: seed.title } : {}) }, new Date(now - 40 * DAY_MS));
      ids[name] = sourceId(doc.pubKey, seed.url);
      batch.set(db().doc(paths.source(ids[name])), {
        ...doc,
        intervalMs: 15 * MIN_MS,
        // Not due for hours: a poller in the stack leaves them as seeded.
        nextPollAtMs: now + 6 * 3_600_000,
        lastPollAt: new Date(now - 7 * MIN_MS),
        lastSuccessAt: new Date(now - 7 * MIN_MS),
        lastStatus: 200,
        days: seed.days,
        itemsTotal: Object.values(seed.days).reduce((a, b) => a + b, 0) + 100,
        ...seed.extra,
      } satisfies SourceDoc<Date>);
    }
    await batch.commit();
    session = await startSession();
    const res = await fetch(`${session.hosting}/api/v1/sources`, { headers: { authorization: `Bearer ${operatorKey}` } });
    const body = await res.text();
    assert.equal(res.status, 200, body);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const listed = (JSON.parse(body) as { sources: ApiSource[] }).sources;
    for (const name of NAMES) {
      const s = listed.find((x) => x.id === ids[name]);
      assert.ok(s, `the API lists ${name}`);
      answer[name] = s;
    }
  });

  after(async () => {
    await session?.close();
    for (const id of Object.values(ids)) await db().doc(paths.source(id)).delete();
  });

  async function newPage(viewport: Viewport, mobile = false, watchErrors = true): Promise<Page> {
    const page = await session.page(viewport, { mobile, watchErrors });
    // An alert would mean a feed's text ran as markup.
    page.on("dialog", (d) => {
      session.problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  }

  const view = (p: Page) => p.locator("#sources");
  const card = (p: Page, name: Name) => p.locator(`#sources article.source[data-source-id="${ids[name]}"]`);

  async function enterKey(p: Page, key: string): Promise<void> {
    await p.locator('#sources [data-role="key-form"]').waitFor();
    await p.locator("#operator-key").fill(key);
    await p.locator('#sources button[data-action="use-key"]').click();
  }

  async function expectListed(p: Page): Promise<void> {
    await p.locator('#sources[data-state="data"]').waitFor();
    for (const name of NAMES) {
      const c = card(p, name);
      await c.waitFor();
      assert.equal(await c.locator('[data-role="publication"]').textContent(), SEEDS[name].publication);
      assert.equal(await c.locator('[data-role="url"]').textContent(), SEEDS[name].url);
      assert.equal(await c.getAttribute("data-flag"), answer[name].health.flag);
    }
  }

  async function expectFits(p: Page): Promise<void> {
    const layout = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    assert.ok(layout.scrollWidth <= layout.innerWidth, `no horizontal scrolling (${layout.scrollWidth} > ${layout.innerWidth})`);
  }

  async function screenshot(p: Page, file: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await p.screenshot({ path: path.join(ARTIFACTS, `${file}.png`), fullPage: true });
  }

  it("is reached from the dashboard's navigation and asks for the operator's key first", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(session.url());
    await page.locator('nav.screens a[data-screen="sources"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("view") === "sources");
    await page.locator('#sources[data-state="no-key"]').waitFor();
    assert.equal(await page.locator("main.layout").isVisible(), false, "the publications are put away");
    assert.equal(await page.locator('nav.screens a[data-screen="sources"]').getAttribute("aria-current"), "page");
    assert.equal(await page.locator("#operator-key").getAttribute("type"), "password");
    // Back to the publications, and forward again, by the browser's buttons.
    await page.goBack();
    await page.locator("main.layout").waitFor();
    assert.equal(await view(page).isVisible(), false);
    await page.goForward();
    await page.locator('#sources[data-state="no-key"]').waitFor();
    await page.context().close();
  });

  it("lists every seeded source on a desktop: the silent one flagged with its reason, errors as text, 30 days charted", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(session.url({ view: "sources" }));
    await enterKey(page, operatorKey);
    await expectListed(page);

    // Flagged first, then failing, then the rest (others' sources may sit between).
    const order = await page.locator("#sources article.source").evaluateAll((as) => as.map((a) => a.getAttribute("data-source-id")));
    const mine = order.filter((id) => Object.values(ids).includes(id ?? ""));
    assert.deepEqual(mine, orderSources(Object.values(answer)).map((s) => s.id), "in logic/sources.ts's order of what the API said");
    assert.ok(mine.indexOf(ids.silent) < mine.indexOf(ids.steady), "the silent one before the steady one");
    assert.ok(mine.indexOf(ids.failing) < mine.indexOf(ids.steady), "the failing one before the steady one");

    const silent = card(page, "silent");
    assert.equal(answer.silent.health.flag, "silent", `the API flags a source with items every day but none today: ${JSON.stringify(answer.silent.health)}`);
    assert.equal(await silent.getAttribute("data-flag"), "silent");
    assert.equal(await silent.locator('[data-role="flag"]').textContent(), "Silent");
    assert.ok(answer.silent.health.reason.trim().length > 0, "the API says why");
    assert.equal(await silent.locator('[data-role="health"]').textContent(), `Silent: ${answer.silent.health.reason.trim()}`);
    assert.equal(await silent.locator('[data-role="items"]').textContent(), `0 today · ${new Intl.NumberFormat("en").format(Object.values(SEEDS.silent.days).reduce((a, b) => a + b, 0) + 100)} in all`);

    const failing = card(page, "failing");
    assert.equal(await failing.locator('[data-role="error-text"]').textContent(), HOSTILE, "the error shows literally");
    assert.equal(await failing.locator('[data-role="failures"]').textContent(), "4 in a row (last: HTTP 503)");
    assert.match((await failing.locator('[data-role="last-success"]').textContent()) ?? "", /^3 hours ago$/);
    assert.equal(await page.locator("#sources img, #sources script, #sources b").count(), 0, "no markup from the API became elements");
    assert.equal(await card(page, "steady").locator('[data-role="title"]').textContent(), SEEDS.steady.title);

    const link = card(page, "steady").locator('a[data-role="url"]');
    assert.equal(await link.getAttribute("href"), SEEDS.steady.url);
    assert.deepEqual(((await link.getAttribute("rel")) ?? "").split(" ").sort(), ["nofollow", "noopener", "noreferrer"]);

    for (const name of NAMES) {
      const columns = await card(page, name).locator("figure.source-days rect.column").evaluateAll((rs) => rs.map((r) => [r.getAttribute("data-label"), Number(r.getAttribute("data-value"))]));
      assert.equal(columns.length, 30, `${name}: 30 days`);
      assert.deepEqual(columns, answer[name].health.days.map((d) => [d.day, d.items]), `${name}: the API's days, oldest first`);
      assert.equal(columns.at(-1)?.[0], dayAgo(0), "today last");
    }
    assert.equal(Object.fromEntries(await card(page, "silent").locator("rect.column").evaluateAll((rs) => rs.map((r) => [r.getAttribute("data-label"), r.getAttribute("data-value")])))[dayAgo(0)], "0");

    // The key: this tab's sessionStorage only.
    const stored = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: localStorage.length, url: location.href, cookie: document.cookie }));
    assert.deepEqual(stored.session, [operatorKey]);
    assert.equal(stored.local, 0);
    assert.ok(!stored.url.includes(operatorKey) && !stored.cookie.includes(operatorKey), "never in the URL or a cookie");
    await expectFits(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "sources");
    await page.context().close();
  });

  it("fits a phone screen: one column, every source readable, nothing wider than the screen", async () => {
    const page = await newPage(PHONE, true);
    await page.goto(session.url({ view: "sources" }));
    await enterKey(page, operatorKey);
    await expectListed(page);
    await card(page, "silent").locator('[data-role="health"]').waitFor();
    await expectFits(page);
    const widths = await page.locator("#sources article.source").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().width));
    assert.ok(widths.every((w) => w > 300 && w <= 390), `one card per row: ${widths.join(", ")}`);
    const chart = await card(page, "steady").locator("figure.source-days svg").boundingBox();
    assert.ok(chart && chart.width > 280, `the chart takes the card's width (${chart?.width})`);
    await screenshot(page, "sources-phone");
    await page.context().close();
  });

  it("says so when the key is wrong, asks again, remembers the right one for the tab, and forgets it on request", async () => {
    // The 403 is expected here: the browser logs it as an error, so this page is not watched.
    const page = await newPage(DESKTOP, false, false);
    await page.goto(session.url({ view: "sources" }));
    await enterKey(page, `not-the-key-${run}`);
    await page.locator('#sources[data-state="denied"]').waitFor();
    const message = (await page.locator('#sources [data-role="sources-message"]').textContent()) ?? "";
    assert.match(message, /That is not the operator's key\./);
    assert.ok(await page.locator("#operator-key").isVisible(), "the key is asked for again");
    assert.equal(await page.locator("#sources article.source").count(), 0);
    assert.deepEqual(await page.evaluate(() => Object.values(sessionStorage)), [], "a refused key is not kept");

    await enterKey(page, operatorKey);
    await expectListed(page);
    await page.reload();
    await expectListed(page); // the tab still has it: no prompt
    assert.equal(await page.locator("#operator-key").isVisible(), false);

    await page.locator('#sources button[data-action="forget-key"]').click();
    await page.locator('#sources[data-state="no-key"]').waitFor();
    assert.deepEqual(await page.evaluate(() => Object.values(sessionStorage)), []);
    assert.equal(await page.locator("#sources article.source").count(), 0);
    assert.ok(await page.locator("#operator-key").isVisible());
    await page.context().close();
  });

  it("says how to add a source when there are none", async () => {
    const page = await newPage(DESKTOP);
    // The stack's list holds others' sources too: this answer is the empty one.
    await page.route("**/api/v1/sources", (route) => route.fulfill({ status: 200, contentType: "application/json", headers: { "cache-control": "no-store" }, body: JSON.stringify({ sources: [] }) }));
    await page.goto(session.url({ view: "sources" }));
    await enterKey(page, operatorKey);
    await page.locator('#sources[data-state="empty"]').waitFor();
    assert.equal(
      (await page.locator('#sources [data-role="sources-message"]').textContent())?.replace(/\s+/g, " ").trim(),
      "No sources yet: add one with npm run sources -- add URL --publication NAME",
    );
    await page.context().close();
  });

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
