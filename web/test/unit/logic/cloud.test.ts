import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateMeasure, fontSizes, layoutCloud, overlaps } from "../../../src/logic/cloud.ts";

const words = Array.from({ length: 30 }, (_, i) => ({ text: `entity${"x".repeat(i % 7)}${i}`, weight: 1000 - i * 30 }));

describe("word cloud layout", () => {
  it("font sizes grow with weight, within bounds", () => {
    const sizes = fontSizes([1, 4, 9, 100], 10, 40);
    assert.equal(sizes[0], 10);
    assert.equal(sizes[3], 40);
    for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i]! > sizes[i - 1]!);
    assert.deepEqual(fontSizes([5, 5], 10, 40), [40, 40]);
    assert.deepEqual(fontSizes([0, 0], 10, 40), [10, 10]);
  });

  it("places words inside the box without overlaps, biggest first and in the middle", () => {
    const { placed, dropped } = layoutCloud(words, { width: 320, height: 170, minFont: 10, maxFont: 34, padding: 2, measure: estimateMeasure });
    assert.equal(placed.length + dropped.length, words.length);
    assert.ok(placed.length >= 15, `placed ${placed.length} of 30`);
    for (const [i, a] of placed.entries()) {
      assert.ok(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= 320 && a.box.y + a.box.height <= 170, `${a.item.text} inside`);
      for (const b of placed.slice(i + 1)) assert.ok(!overlaps(a.box, b.box), `${a.item.text} / ${b.item.text} overlap`);
    }
    const first = placed[0]!;
    assert.equal(first.item.text, words[0]!.text);
    assert.ok(Math.abs(first.cx - 160) < 1 && Math.abs(first.cy - 85) < 1, "heaviest word centred");
    for (let i = 1; i < placed.length; i++) assert.ok(placed[i]!.fontSize <= placed[i - 1]!.fontSize);
  });

  it("is deterministic and independent of input order", () => {
    const opts = { width: 300, height: 160, measure: estimateMeasure };
    const a = layoutCloud(words, opts);
    const b = layoutCloud([...words].reverse(), opts);
    assert.deepEqual(
      a.placed.map((p) => [p.item.text, p.cx, p.cy, p.fontSize]),
      b.placed.map((p) => [p.item.text, p.cx, p.cy, p.fontSize]),
    );
  });

  it("shrinks a word wider than the cloud, and drops what cannot fit", () => {
    const long = { text: "x".repeat(60), weight: 10 };
    const { placed } = layoutCloud([long], { width: 200, height: 100, minFont: 5, maxFont: 30, measure: estimateMeasure });
    assert.equal(placed.length, 1);
    assert.ok(placed[0]!.box.width <= 200);
    const tiny = layoutCloud(words, { width: 60, height: 20, minFont: 10, maxFont: 12, measure: estimateMeasure });
    assert.ok(tiny.dropped.length > 0);
    assert.deepEqual(layoutCloud([], { width: 10, height: 10, measure: estimateMeasure }), { placed: [], dropped: [] });
  });

  it("overlaps respects the gap", () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    assert.equal(overlaps(a, { x: 11, y: 0, width: 5, height: 5 }), false);
    assert.equal(overlaps(a, { x: 11, y: 0, width: 5, height: 5 }, 2), true);
    assert.equal(overlaps(a, { x: 5, y: 5, width: 10, height: 10 }), true);
  });
});

describe("word cloud trade-offs", () => {
  const zipf = Array.from({ length: 40 }, (_, i) => ({ text: `Entity Name ${i}`, weight: Math.round(1000 / (i + 1)) }));

  it("when not all words fit, the ones left out are the lightest", () => {
    const { placed, dropped } = layoutCloud(zipf, { width: 320, height: 170, minFont: 10, maxFont: 34, measure: estimateMeasure });
    assert.equal(placed.length + dropped.length, zipf.length);
    assert.ok(placed.length >= 25, `placed ${placed.length}`);
    const lightestShown = Math.min(...placed.map((p) => p.item.weight));
    for (const d of dropped) assert.ok(d.weight <= lightestShown, `${d.text} (${d.weight}) dropped while lighter words are shown`);
  });

  it("does not shrink the fonts when every word fits at full size", () => {
    const short = Array.from({ length: 26 }, (_, i) => ({ text: `Entity ${i}`, weight: Math.round(1000 / (i + 1)) }));
    const { placed, dropped } = layoutCloud(short, { width: 320, height: 170, minFont: 10, maxFont: 34, measure: estimateMeasure });
    assert.equal(dropped.length, 0);
    assert.equal(placed[0]!.fontSize, 34);
  });
});
