// The dates' checks of a load test, on hand-made tallies and stored counts.
import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { countPost, type PublicationTally } from "../../src/sender.ts";
import { compareDays, daysAddUp } from "../../src/verify.ts";

const tallies = (posts: Array<{ publication: string; publishedAt?: string; outcome?: "accepted" | "unknown" }>) => {
  const t = new Map<string, PublicationTally>();
  for (const p of posts) countPost(t, p, p.outcome ?? "accepted");
  return t;
};

describe("countPost", () => {
  it("splits a publication's dated posts by the UTC day they count on, and counts the undated apart", () => {
    const t = tallies([
      { publication: "A", publishedAt: "1790-07-01" },
      { publication: "A", publishedAt: "1790-07-01T23:30:00-02:00" }, // 2 July 1790, 01:30 UTC
      { publication: "A", publishedAt: "1861-07-01", outcome: "unknown" },
      { publication: "B" },
    ]);
    const a = t.get("A")!;
    assert.deepEqual([a.accepted, a.unknown, a.undated], [2, 1, 0]);
    assert.deepEqual([...a.days], [["1790-07-01", { accepted: 1, unknown: 0 }], ["1790-07-02", { accepted: 1, unknown: 0 }], ["1861-07-01", { accepted: 0, unknown: 1 }]]);
    assert.deepEqual([t.get("B")!.undated, t.get("B")!.days.size], [1, 0]);
  });
});

describe("compareDays", () => {
  const sent = tallies([
    { publication: "A", publishedAt: "1790-07-01" },
    { publication: "A", publishedAt: "1790-07-01" },
    { publication: "A", publishedAt: "2020-07-01" },
    { publication: "A", publishedAt: "1850-07-01", outcome: "unknown" },
  ]);

  it("passes when each day gained what was sent dated that day, over what it held before", () => {
    const before = new Map([["A", new Map([["1790-07-01", 5]])]]);
    const now = new Map([["A", new Map([["1790-07-01", 7], ["2020-07-01", 1], ["1850-07-01", 1]])]]);
    assert.deepEqual(compareDays(sent, before, now), { publications: 1, days: 3, first: "1790-07-01", last: "2020-07-01", mismatches: [] });
    // A post of unknown fate may or may not have counted.
    now.get("A")!.delete("1850-07-01");
    assert.deepEqual(compareDays(sent, before, now).mismatches, []);
  });

  it("names a day that lost or gained articles, and a day nothing was sent for that gained some", () => {
    const now = new Map([["A", new Map([["1790-07-01", 1], ["2020-07-01", 1], ["2026-12-07", 1]])]]);
    assert.deepEqual(compareDays(sent, new Map(), now).mismatches, [
      "A: 1 articles counted on 1790-07-01, 2 sent dated that day",
      "A: 1 articles counted on 2026-12-07, 0 sent dated that day",
    ]);
    const twice = new Map([["A", new Map([["1790-07-01", 2], ["2020-07-01", 1], ["1850-07-01", 2]])]]);
    assert.deepEqual(compareDays(sent, new Map(), twice).mismatches, ["A: 2 articles counted on 1850-07-01, 0..1 sent dated that day"]);
  });

  it("leaves out a publication with undated posts (they count on the day of receipt)", () => {
    const mixed = tallies([{ publication: "B", publishedAt: "1790-07-01" }, { publication: "B" }]);
    assert.deepEqual(compareDays(mixed, new Map(), new Map([["B", new Map([["2026-12-07", 2]])]])), { publications: 0, days: 0, mismatches: [] });
  });
});

describe("daysAddUp", () => {
  it("checks the days against each year's total and the years against articleCount", () => {
    const days = new Map([["1790-07-01", 2], ["2026-12-07", 1]]);
    assert.deepEqual(daysAddUp("A", { articleCount: 3, yearly: { "1790": 2, "2026": 1 }, days }), []);
    assert.deepEqual(daysAddUp("A", { articleCount: 4, yearly: { "1790": 3, "2026": 1 }, days }), ["A: 2 articles by day in 1790, 3 in its yearly total"]);
    assert.deepEqual(daysAddUp("A", { articleCount: 5, yearly: { "1790": 2, "2026": 1 }, days }), ["A: 3 articles by year, articleCount 5"]);
  });
});
