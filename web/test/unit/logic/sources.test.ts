import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ApiSource } from "../../../src/data/api-types.ts";
import {
  attention,
  dayColumns,
  daysSummary,
  failuresLine,
  formatInterval,
  formatRate,
  healthLine,
  itemsLine,
  keyRefusal,
  kindLabel,
  linkableUrl,
  listSummary,
  orderSources,
  pollLine,
  relativeTime,
  usualRate,
  whenLine,
} from "../../../src/logic/sources.ts";
import { parseView, sameView, isNavigation, serialiseView, EMPTY_VIEW, screenOf } from "../../../src/logic/urlState.ts";

const NOW = Date.parse("2026-03-06T12:00:00Z");
const MIN = 60_000;

function days(counts: number[], last = "2026-03-06"): Array<{ day: string; items: number }> {
  const end = Date.parse(`${last}T00:00:00Z`);
  return counts.map((items, i) => ({ day: new Date(end - (counts.length - 1 - i) * 86_400_000).toISOString().slice(0, 10), items }));
}

function source(over: Partial<ApiSource> & { flag?: ApiSource["health"]["flag"] } = {}): ApiSource {
  const { flag = "ok", ...rest } = over;
  return {
    id: "0123456789abcdef0123",
    publication: "Gazette",
    url: "https://gazette.example/feed.xml",
    addedUrl: "https://gazette.example/feed.xml",
    kind: "rss",
    title: null,
    state: "active",
    addedAt: "2026-01-01T00:00:00.000Z",
    lastPollAt: new Date(NOW - 5 * MIN).toISOString(),
    lastSuccessAt: new Date(NOW - 5 * MIN).toISOString(),
    lastStatus: 200,
    consecutiveFailures: 0,
    lastError: null,
    nextPollAt: new Date(NOW + 10 * MIN).toISOString(),
    intervalMinutes: 15,
    itemsTotal: 1204,
    health: { days: days(Array(30).fill(4)), mean: 4.2, sd: 1.08, today: 3, flag, reason: "" },
    ...rest,
  };
}

describe("sources: order", () => {
  it("puts flagged sources first, then failing ones, then the rest, each by publication", () => {
    const list = [
      source({ publication: "Zeta", id: "a" }),
      source({ publication: "alpha", id: "b" }),
      source({ publication: "Mid", id: "c", consecutiveFailures: 2 }),
      source({ publication: "Yonder", id: "d", flag: "silent" }),
      source({ publication: "Beta", id: "e", flag: "unusual" }),
      source({ publication: "Aardvark", id: "f", state: "gone" }),
      source({ publication: "Beta", id: "g", flag: "new" }),
    ];
    assert.deepEqual(orderSources(list).map((s) => s.id), ["e", "d", "f", "c", "b", "g", "a"]);
    assert.deepEqual(list.map((s) => s.id), ["a", "b", "c", "d", "e", "f", "g"], "the input is left as it was");
  });

  it("orders one publication's sources by URL, and publications without regard to case", () => {
    const list = [
      source({ publication: "Herald", url: "https://h.example/b", id: "2" }),
      source({ publication: "herald", url: "https://h.example/a", id: "1" }),
      source({ publication: "Gazette 10", id: "4" }),
      source({ publication: "Gazette 9", id: "3" }),
    ];
    assert.deepEqual(orderSources(list).map((s) => s.id), ["3", "4", "1", "2"]);
  });

  it("ranks attention: flagged 0, failing 1, the rest 2", () => {
    assert.equal(attention(source({ flag: "silent", consecutiveFailures: 3 })), 0);
    assert.equal(attention(source({ consecutiveFailures: 1 })), 1);
    assert.equal(attention(source({ state: "paused" })), 2);
    assert.equal(attention(source({ flag: "new" })), 2);
  });
});

describe("sources: health", () => {
  it("says the flag and the API's reason as it is", () => {
    assert.equal(healthLine({ flag: "silent", reason: "no items today; usually 4.2 a day" }), "Silent: no items today; usually 4.2 a day");
    assert.equal(healthLine({ flag: "unusual", reason: "  19 today, outside 4.2 ± 2.2  " }), "Unusual: 19 today, outside 4.2 ± 2.2");
    assert.equal(healthLine({ flag: "ok", reason: "" }), "OK");
    assert.equal(healthLine({ flag: "new", reason: "2 days of history" }), "New: 2 days of history");
    const hostile = "<img src=x onerror=alert(1)>";
    assert.equal(healthLine({ flag: "unusual", reason: hostile }), `Unusual: ${hostile}`, "text, not escaped or dropped: the view puts it in as text");
  });

  it("says the usual day", () => {
    assert.equal(usualRate({ mean: 4.2, sd: 1.08 }), "usually 4.2 ± 1.1 a day");
    assert.equal(usualRate({ mean: 12.34, sd: 0 }), "usually 12 ± 0 a day");
    assert.equal(usualRate({ mean: 0, sd: 0 }), "", "none before there is history");
  });

  it("formats rates with the digits that matter", () => {
    assert.equal(formatRate(4.24), "4.2");
    assert.equal(formatRate(4), "4");
    assert.equal(formatRate(0.04), "0");
    assert.equal(formatRate(1234.5), "1,235");
    assert.equal(formatRate(Number.NaN), "?");
  });

  it("makes the 30 days chart columns, today marked as so far", () => {
    const cols = dayColumns({ days: days([1, 0, 2], "2026-03-06") }, "2026-03-06");
    assert.deepEqual(cols, [
      { label: "2026-03-04", value: 1, title: "2026-03-04: 1 item" },
      { label: "2026-03-05", value: 0, title: "2026-03-05: 0 items" },
      { label: "2026-03-06", value: 2, title: "2026-03-06 (today, so far): 2 items" },
    ]);
    assert.equal(dayColumns(source().health, "2026-03-06").length, 30);
    assert.equal(daysSummary(cols), "Items per day, 2026-03-04 to 2026-03-06: 3 in all, most 2 (2026-03-06)");
    assert.equal(daysSummary([]), "Items per day: none recorded yet");
  });
});

