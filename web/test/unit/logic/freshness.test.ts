import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeFreshness, formatClock, freshness, incompleteness, newestArticleOf } from "../../../src/logic/freshness.ts";
import { decodeRollupStatus } from "../../../src/logic/types.ts";

const at = (hms: string) => Date.parse(`2026-03-05T${hms}Z`);
const clock = (ms: number) => formatClock(ms, at("15:00:00"), "UTC");

describe("freshness of the counts (rollup/status)", () => {
  const status = { completeThrough: at("12:34:30"), windowSeconds: 30 };

  it("complete when nothing newer is known", () => {
    assert.deepEqual(freshness(status, null), { kind: "complete", through: status.completeThrough, windowSeconds: 30, incomplete: null });
    assert.equal(freshness(status, at("12:34:29")).kind, "complete");
    assert.equal(freshness(status, status.completeThrough).kind, "complete", "received at the instant itself is counted");
    assert.equal(describeFreshness(freshness(status, null), clock), "Counts complete to 12:34:30; newer posts appear within ~30 s.");
  });

  it("pending while a newer article is known to wait", () => {
    const f = freshness(status, at("12:35:02"));
    assert.equal(f.kind, "pending");
    assert.equal(describeFreshness(f, clock), "Counting newer articles (received up to 12:35:02); counts complete to 12:34:30, the rest appear within ~30 s.");
  });

  it("before the first rollup: pending if articles exist, else nothing to say", () => {
    assert.deepEqual(freshness(null, null), { kind: "unknown" });
    assert.equal(describeFreshness(freshness(null, null), clock), "");
    assert.match(describeFreshness(freshness(null, at("12:00:00")), clock), /waiting for their first count/);
  });

  it("names the date when it is not today", () => {
    assert.equal(formatClock(Date.parse("2026-03-04T23:59:59Z"), at("15:00:00"), "UTC"), "2026-03-04 23:59:59");
  });

  it("decodes the status document, refusing what is malformed", () => {
    assert.deepEqual(decodeRollupStatus({ completeThrough: 5, windowSeconds: 20, appliedAt: {} }), { completeThrough: 5, windowSeconds: 20, appliedThrough: null, failures: [] });
    assert.deepEqual(decodeRollupStatus({ completeThrough: 5 }), { completeThrough: 5, windowSeconds: 30, appliedThrough: null, failures: [] });
    assert.equal(decodeRollupStatus(undefined), null);
    assert.equal(decodeRollupStatus({ completeThrough: "5" }), null);
  });

  it("decodes appliedThrough and the failures, skipping malformed ones", () => {
    const failure = { windowEnd: 60, range: "3.0-41", items: 12, reason: "INVALID_ARGUMENT: too big", at: 65 };
    const decoded = decodeRollupStatus({ completeThrough: 30, appliedThrough: 120, failures: [failure, { windowEnd: "x" }, null, 7, { windowEnd: 90, items: 1, at: 95 }] });
    assert.equal(decoded?.appliedThrough, 120);
    assert.deepEqual(decoded?.failures, [failure, { windowEnd: 90, items: 1, at: 95, range: "", reason: "" }]);
    assert.deepEqual(decodeRollupStatus({ completeThrough: 30, appliedThrough: -1, failures: "none" })?.failures, []);
  });

  it("reads the newest article's receipt from the read API's status answer", () => {
    assert.equal(newestArticleOf({ newestArticleReceivedAt: "2026-03-05T12:35:02.000Z", completeThrough: null }), at("12:35:02"));
    assert.equal(newestArticleOf({ newestArticleReceivedAt: null }), null, "no article yet");
    assert.equal(newestArticleOf({ newestArticleReceivedAt: "yesterday" }), undefined);
    assert.equal(newestArticleOf({}), undefined);
    assert.equal(newestArticleOf(null), undefined);
    assert.equal(newestArticleOf("2026-03-05T12:35:02Z"), undefined);
  });
});

describe("freshness when rollup writes failed for good (issue 19)", () => {
  const f = (windowEnd: string, at: string, items: number) => ({ windowEnd: Date.parse(`2026-03-05T${windowEnd}Z`), range: "0", items, reason: "INVALID_ARGUMENT", at: Date.parse(`2026-03-05T${at}Z`) });
  const status = {
    completeThrough: at("12:34:30"),
    windowSeconds: 30,
    appliedThrough: at("12:40:00"),
    failures: [f("12:35:00", "12:35:03", 10), f("12:37:30", "12:37:32", 2)],
  };

  it("says how many, since when, and that later counts are applied but not complete", () => {
    const fr = freshness(status, at("12:39:00"));
    assert.equal(fr.kind, "complete", "an article before appliedThrough is counted, if not completely");
    assert.deepEqual(fr.kind === "complete" && fr.incomplete, { failures: 2, items: 12, since: at("12:35:03"), appliedThrough: at("12:40:00") });
    assert.equal(
      describeFreshness(fr, clock),
      "Counts complete to 12:34:30. Since 12:35:03, 2 rollup writes (12 documents) failed and were set aside: later counts are applied, to 12:40:00, but not complete.",
    );
  });

  it("one failure, in the singular; newer articles still pending", () => {
    const one = { ...status, failures: [f("12:35:00", "12:35:03", 1)] };
    const fr = freshness(one, at("12:41:00"));
    assert.equal(fr.kind, "pending");
    assert.equal(
      describeFreshness(fr, clock),
      "Counting newer articles (received up to 12:41:00) within ~30 s. Counts complete to 12:34:30. Since 12:35:03, 1 rollup write (1 document) failed and was set aside: later counts are applied, to 12:40:00, but not complete.",
    );
  });

  it("says nothing of failures when there are none, or none after completeThrough", () => {
    for (const s of [{ ...status, failures: [] }, { ...status, failures: [f("12:30:00", "12:30:02", 3)] }, { completeThrough: status.completeThrough, windowSeconds: 30 }]) {
      assert.equal(incompleteness(s), null);
      const text = describeFreshness(freshness(s, null), clock);
      assert.equal(text, "Counts complete to 12:34:30; newer posts appear within ~30 s.");
      assert.doesNotMatch(text, /fail|error|not complete/i);
    }
  });

  it("without appliedThrough, the latest failed window is as far as counts are known applied", () => {
    assert.equal(incompleteness({ ...status, appliedThrough: null })?.appliedThrough, at("12:37:30"));
  });
});
