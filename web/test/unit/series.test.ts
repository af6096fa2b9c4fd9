import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SeriesPoint } from "../../src/data/api-types.ts";
import { formatShare } from "../../src/logic/format.ts";
import { seriesColumns, share } from "../../src/logic/series.ts";

const series: SeriesPoint[] = [
  { day: "2026-03-01", mentions: 6, articles: 2, publicationArticles: 10 },
  { day: "2026-03-02", mentions: 0, articles: 0, publicationArticles: 0 },
  { day: "2026-03-03", mentions: 1, articles: 1, publicationArticles: 40 },
];

describe("an entity's series", () => {
  it("as mentions per day", () => {
    const { unit, columns } = seriesColumns(series, "mentions", 60);
    assert.equal(unit, "day");
    assert.deepEqual(columns.map((c) => c.value), [6, 0, 1]);
    assert.match(columns[0]!.title, /6 mentions in 2 articles/);
  });

  it("as a share of the publication's articles; no articles is no value, not 0%", () => {
    const { columns, format } = seriesColumns(series, "share", 60);
    assert.deepEqual(columns.map((c) => c.value), [0.2, null, 0.025]);
    assert.equal(format(0.2), "20%");
    assert.match(columns[2]!.title, /2\.5% \(1 of 40 articles\)/);
    assert.match(columns[1]!.title, /no articles/);
  });

  it("sums a bucket before dividing (busy days weigh more)", () => {
    const { unit, columns } = seriesColumns(series, "share", 1);
    assert.equal(unit, "month", "2026-03-01 is a Sunday: the days span two weeks");
    assert.deepEqual(columns.map((c) => c.value), [3 / 50]);
  });

  it("share and its format", () => {
    assert.equal(share(1, 0), null);
    assert.equal(share(3, 4), 0.75);
    assert.deepEqual([0, 0.0042, 0.042, 0.42, 1].map(formatShare), ["0%", "0.42%", "4.2%", "42%", "100%"]);
  });
});
