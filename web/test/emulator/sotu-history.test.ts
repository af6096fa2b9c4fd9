// "After npm start, the dashboard's timelines span the corpus's years, binned
// so that a decade reads at a glance" (issue 22 §4), in miniature: the demo's
// own sending path (the load test with the State of the Union corpus by
// party, each article dated by its address's year) sends an even sample
// through the real ingest endpoint and verifies every day's count; then each
// party's card and an entity's view are read in headless Chromium. The
// publications carry a prefix of this run: the stack is shared with the
// suites before.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { extractEntities } from "@newsroom/core/extract";
import { entityId, publicationKey } from "@newsroom/core/keys";
import { evenSample, sotuArticles, type CorpusArticle } from "newsroom-load-test/corpus/sotu";
import { localRunOptions, runLoadTest, type LoadTestReport } from "newsroom-load-test/run";
import { requireEnv } from "./support/env.ts";
import { screenshot } from "./support/screenshot.ts";
import { ranked, removePublication } from "./support/seed.ts";
import { startSession, type Session } from "./support/session.ts";

// The fewest evenly spread articles whose last one is in the 2020s (an even sample never takes the very last article).
const SAMPLE = 150;
const prefix = `SOTU ${randomUUID().slice(0, 6)} `;
const yearOf = (a: CorpusArticle) => Number(a.publishedAt.slice(0, 4));
const decade = (year: number) => Math.floor(year / 10) * 10;

/** The years a column label covers: "1860s" a decade, "1866" or "Jul 1866" or "1866-07-01" that year. */
function labelYears(label: string): [number, number] {
  const m = /(\d{4})(s?)/.exec(label);
  assert.ok(m, `a column label with a year: ${label}`);
  const y = Number(m[1]);
  return m[2] ? [y, y + 9] : [y, y];
}

type Columns = { unit: string; source: string; columns: Array<{ label: string; value: number }> };

async function columnsOf(figure: ReturnType<Page["locator"]>): Promise<Columns> {
  await figure.waitFor();
  return {
    unit: (await figure.getAttribute("data-unit")) ?? "",
    source: (await figure.getAttribute("data-source")) ?? "",
    columns: await figure.locator("rect.column").evaluateAll((rs) => rs.map((r) => ({ label: r.getAttribute("data-label") ?? "", value: Number(r.getAttribute("data-value")) }))),
  };
}