describe("sources: lines", () => {
  it("says items today and in all", () => {
    assert.equal(itemsLine(source()), "3 today · 1,204 in all");
  });

  it("says failures in a row with the last HTTP status", () => {
    assert.equal(failuresLine({ consecutiveFailures: 0, lastStatus: 200 }), "None");
    assert.equal(failuresLine({ consecutiveFailures: 3, lastStatus: 503 }), "3 in a row (last: HTTP 503)");
    assert.equal(failuresLine({ consecutiveFailures: 1, lastStatus: null }), "1 in a row");
    assert.equal(failuresLine({ consecutiveFailures: 2, lastStatus: 200 }), "2 in a row", "a 200 that failed to parse has no HTTP error to name");
  });

  it("says how the source is polled", () => {
    assert.equal(pollLine(source(), NOW), "Active · every 15 min · next in 10 minutes");
    assert.equal(pollLine(source({ nextPollAt: new Date(NOW - MIN).toISOString() }), NOW), "Active · every 15 min · due now");
    assert.equal(pollLine(source({ state: "paused", nextPollAt: null }), NOW), "Paused: not polled");
    assert.match(pollLine(source({ state: "gone", nextPollAt: null }), NOW), /^Gone \(the feed answered 410\)/);
    assert.equal(formatInterval(90), "1 h 30 min");
    assert.equal(formatInterval(120), "2 h");
    assert.equal(formatInterval(1440), "1 day");
    assert.equal(formatInterval(7.5), "7.5 min");
  });

  it("says when, relative to now", () => {
    assert.equal(relativeTime(NOW - 10_000, NOW), "just now");
    assert.equal(relativeTime(NOW - 5 * MIN, NOW), "5 minutes ago");
    assert.equal(relativeTime(NOW + 3 * 60 * MIN, NOW), "in 3 hours");
    assert.equal(relativeTime(NOW - 2 * 86_400_000, NOW), "2 days ago");
    assert.equal(relativeTime(NOW - 400 * 86_400_000, NOW), "1 year ago");
    assert.equal(relativeTime(NOW - 59.6 * MIN, NOW), "1 hour ago", "not 60 minutes");
    assert.equal(whenLine(null, NOW), "never");
    assert.equal(whenLine("not a date", NOW), "never");
    assert.equal(whenLine(new Date(NOW - 90 * MIN).toISOString(), NOW), "2 hours ago");
  });

  it("names the kind", () => {
    assert.equal(kindLabel("json-feed"), "JSON Feed");
    assert.equal(kindLabel("sitemap-index"), "Sitemap index");
    assert.equal(kindLabel(null), "Not known yet");
  });

  it("links only http(s) addresses", () => {
    assert.equal(linkableUrl("https://gazette.example/feed.xml"), "https://gazette.example/feed.xml");
    assert.equal(linkableUrl("http://gazette.example/a b"), "http://gazette.example/a%20b");
    assert.equal(linkableUrl("javascript:alert(1)"), null);
    assert.equal(linkableUrl("data:text/html,<script>alert(1)</script>"), null);
    assert.equal(linkableUrl("not a url"), null);
  });

  it("sums the list up", () => {
    assert.equal(listSummary([source(), source({ flag: "new" })]), "2 sources, all well");
    assert.equal(
      listSummary([source({ flag: "silent" }), source({ flag: "unusual", consecutiveFailures: 1 }), source({ state: "paused" }), source({ state: "gone" })]),
      "4 sources: 1 silent, 1 unusual, 2 failing, 1 paused",
    );
    assert.equal(listSummary([source()]), "1 source, all well");
  });

  it("tells a refused key (401, 403) from other failures", () => {
    assert.match(keyRefusal(401) ?? "", /asked for the operator's key/);
    assert.match(keyRefusal(403) ?? "", /not the operator's key/);
    assert.equal(keyRefusal(500), null);
    assert.equal(keyRefusal(0), null);
  });
});

describe("sources: the screen in the URL (?view=sources)", () => {
  it("reads and writes it, the dashboard's views unchanged", () => {
    assert.deepEqual(parseView("?view=sources"), { ...EMPTY_VIEW, screen: "sources" });
    assert.equal(screenOf(parseView("")), "dashboard");
    assert.equal(screenOf(parseView("?view=bogus")), "dashboard");
    assert.equal(serialiseView({ ...EMPTY_VIEW, screen: "sources" }), "?view=sources");
    assert.equal(serialiseView({ ...EMPTY_VIEW, screen: "dashboard" }), "");
    assert.equal(serialiseView({ ...EMPTY_VIEW, pub: "p", screen: "sources" }, "?firestore=x&view=old"), "?firestore=x&pub=p&view=sources");
    const withPub = { ...EMPTY_VIEW, pub: "p", type: "place" as const };
    assert.deepEqual(parseView(serialiseView({ ...withPub, screen: "sources" })), { ...withPub, screen: "sources" }, "the dashboard's view is kept for coming back");
  });

  it("makes another screen a history step", () => {
    assert.equal(isNavigation(EMPTY_VIEW, { ...EMPTY_VIEW, screen: "sources" }), true);
    assert.equal(sameView(EMPTY_VIEW, { ...EMPTY_VIEW, screen: "dashboard" }), true, "absent is the dashboard");
    assert.equal(sameView(EMPTY_VIEW, { ...EMPTY_VIEW, screen: "sources" }), false);
  });
});
