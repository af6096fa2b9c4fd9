// The series routes' handlers with ?bin=, on a store in memory that counts
// reads as ReadStore does (one per document asked for by id): what each bin
// answers, that the answer matches the route's schema, and what it costs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ROUTES } from "@newsroom/core/api-schema";
import type { Day, DayCounts, Year } from "@newsroom/core/firestore-schema";
import { ApiError } from "../../../src/api/errors.js";
import { days, entity } from "../../../src/api/handlers.js";
import type { EntityRow, PublicationRow, ReadStore } from "../../../src/api/read-store.js";

const PUB = "the-times";
const ID = "a".repeat(40);
// Two centuries of yearly totals (as a corpus from 1790 has), and the days of 2024 to 2026: 2026's inline,
// the others in year documents, a day of 2026 in both (its count is the sum).
const OLD = Array.from({ length: 200 }, (_, i) => String(1790 + i));
const pubYearly: Record<Year, number> = { ...Object.fromEntries(OLD.map((y) => [y, 1])), 2024: 6, 2025: 3, 2026: 6 };
const entYearly: Record<Year, DayCounts> = { ...Object.fromEntries(OLD.map((y) => [y, { m: 2, a: 1 }])), 2024: { m: 9, a: 4 }, 2025: { m: 5, a: 2 }, 2026: { m: 8, a: 5 } };
const pubDays: Record<Year, Record<Day, number>> = { 2024: { "2024-02-29": 4, "2024-03-01": 2 }, 2025: { "2025-12-29": 3 }, 2026: { "2026-01-01": 1 } };
const entDays: Record<Year, Record<Day, DayCounts>> = { 2024: { "2024-02-29": { m: 6, a: 3 }, "2024-03-01": { m: 3, a: 1 } }, 2025: { "2025-12-29": { m: 5, a: 2 } } };

function store(): ReadStore {
  const s = {
    reads: 0,
    async publication(pub: string): Promise<PublicationRow | undefined> {
      s.reads++;
      return pub === PUB ? { id: PUB, name: "The Times", articleCount: 15 + OLD.length, updatedAt: undefined as never, yearly: pubYearly, days: { "2026-01-01": 2, "2026-01-05": 3 } } : undefined;
    },
    async entity(pub: string, id: string): Promise<EntityRow | undefined> {
      s.reads++;
      return pub === PUB && id === ID ? { id, word: "Ada Lovelace", type: "person", count: 22 + 2 * OLD.length, articles: 11 + OLD.length, yearly: entYearly, days: { "2026-01-01": { m: 3, a: 2 }, "2026-01-05": { m: 5, a: 3 } } } : undefined;
    },
    async publicationYears(_pub: string, years: readonly Year[]) {
      s.reads += years.length;
      return years.map((y) => pubDays[y]);
    },
    async entityYears(_pub: string, _id: string, years: readonly Year[]) {
      s.reads += years.length;
      return years.map((y) => entDays[y]);
    },
  };
  return s as unknown as ReadStore;
}

/** The handler's answer, checked against the route's schema, and what it read. */
async function ask(route: "days" | "entity", query: Record<string, string>) {
  const st = store();
  const q = ROUTES[route].query.parse(query);
  const a = route === "days" ? await days(st, { pub: PUB }, q as never) : await entity(st, { pub: PUB, id: ID }, q as never);
  assert.ok("json" in a);
  ROUTES[route].answer.parse(a.json);
  assert.ok(st.reads <= ROUTES[route].maxReads, `${route} ${JSON.stringify(query)}: ${st.reads} reads, at most ${ROUTES[route].maxReads}`);
  return { body: a.json as any, reads: st.reads };
}

