import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { addItems, HEALTH_DAYS, sourceHealth, type DailyCounts } from "../../src/health.js";

const TODAY = "2024-03-31";

/** "YYYY-MM-DD" of `offset` days from TODAY (negative: before). */
function day(offset: number, from = TODAY): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Counts for the days before TODAY, oldest first, `series[series.length - 1]` being yesterday. */
function history(series: number[], today?: number): DailyCounts {
  const counts: DailyCounts = {};
  series.forEach((items, i) => {
    counts[day(i - series.length)] = items;
  });
  if (today !== undefined) counts[TODAY] = today;
  return counts;
}

/** 30 days of a steady source: 8 to 12 items a day. */
const STEADY = Array.from({ length: 30 }, (_, i) => [10, 12, 8, 11, 9][i % 5] ?? 10);

describe("HEALTH_DAYS", () => {
  it("is 30", () => assert.equal(HEALTH_DAYS, 30));
});

describe("addItems", () => {
  it("adds to a day in a new object, leaving the input alone", () => {
    const before: DailyCounts = { [day(-1)]: 4 };
    const after = addItems(before, TODAY, 3);
    assert.deepEqual(before, { [day(-1)]: 4 });
    assert.deepEqual(after, { [day(-1)]: 4, [TODAY]: 3 });
    assert.deepEqual(addItems(after, TODAY, 2), { [day(-1)]: 4, [TODAY]: 5 });
  });

  it("records the day with 0 for a poll without items; nonsense adds nothing", () => {
    assert.deepEqual(addItems({}, TODAY, 0), { [TODAY]: 0 });
    for (const items of [-3, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(addItems({ [TODAY]: 2 }, TODAY, items), { [TODAY]: 2 }, `items ${items}`);
    }
    assert.deepEqual(addItems({}, TODAY, 2.7), { [TODAY]: 2 });
  });

  it("drops days more than keepDays before the day, keeping exactly keepDays before it", () => {
    const counts = history(Array.from({ length: 40 }, () => 1));
    const kept = addItems(counts, TODAY, 1);
    assert.equal(Object.keys(kept).length, HEALTH_DAYS + 1);
    assert.ok(day(-30) in kept);
    assert.ok(!(day(-31) in kept));
    const week = addItems(counts, TODAY, 1, 7);
    assert.deepEqual(Object.keys(week), [-7, -6, -5, -4, -3, -2, -1, 0].map((o) => day(o)));
  });

  it("keeps a later day when adding late to an earlier one, but not a far-future one", () => {
    const counts = { [TODAY]: 5, [day(400)]: 9 };
    assert.deepEqual(addItems(counts, day(-2), 1), { [day(-2)]: 1, [TODAY]: 5 });
  });

  it("drops malformed keys and counts, and orders the days", () => {
    const messy = {
      [TODAY]: 1,
      "2024-02-30": 4,
      "31/03/2024": 4,
      "2024-3-30": 4,
      garbage: 4,
      [day(-1)]: -2,
      [day(-2)]: Number.NaN,
      [day(-3)]: "7" as unknown as number,
      [day(-4)]: 6,
    };
    const cleaned = addItems(messy, TODAY, 1);
    assert.deepEqual(cleaned, { [day(-4)]: 6, [TODAY]: 2 });
    assert.deepEqual(Object.keys(cleaned), [day(-4), TODAY]);
  });

  it("stays bounded over a year of polling", () => {
    let counts: DailyCounts = {};
    for (let d = -365; d <= 0; d++) {
      for (let poll = 0; poll < 3; poll++) counts = addItems(counts, day(d), poll);
      assert.ok(Object.keys(counts).length <= HEALTH_DAYS + 1);
    }
    assert.equal(counts[TODAY], 3);
  });

  it("throws RangeError for a day that is not YYYY-MM-DD", () => {
    for (const bad of ["", "2024-02-30", "2024-3-1", "yesterday", "0999-01-01", "2024-03-31T00:00:00Z"]) {
      assert.throws(() => addItems({}, bad, 1), RangeError, bad);
    }
  });
});

describe("sourceHealth", () => {
  it("lists the 30 days ending today, oldest first, zeros filled", () => {
    const health = sourceHealth({ [day(-3)]: 4, [TODAY]: 2, [day(-40)]: 9 }, TODAY);
    assert.equal(health.days.length, HEALTH_DAYS);
    assert.deepEqual(health.days[0], { day: day(-29), items: 0 });
    assert.deepEqual(health.days[26], { day: day(-3), items: 4 });
    assert.deepEqual(health.days[29], { day: TODAY, items: 2 });
    assert.equal(health.today, 2);
  });

  it("a steady source is ok, even with few items so far today", () => {
    for (const today of [0, 1, 4, 10, 12]) {
      const health = sourceHealth(history(STEADY, today), TODAY);
      assert.equal(health.flag, "ok", `today ${today}: ${health.reason}`);
    }
    const health = sourceHealth(history(STEADY, 7), TODAY);
    assert.equal(health.mean, 10);
    assert.ok(Math.abs(health.sd - Math.sqrt(2)) < 1e-9);
    assert.equal(health.reason, "7 items today so far; it averages 10 ± 1.4 a day over the 30 days before.");
  });

  it("a source that stopped is silent", () => {
    const stopped = [...STEADY.slice(0, 27), 0, 0, 0];
    const health = sourceHealth(history(stopped, 0), TODAY);
    assert.equal(health.flag, "silent");
    assert.equal(health.reason, "No items today or in the last 3 days, though it averages 9.1 a day over the 30 days before.");
    // one empty complete day is enough for a source averaging 10
    assert.equal(sourceHealth(history([...STEADY.slice(0, 29), 0], 0), TODAY).flag, "silent");
  });

  it("does not call a source silent for a partial day's zero, unless told how much of the day has passed", () => {
    const counts = history(STEADY, 0);
    assert.equal(sourceHealth(counts, TODAY).flag, "ok");
    assert.equal(sourceHealth(counts, TODAY, { dayElapsed: 0.2 }).flag, "ok", "2 items expected by now");
    const late = sourceHealth(counts, TODAY, { dayElapsed: 0.5 });
    assert.equal(late.flag, "silent", "5 items expected by now");
    assert.equal(late.reason, "No items today, though it averages 10 a day over the 30 days before.");
    assert.equal(sourceHealth(counts, TODAY, { dayElapsed: 7 }).flag, "silent", "clamped to 1");
    assert.equal(sourceHealth(counts, TODAY, { dayElapsed: Number.NaN }).flag, "ok");
  });

  it("needs longer silence from a sparse source", () => {
    const sparse = Array.from({ length: 26 }, (_, i) => (i % 2 === 0 ? 2 : 0)); // 2, 0, 2, 0, ... 0: about 1 a day
    const twoEmpty = sourceHealth(history([...sparse, 1, 2, 0, 0], 0), TODAY);
    assert.equal(twoEmpty.flag, "ok", twoEmpty.reason); // 2 days × 0.97 a day
    const fiveEmpty = sourceHealth(history([...sparse, 0, 0, 0, 0], 0), TODAY);
    assert.ok(fiveEmpty.mean < 1);
    assert.equal(fiveEmpty.flag, "silent", fiveEmpty.reason); // 5 days × 0.87 a day
    assert.match(fiveEmpty.reason, /in the last 5 days, though it averages 0.9 a day/);
  });

  it("a source with no items in any day is silent", () => {
    const health = sourceHealth(history(Array.from({ length: 10 }, () => 0), 0), TODAY);
    assert.equal(health.flag, "silent");
    assert.equal(health.reason, "No items today, nor on any of the 10 days before.");
  });

  it("a spike is unusual", () => {
    const health = sourceHealth(history(STEADY, 40), TODAY);
    assert.equal(health.flag, "unusual");
    assert.equal(health.reason, "40 items today, far above its usual 10 ± 1.4 a day over the 30 days before.");
    assert.equal(sourceHealth(history(STEADY, 12), TODAY).flag, "ok", "within mean + 2 sd (12.8)");
    assert.equal(sourceHealth(history(STEADY, 13), TODAY).flag, "unusual", "beyond mean + 2 sd");
  });

  it("floors the sd at one item: a perfectly regular source can spike, but not by one item", () => {
    const flat = Array.from({ length: 30 }, () => 5);
    assert.equal(sourceHealth(history(flat, 6), TODAY).flag, "ok");
    assert.equal(sourceHealth(history(flat, 7), TODAY).flag, "ok");
    assert.equal(sourceHealth(history(flat, 8), TODAY).flag, "unusual");
    assert.equal(sourceHealth(history(flat, 8), TODAY).sd, 0);
  });

  it("a source with fewer than 3 complete days is new, whatever today holds", () => {
    assert.equal(sourceHealth({ [TODAY]: 50 }, TODAY).flag, "new");
    const twoDays = sourceHealth({ [day(-2)]: 3, [day(-1)]: 0, [TODAY]: 0 }, TODAY);
    assert.equal(twoDays.flag, "new");
    assert.equal(twoDays.reason, "Only 2 complete days of history: too new to judge (it needs 3).");
    assert.equal(sourceHealth({ [day(-3)]: 3, [day(-2)]: 3, [day(-1)]: 3, [TODAY]: 3 }, TODAY).flag, "ok");
    assert.equal(sourceHealth(history(STEADY, 0), TODAY, { sinceDay: day(-1) }).flag, "new");
    assert.equal(sourceHealth(history(STEADY, 0), TODAY, { sinceDay: TODAY }).flag, "new");
    assert.equal(sourceHealth(history(STEADY, 0), TODAY, { sinceDay: day(5) }).flag, "new");
  });

  it("a source with no history at all is new, with zeros", () => {
    const health = sourceHealth({}, TODAY);
    assert.equal(health.flag, "new");
    assert.equal(health.reason, "No complete day of history yet: too new to judge.");
    assert.equal(health.mean, 0);
    assert.equal(health.sd, 0);
    assert.equal(health.today, 0);
    assert.equal(health.days.length, HEALTH_DAYS);
    assert.ok(health.days.every((d) => d.items === 0));
  });

  it("counts the days since the source was added as history, even without records", () => {
    // added ten days ago, nothing recorded since: ten empty days
    const health = sourceHealth({}, TODAY, { sinceDay: day(-10) });
    assert.equal(health.flag, "silent");
    assert.equal(health.reason, "No items today, nor on any of the 10 days before.");
  });

  it("does not count days before the source was added as zeros", () => {
    const fiveDays = { [day(-5)]: 10, [day(-4)]: 10, [day(-3)]: 10, [day(-2)]: 10, [day(-1)]: 10, [TODAY]: 0 };
    const added = sourceHealth(fiveDays, TODAY, { sinceDay: day(-5) });
    assert.equal(added.mean, 10);
    assert.equal(added.sd, 0);
    assert.match(added.reason, /over the 5 days before/);
    // without sinceDay the earliest recorded day is the start
    assert.equal(sourceHealth(fiveDays, TODAY).mean, 10);
    // an explicit sinceDay wins over earlier records
    const later = sourceHealth({ ...fiveDays, [day(-20)]: 0 }, TODAY, { sinceDay: day(-5) });
    assert.equal(later.mean, 10);
    // ... and before the records, the missing days are zeros
    assert.equal(sourceHealth(fiveDays, TODAY, { sinceDay: day(-10) }).mean, 5);
  });

  it("judges at most the 30 complete days before today", () => {
    const counts = history([...Array.from({ length: 30 }, () => 100), ...Array.from({ length: 30 }, () => 2)], 2);
    const health = sourceHealth(counts, TODAY, { sinceDay: day(-60) });
    assert.equal(health.mean, 2);
    assert.equal(health.flag, "ok");
  });

  it("ignores malformed keys and counts", () => {
    const counts = { ...history(STEADY, 10), nonsense: 1_000, "2024-02-31": 1_000, [day(-1)]: Number.NaN };
    const health = sourceHealth(counts, TODAY);
    assert.equal(health.flag, "ok");
    assert.ok(health.mean < 10);
  });

  it("throws RangeError for a today or sinceDay that is not YYYY-MM-DD", () => {
    assert.throws(() => sourceHealth({}, "today"), RangeError);
    assert.throws(() => sourceHealth({}, "2024-13-01"), RangeError);
    assert.throws(() => sourceHealth({}, TODAY, { sinceDay: "last week" }), RangeError);
  });

  it("crosses month and year ends", () => {
    const newYear = "2025-01-01";
    const counts: DailyCounts = {};
    for (let i = 1; i <= 30; i++) counts[day(-i, newYear)] = 4;
    counts[newYear] = 4;
    const health = sourceHealth(counts, newYear);
    assert.equal(health.days[28]?.day, "2024-12-31");
    assert.equal(health.mean, 4);
    assert.equal(health.flag, "ok");
    assert.equal(day(-1, "2024-03-01"), "2024-02-29");
  });
});
