import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitLabel, layoutBars, MAX_LABEL_CHARS } from "../../../src/logic/bars.ts";
import { formatCountShort } from "../../../src/logic/format.ts";

const opts = { width: 300, labelWidth: 100, valueWidth: 40, rowHeight: 10, gap: 4 };

describe("bar chart layout", () => {
  it("scales bars to the largest count, one row after another", () => {
    const { rows, height, scaleMax } = layoutBars([{ count: 80 }, { count: 40 }, { count: 1 }], opts);
    assert.equal(scaleMax, 80);
    assert.deepEqual(rows.map((r) => r.barWidth), [160, 80, 2]);
    assert.deepEqual(rows.map((r) => r.y), [0, 14, 28]);
    assert.equal(height, 38);
    assert.ok(rows.every((r) => r.barX === 100));
  });

  it("handles no rows and all-zero counts", () => {
    assert.deepEqual(layoutBars([], opts), { rows: [], height: 0, scaleMax: 0 });
    assert.deepEqual(layoutBars([{ count: 0 }], opts).rows.map((r) => r.barWidth), [0]);
  });

  it("fits a label to a width, cutting whole characters and adding an ellipsis", () => {
    const width = (t: string) => [...t].length * 6;
    assert.equal(fitLabel("Senate", 60, width), "Senate");
    assert.equal(fitLabel("House of Representatives", 60, width), "House of…");
    assert.ok(width(fitLabel("House of Representatives", 60, width)) <= 60);
    assert.equal(fitLabel("Representatives", 3, width), "…");
  });

  it("cuts at the longest prefix that fits, whatever the width", () => {
    const width = (t: string) => [...t].length * 6;
    const text = "House of  Representatives";
    for (let max = 0; max <= width(text) + 6; max++) {
      // Oracle: every cut that fits, longest first (what measuring each prefix found).
      const fitting = [...text].map((_, n) => `${text.slice(0, n).trimEnd()}…`).filter((c, n) => n > 0 && width(c) <= max);
      const expected = width(text) <= max ? text : (fitting.at(-1) ?? "…");
      assert.equal(fitLabel(text, max, width), expected, `maxWidth ${max}`);
    }
  });

  it("measures a 100,000-character label a few times, never whole", () => {
    const label = "x".repeat(100_000);
    const measured: number[] = [];
    const width = (t: string) => {
      measured.push(t.length);
      // Fails fast instead of measuring every prefix (which took minutes).
      if (measured.length > 20) throw new Error(`${measured.length} measurements`);
      return [...t].length * 6;
    };
    assert.equal(fitLabel(label, 120, width), `${"x".repeat(19)}…`);
    assert.ok(measured.length <= Math.ceil(Math.log2(MAX_LABEL_CHARS)) + 1, `${measured.length} measurements`);
    assert.ok(Math.max(...measured) <= MAX_LABEL_CHARS + 1, "only capped prefixes are measured");

    measured.length = 0;
    assert.equal(fitLabel(label, Infinity, width), `${"x".repeat(MAX_LABEL_CHARS)}…`, "over the cap: cut even if it would fit");
    assert.equal(fitLabel("x".repeat(MAX_LABEL_CHARS), Infinity, width), "x".repeat(MAX_LABEL_CHARS), "at the cap: whole");
  });
});

describe("a bar's value", () => {
  it("is compact where the full count is long: counts over all publications reach trillions", () => {
    assert.deepEqual([999, 12_345, 1_234_567, 9e12 - 1].map(formatCountShort), ["999", "12.3K", "1.2M", "9T"]);
  });
});
