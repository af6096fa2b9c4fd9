import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SeriesPoint, YearPoint } from "../../../src/data/api-types.ts";
import { formatShare } from "../../../src/logic/format.ts";
import { entityHistory, seriesColumns, share, type History } from "../../../src/logic/series.ts";

const series: SeriesPoint[] = [
  { day: "2026-03-01", mentions: 6, articles: 2, publicationArticles: 10 },
  { day: "2026-03-02", mentions: 0, articles: 0, publicationArticles: 0 },
  { day: "2026-03-03", mentions: 1, articles: 1, publicationArticles: 40 },
];
const daily: History = { source: "days", finest: "day", points: series };
const range = { from: "1000-01-01", to: "2027-12-08" };
// The API sends years as numbers; an odd stored key ("+010", "junk") reaches the page as NaN at worst.
const year = (y: string, mentions: number, articles: number, publicationArticles: number): YearPoint => ({ year: Number(y), mentions, articles, publicationArticles });

describe("an entity's series", () => {
  it("as mentions per day", () => {
    const { unit, columns, skipped } = seriesColumns(daily, "mentions", 60);
    assert.equal(unit, "day");
    assert.deepEqual(columns.map((c) => c.value), [6, 0, 1]);
    assert.match(columns[0]!.title, /6 mentions in 2 articles/);
    assert.equal(skipped, 0);
  });

  it("as a share of the publication's articles; no articles is no value, not 0%", () => {
    const { columns, format } = seriesColumns(daily, "share", 60);
    assert.deepEqual(columns.map((c) => c.value), [0.2, null, 0.025]);
    assert.equal(format(0.2), "20%");
    assert.match(columns[2]!.title, /2\.5% \(1 of 40 articles\)/);
    assert.match(columns[1]!.title, /no articles/);
  });

  it("sums a bucket before dividing (busy days weigh more)", () => {
    const { unit, columns } = seriesColumns(daily, "share", 1);
    assert.equal(unit, "month", "2026-03-01 is a Sunday: the days span two weeks");
    assert.deepEqual(columns.map((c) => c.value), [3 / 50]);
  });

  it("share and its format", () => {
    assert.equal(share(1, 0), null);
    assert.equal(share(3, 4), 0.75);
    assert.deepEqual([0, 0.0042, 0.042, 0.42, 1].map(formatShare), ["0%", "0.42%", "4.2%", "42%", "100%"]);
  });

  it("leaves out mentions on impossible days, and counts them (finding 10)", () => {
    const odd: SeriesPoint[] = [...series, { day: "9995-06-01", mentions: 3, articles: 1, publicationArticles: 1 }, { day: "0001-01-01", mentions: 2, articles: 1, publicationArticles: 1 }, { day: "+010000-01", mentions: 1, articles: 1, publicationArticles: 1 }];
    const h: History = { source: "days", finest: "day", points: odd };
    const { unit, columns, skipped } = seriesColumns(h, "mentions", 90, range);
    assert.equal(unit, "day");
    assert.deepEqual(columns.map((c) => c.value), [6, 0, 1]);
    assert.equal(skipped, 6);
    assert.doesNotThrow(() => seriesColumns(h, "share", 90), "unbounded too");
  });
});

describe("an entity's whole history (the API's years)", () => {
  const recent: SeriesPoint[] = [
    { day: "2017-05-01", mentions: 1, articles: 1, publicationArticles: 3 },
    { day: "2026-03-01", mentions: 2, articles: 2, publicationArticles: 4 },
  ];
  const years = [year("1790", 4, 2, 10), year("1850", 1, 1, 5), year("2017", 1, 1, 3), year("2026", 2, 2, 4)];

  it("is shown when it reaches beyond the daily series, as years or decades", () => {
    const h = entityHistory({ series: recent, years }, range);
    assert.equal(h.source, "years");
    const cols = seriesColumns(h, "mentions", 90, range);
    assert.equal(cols.unit, "decade", "1790 to 2026 is 237 years");
    assert.deepEqual(cols.columns.filter((c) => c.value! > 0).map((c) => [c.label, c.value]), [["1790s", 4], ["1850s", 1], ["2010s", 1], ["2020s", 2]]);
    const shares = seriesColumns(h, "share", 300, range);
    assert.equal(shares.unit, "year");
    assert.equal(shares.columns[0]!.value, 0.2);
    assert.equal(shares.columns[1]!.value, null, "1791: no articles");
  });

  it("the daily series otherwise: when the years span no more, or are missing", () => {
    assert.equal(entityHistory({ series: recent, years: [year("2017", 1, 1, 3), year("2026", 2, 2, 4)] }, range).source, "days");
    assert.equal(entityHistory({ series: recent }, range).source, "days", "an API without years");
    assert.equal(entityHistory({ series: recent, years: [] }, range).source, "days");
    assert.equal(entityHistory({ series: [], years: [year("2026", 2, 2, 4)] }, range).source, "years", "no series at all");
    assert.equal(entityHistory({ series: [], years: [] }, range).source, "days");
  });

  it("compares what can be drawn: an impossible year reaches nowhere", () => {
    const odd = [year("9995", 1, 1, 1), year("0001", 1, 1, 1), year("+010", 1, 1, 1), year("junk", 1, 1, 1), year("2017", 1, 1, 3), year("2026", 2, 2, 4)];
    assert.equal(entityHistory({ series: recent, years: odd }, range).source, "days");
    const h = entityHistory({ series: recent, years: [year("1990", 1, 1, 1), ...odd] }, range);
    assert.equal(h.source, "years");
    assert.equal(seriesColumns(h, "mentions", 90, range).skipped, 4);
  });
});
