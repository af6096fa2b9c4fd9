import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { colourFor, contrastRatio, entityColour, mix, parseHex, TYPE_COLOURS } from "../../../src/logic/colours.ts";
import { ENTITY_TYPES } from "../../../src/logic/types.ts";

describe("colour scale", () => {
  it("gives each type its own colour and unknown types a neutral one", () => {
    const colours = ENTITY_TYPES.map(colourFor);
    assert.equal(new Set(colours).size, 3);
    assert.equal(colourFor("person"), TYPE_COLOURS.person);
    assert.equal(colourFor("weather"), "#6b7280");
  });

  it("type colours are readable as text on white (WCAG AA, 4.5:1)", () => {
    for (const t of ENTITY_TYPES) assert.ok(contrastRatio(TYPE_COLOURS[t], "#ffffff") >= 4.5, `${t}: ${contrastRatio(TYPE_COLOURS[t], "#ffffff").toFixed(2)}`);
    assert.equal(Math.round(contrastRatio("#000000", "#ffffff")), 21);
    assert.equal(contrastRatio("#777777", "#777777"), 1);
  });

  it("mix blends linearly and clamps", () => {
    assert.equal(mix("#000000", "#ffffff", 0), "#000000");
    assert.equal(mix("#000000", "#ffffff", 1), "#ffffff");
    assert.equal(mix("#000000", "#ffffff", 0.5), "#808080");
    assert.equal(mix("#000000", "#ffffff", 7), "#ffffff");
    assert.throws(() => parseHex("red"));
  });

  it("entity colour gets stronger with weight and reaches the type colour at the top", () => {
    assert.equal(entityColour("place", 1), TYPE_COLOURS.place);
    let last = 0;
    for (const w of [0, 0.25, 0.5, 0.75, 1]) {
      const c = contrastRatio(entityColour("place", w), "#ffffff");
      assert.ok(c > last, `weight ${w}`);
      last = c;
    }
  });
});
