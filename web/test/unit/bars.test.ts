import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fitLabel, layoutBars } from "../../src/logic/bars.ts";

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
});
