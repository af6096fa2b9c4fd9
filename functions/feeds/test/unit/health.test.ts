import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addItems, HEALTH_DAYS, healthOf, sourceHealth, type DailyCounts } from "../../src/health.js";

const TODAY = "2026-12-06";
const back = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** Counts for the days before today (index 1 = yesterday) and today. */
const series = (before: number[], today: number): DailyCounts => Object.fromEntries([[TODAY, today], ...before.map((n, i) => [back(i + 1), n] as const)]);

describe("addItems", () => {
  it("adds to a day and forgets days beyond the window", () => {
    const days = addItems({ [back(40)]: 9, [back(1)]: 2 }, TODAY, 3);
    assert.deepEqual(days, { [back(1)]: 2, [TODAY]: 3 });
    assert.deepEqual(addItems(days, TODAY, 2), { [back(1)]: 2, [TODAY]: 5 });
    assert.deepEqual(addItems({}, TODAY, 0), { [TODAY]: 0 });
  });
  it("stays bounded however many days are added", () => {
    let days: DailyCounts = {};
    for (let i = 400; i >= 0; i--) days = addItems(days, back(i), 1);
    assert.equal(Object.keys(days).length, HEALTH_DAYS);
  });
});

describe("sourceHealth", () => {
  it("a steady source is ok", () => {
    const h = sourceHealth(series(Array(29).fill(10), 9), TODAY);
    assert.equal(h.flag, "ok");
    assert.equal(h.days.length, 30);
    assert.equal(h.days.at(-1)!.day, TODAY);
    assert.equal(h.mean, 10);
  });
  it("a source that stopped is silent", () => {
    const h = sourceHealth(series(Array(29).fill(4), 0), TODAY);
    assert.equal(h.flag, "silent");
    assert.match(h.reason, /no items today/);
  });
  it("a spike is unusual, a small wobble on a steady count is not", () => {
    assert.equal(sourceHealth(series([3, 5, 4, 6, 4, 5, 3, 5, 4, 5], 30), TODAY).flag, "unusual");
    assert.equal(sourceHealth(series(Array(20).fill(5), 6), TODAY).flag, "ok");
    assert.equal(sourceHealth(series(Array(20).fill(5), 20), TODAY).flag, "unusual");
  });
  it("a new source is new, and days before it was added are not counted as zeros", () => {
    assert.equal(sourceHealth(series([5, 5], 0), TODAY, { sinceDay: back(2) }).flag, "new");
    assert.equal(sourceHealth({}, TODAY, { sinceDay: TODAY }).flag, "new");
    assert.equal(sourceHealth({}, TODAY).flag, "ok", "without the day it was added, every day of the window counts");
    const h = sourceHealth(series([6, 6, 6, 6], 5), TODAY, { sinceDay: back(4) });
    assert.equal(h.mean, 6);
    assert.equal(h.flag, "ok");
  });
  it("a source that rarely has items is not silent on a day without", () => {
    const rare = Array(29).fill(0);
    rare[3] = 1;
    assert.equal(sourceHealth(series(rare, 0), TODAY).flag, "ok");
  });
});

describe("healthOf", () => {
  it("counts a stored source's history from the day it was added", () => {
    const days = series([6, 6, 6, 6, 0, 0, 0, 0], 5);
    const now = new Date(`${TODAY}T15:00:00Z`);
    assert.deepEqual(healthOf({ days, addedAt: new Date(`${back(4)}T09:00:00Z`) }, now), sourceHealth(days, TODAY, { sinceDay: back(4) }));
    assert.deepEqual(healthOf({ days }, now), sourceHealth(days, TODAY));
  });
});
