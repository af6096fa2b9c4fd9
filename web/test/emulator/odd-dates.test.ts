// Finding 10: a stored publishedAt of 9995-06-01 made the calendar throw, and
// the publication's card and every entity view of it broke. Ingest bounds the
// dates now, but counts stored before stay: a publication with days at the
// calendar's ends, far in the future and malformed must still render, its
// impossible days left out and said so, without a page error.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { db, entityId, seedPublication } from "./support/seed.ts";
import { screenshot } from "./support/screenshot.ts";
import { startSession, type Session } from "./support/session.ts";

const name = `Chronicle ${randomUUID().slice(0, 6)}`;

const GOOD = { "2026-03-02": 3, "2026-03-04": 2 };
// Each lands where the rollup's yearOf puts it: years/9995, years/0001, years/+010, years/junk...
const ODD = { "9995-06-01": 1, "0001-01-01": 1, "9999-12-31": 1, "+010000-01": 1, "2026-02-30": 1, junk: 1 };
const DAYS = { ...GOOD, ...ODD };
const ODD_COUNT = Object.values(ODD).length;
const zeno = entityId("person", "Zeno");

describe("impossible stored dates in headless Chromium (finding 10)", () => {
  let session: Session;
  let key = "";

  before(async () => {
    const all = Object.values(DAYS).reduce((a, b) => a + b, 0);
    const zenoDays = Object.fromEntries(Object.entries(DAYS).map(([d, n]) => [d, { m: 2 * n, a: n }]));
    key = await seedPublication(name, all, [{ word: "Zeno", type: "person", count: 2 * all, articles: all, days: zenoDays }], DAYS);
    session = await startSession();
  });

  after(async () => {
    await session?.close();
    if (key) await db().recursiveDelete(db().doc(`publications/${key}`));
  });

  for (const [label, viewport, mobile] of [["desktop", { width: 1280, height: 1000 }, false], ["phone", { width: 390, height: 844 }, true]] as const) {
    it(`draws the card and the entity view on a ${label}: the possible days, and a note of the rest`, async () => {
      const page = await session.page(viewport, { mobile });
      await page.goto(session.url({ pub: key, entity: zeno }));
      const card = page.locator(`article.card[data-pub-key="${key}"]`);
      const timeline = card.locator('.card-timeline figure.timeline[data-state="data"][data-source="days"]');
      await timeline.waitFor();
      const columns = await timeline.locator("rect.column").evaluateAll((rs) => rs.map((r) => [r.getAttribute("data-label"), Number(r.getAttribute("data-value"))]));
      assert.deepEqual(columns, [["2026-03-02", 3], ["2026-03-03", 0], ["2026-03-04", 2]]);
      assert.equal(await timeline.locator('[data-role="odd-dates"]').getAttribute("data-count"), String(ODD_COUNT), "every impossible day's article is owned up to");

      await page.locator(`#entity[data-state="data"][data-pub-key="${key}"][data-entity-id="${zeno}"]`).waitFor();
      const series = page.locator("#entity figure.series");
      const mentions = await series.locator("rect.column").evaluateAll((rs) => rs.map((r) => [r.getAttribute("data-label"), Number(r.getAttribute("data-value"))]));
      assert.deepEqual(mentions, [["2026-03-02", 6], ["2026-03-03", 0], ["2026-03-04", 4]]);
      assert.ok(Number(await series.locator('[data-role="odd-dates"]').getAttribute("data-count")) > 0, "the series says what it left out");

      await page.locator('#entity label:has(input[data-series="share"])').click();
      await page.locator('#entity .entity-series[data-mode="share"] figure.series rect.column').first().waitFor();
      const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      assert.ok(layout.scrollWidth <= layout.innerWidth, `no horizontal scrolling (${layout.scrollWidth} > ${layout.innerWidth})`);
      await screenshot(page, `dashboard-odd-dates${mobile ? "-phone" : ""}`);
      await page.context().close();
    });
  }

  it("logged no errors in the browser (CSP violations included)", () => {
    assert.deepEqual(session.problems, []);
  });
});