describe("series routes with ?bin=", () => {
  it("refuses a bin it does not know, saying which it knows", () => {
    for (const route of ["days", "entity"] as const) {
      const r = ROUTES[route].query.safeParse({ bin: "decade" });
      assert.ok(!r.success);
      assert.deepEqual(r.error.issues.map((i) => [i.path.join("."), i.message]), [["bin", "must be one of day, week, month, year"]]);
      assert.equal(ROUTES[route].query.parse({}).bin, "day", "day by default");
    }
  });

  it("days: per day by default, as before, saying its bin", async () => {
    const a = await ask("days", { from: "2025-01-01" });
    assert.equal(a.body.bin, "day");
    assert.deepEqual(a.body.days, [{ day: "2025-12-29", articles: 3 }, { day: "2026-01-01", articles: 3 }, { day: "2026-01-05", articles: 3 }]);
  });

  it("days: ISO weeks under their Monday and months, from the same year documents", async () => {
    const week = await ask("days", { from: "2024-01-01", bin: "week" });
    assert.equal(week.body.bin, "week");
    assert.deepEqual(week.body.days, [{ day: "2024-02-26", articles: 6 }, { day: "2025-12-29", articles: 6 }, { day: "2026-01-05", articles: 3 }]);
    assert.equal(week.reads, 1 + 3, "the totals and three year documents");
    const month = await ask("days", { from: "2024-01-01", bin: "month" });
    assert.deepEqual(month.body.days, [{ day: "2024-02", articles: 4 }, { day: "2024-03", articles: 2 }, { day: "2025-12", articles: 3 }, { day: "2026-01", articles: 6 }]);
    const clipped = await ask("days", { from: "2026-01-01", to: "2026-01-04", bin: "week" });
    assert.deepEqual(clipped.body.days, [{ day: "2025-12-29", articles: 3 }], "a bin holds only the days within from/to");
  });

  it("days: per year from the totals alone, the whole history, in one read", async () => {
    const a = await ask("days", { bin: "year" });
    assert.equal(a.reads, 1);
    assert.equal(a.body.bin, "year");
    assert.deepEqual(a.body.days, Object.entries(pubYearly).map(([day, articles]) => ({ day, articles })).sort((x, y) => (x.day < y.day ? -1 : 1)));
    assert.deepEqual(a.body.days.map((d: { day: string }) => Number(d.day)), a.body.years.map((y: { year: number }) => y.year), "the same years as `years`");
    const some = await ask("days", { from: "1800-06-01", to: "1989-01-01", bin: "year" });
    assert.equal(some.body.days.length, 190, "any span: 1800 to 1989, whole years");
  });

  it("entity: weeks across the year's end with the publication's articles beside, and years from the totals in two reads", async () => {
    const week = await ask("entity", { from: "2024-01-01", to: "2026-12-31", bin: "week" });
    assert.equal(week.body.bin, "week");
    assert.deepEqual(week.body.series, [
      { day: "2024-02-26", mentions: 9, articles: 4, publicationArticles: 6 },
      { day: "2025-12-29", mentions: 8, articles: 4, publicationArticles: 6 },
      { day: "2026-01-05", mentions: 5, articles: 3, publicationArticles: 3 },
    ]);
    assert.equal(week.reads, 2 + 2 * 3);
    const year = await ask("entity", { bin: "year" });
    assert.equal(year.reads, 2);
    assert.equal(year.body.series.length, OLD.length + 3, "the whole history, beyond the 10 years a daily series may span");
    assert.deepEqual(year.body.series.at(-1), { day: "2026", mentions: 8, articles: 5, publicationArticles: 6 });
  });

  it("keeps the daily limit for day, week and month, and refuses from after to for every bin", async () => {
    for (const bin of ["day", "week", "month"]) {
      await assert.rejects(ask("entity", { from: "1800-01-01", to: "2026-01-01", bin }), (e: unknown) => e instanceof ApiError && e.status === 400 && /227 calendar years; one request reads at most 10/.test(e.message), bin);
    }
    for (const bin of ["day", "week", "month", "year"]) {
      await assert.rejects(ask("days", { from: "2026-01-02", to: "2026-01-01", bin }), /from must not be after to/, bin);
    }
  });
});
