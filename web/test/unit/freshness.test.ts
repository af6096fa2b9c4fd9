import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeFreshness, formatClock, freshness } from "../../src/logic/freshness.ts";
import { decodeArticleReceivedAt, decodeRollupStatus } from "../../src/logic/types.ts";

const at = (hms: string) => Date.parse(`2026-03-05T${hms}Z`);
const clock = (ms: number) => formatClock(ms, at("15:00:00"), "UTC");

describe("freshness of the counts (rollup/status)", () => {
  const status = { completeThrough: at("12:34:30"), windowSeconds: 30 };

  it("complete when nothing newer is known", () => {
    assert.deepEqual(freshness(status, null), { kind: "complete", through: status.completeThrough, windowSeconds: 30 });
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

  it("decodes the status document and article times, refusing what is malformed", () => {
    assert.deepEqual(decodeRollupStatus({ completeThrough: 5, windowSeconds: 20, appliedAt: {} }), { completeThrough: 5, windowSeconds: 20 });
    assert.deepEqual(decodeRollupStatus({ completeThrough: 5 }), { completeThrough: 5, windowSeconds: 30 });
    assert.equal(decodeRollupStatus(undefined), null);
    assert.equal(decodeRollupStatus({ completeThrough: "5" }), null);
    assert.equal(decodeArticleReceivedAt({ receivedAt: { toMillis: () => 42 } }), 42);
    assert.equal(decodeArticleReceivedAt({ receivedAt: new Date(7) }), 7);
    assert.equal(decodeArticleReceivedAt({ receivedAt: "yesterday" }), null);
  });
});