describe("the State of the Union demo's dates on the dashboard", () => {
  let session: Session;
  let page: Page;
  let report: LoadTestReport;
  // What was sent: each publication's articles, from the same corpus and sample the load test used.
  const sent = new Map<string, CorpusArticle[]>();
  for (const a of evenSample(sotuArticles({ publication: "party" }), SAMPLE)) {
    const name = `${prefix}${a.publication}`;
    sent.set(name, [...(sent.get(name) ?? []), a]);
  }
  const span = (articles: readonly CorpusArticle[]) => [Math.min(...articles.map(yearOf)), Math.max(...articles.map(yearOf))] as const;
  // The parties with the longest runs (the Democratic and Republican parties): their cards span well over a century.
  const longest = [...sent].sort(([, a], [, b]) => span(b)[1] - span(b)[0] - (span(a)[1] - span(a)[0])).slice(0, 2).map(([name]) => name);

  before(async () => {
    const target = { ingestUrl: requireEnv("INGEST_URL"), apiKey: requireEnv("INGEST_API_KEY"), project: requireEnv("GCLOUD_PROJECT") };
    // As npm start sends them (scripts/demo.ts): the sotu corpus by party, 20 posts per request, then verified.
    report = await runLoadTest(localRunOptions(target, { corpus: { kind: "sotu", by: "party", sample: SAMPLE, prefix }, postsPerRequest: 20, verifyTimeoutMs: 3 * 60_000 }));
    session = await startSession();
    page = await session.page({ width: 1280, height: 1000 });
  });

  after(async () => {
    await session?.close();
    for (const name of sent.keys()) await removePublication(publicationKey(name));
  });

  it("counts every article sent on its address's day, from 1790 to the 2020s", () => {
    assert.equal(report.send.accepted, SAMPLE, JSON.stringify(report.send.errors));
    const v = report.verification!;
    assert.deepEqual(v.dayMismatches, []);
    assert.equal(v.pass, true, JSON.stringify(v.publications));
    const years = [...sent.values()].flat().map(yearOf);
    assert.deepEqual([v.days?.publications, v.days?.first, v.days?.last], [sent.size, `${Math.min(...years)}-07-01`, `${Math.max(...years)}-07-01`]);
    assert.equal(Math.min(...years), 1790, "the sample starts with the corpus");
    assert.equal(decade(Math.max(...years)), 2020, "and reaches its last decade");
  });

  /** The publication's card, after asking for more publications while it is not among those shown (earlier suites left many). */
  async function cardOf(key: string) {
    const card = page.locator(`article.card[data-pub-key="${key}"]`);
    for (let asked = 0; (await card.count()) === 0; asked++) {
      assert.ok(asked < 20, `no card for ${key}`);
      await page.locator(`article.card[data-pub-key="${key}"], #more:not([hidden])`).first().waitFor();
      if ((await card.count()) === 0) await page.locator("#more").click();
    }
    return card;
  }

  it("draws each party's articles from its first address's year to its last, the long ones per decade", async () => {
    await page.goto(session.url({ pub: publicationKey(longest[0]!) }));
    const covered: number[] = [];
    for (const [name, articles] of sent) {
      const card = await cardOf(publicationKey(name));
      const t = await columnsOf(card.locator('.card-timeline figure.timeline[data-state="data"]'));
      const [first, last] = span(articles);
      const what = `${name}: ${JSON.stringify(t)}`;
      assert.equal(t.columns.reduce((n, c) => n + c.value, 0), articles.length, `every article drawn: ${what}`);
      const [from, to] = [labelYears(t.columns[0]!.label), labelYears(t.columns.at(-1)!.label)];
      assert.ok(from[0] <= first && first <= from[1] && to[0] <= last && last <= to[1], `first and last columns hold ${first} and ${last}: ${what}`);
      covered.push(from[0], to[1]);
      if (longest.includes(name)) {
        assert.deepEqual([t.source, t.unit], ["years", "decade"], what);
        assert.deepEqual(t.columns.map((c) => c.label), Array.from({ length: (decade(last) - decade(first)) / 10 + 1 }, (_, i) => `${decade(first) + 10 * i}s`), `every decade, gaps included: ${what}`);
      }
    }
    assert.deepEqual([Math.min(...covered), Math.max(...covered)], [1790, 2029], "together the parties' timelines span the 1790s to the 2020s");
  });

  it("shows a party's most mentioned entity over its whole history, per decade", async () => {
    const name = longest[0]!;
    const key = publicationKey(name);
    const [top] = await ranked(key, { limit: 1 });
    assert.ok(top, `${name} has entities`);
    // Its mentions per year in the articles sent, extracted as the pipeline extracts them.
    const perYear = new Map<number, number>();
    for (const a of sent.get(name)!) {
      const mentions = extractEntities(a.content).filter((e) => entityId(e.type, e.canonical) === top.id).length;
      if (mentions > 0) perYear.set(yearOf(a), (perYear.get(yearOf(a)) ?? 0) + mentions);
    }
    const [first, last] = [Math.min(...perYear.keys()), Math.max(...perYear.keys())];

    await page.goto(session.url({ pub: key, entity: top.id }));
    // The read API answers through the Functions emulator, which a loaded machine makes slow: a minute, then what it shows.
    const view = page.locator(`#entity[data-pub-key="${key}"][data-entity-id="${top.id}"]`);
    try {
      await view.and(page.locator('[data-state="data"], [data-state="error"]')).waitFor({ timeout: 60_000 });
    } catch (err) {
      const shown = await page.locator("#entity").evaluate((el: HTMLElement) => ({ hidden: el.hidden, ...el.dataset, text: el.textContent?.slice(0, 200) }));
      const t0 = Date.now();
      const res = await fetch(`${session.hosting}/api/v1/publications/${encodeURIComponent(key)}/entities/${top.id}`);
      const api = `${res.status} in ${Date.now() - t0} ms: ${(await res.text()).slice(0, 200)}`;
      throw new Error(`the entity view did not load in a minute: it shows ${JSON.stringify(shown)}; the API answers ${api}`, { cause: err });
    }
    assert.equal(await view.getAttribute("data-state"), "data", (await view.textContent()) ?? "");
    const series = await columnsOf(page.locator("#entity figure.series"));
    const what = `${top.word} (${first} to ${last}): ${JSON.stringify(series)}`;
    assert.ok(last - first >= 100, `a history over a century: ${what}`);
    assert.deepEqual([series.source, series.unit], ["years", "decade"], what);
    // Over the publication's years (shares stay comparable), its mentions from the decade of the first to that of the last.
    const [pubFirst, pubLast] = span(sent.get(name)!);
    assert.deepEqual([series.columns[0]!.label, series.columns.at(-1)!.label], [`${decade(pubFirst)}s`, `${decade(pubLast)}s`], what);
    const mentioned = series.columns.filter((c) => c.value > 0);
    assert.deepEqual([mentioned[0]!.label, mentioned.at(-1)!.label], [`${decade(first)}s`, `${decade(last)}s`], what);
    assert.equal(series.columns.reduce((n, c) => n + c.value, 0), [...perYear.values()].reduce((a, b) => a + b, 0), `every mention drawn: ${what}`);
    assert.match((await page.locator("#entity figure.series figcaption").textContent()) ?? "", /whole history/);
    await page.locator('#entity .entity-articles[data-state="data"]').waitFor();
    await screenshot(page, "dashboard-sotu-history");
  });

  it("logged no errors in the browser", () => {
    assert.deepEqual(session.problems, []);
  });
});
