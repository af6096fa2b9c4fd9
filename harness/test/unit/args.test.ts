import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { positiveNumber, wholeNumber } from "../../src/args.ts";

describe("wholeNumber", () => {
  it("is undefined when the flag is absent, so the caller's default applies", () => {
    assert.equal(wholeNumber("posts", undefined), undefined);
  });
  it("accepts whole numbers of at least 1 by default", () => {
    assert.equal(wholeNumber("posts", "1"), 1);
    assert.equal(wholeNumber("posts", "250"), 250);
    assert.throws(() => wholeNumber("posts", "0"), /--posts must be a whole number of at least 1, got "0"/);
  });
  it("takes a named minimum", () => {
    assert.equal(wholeNumber("retries", "0", { min: 0 }), 0);
    assert.equal(wholeNumber("ack-deadline", "10", { min: 10 }), 10);
    assert.throws(() => wholeNumber("ack-deadline", "9", { min: 10 }), /at least 10/);
    assert.throws(() => wholeNumber("retries", "-1", { min: 0 }), /--retries must be a whole number of at least 0/);
  });
  it("rejects fractions, words and blanks with the flag's name", () => {
    for (const bad of ["1.5", "x", "", " ", "NaN", "Infinity"]) assert.throws(() => wholeNumber("passes", bad), /--passes must be a whole number/, bad);
  });
});

describe("positiveNumber", () => {
  it("accepts fractions above 0", () => {
    assert.equal(positiveNumber("duration", "0.5"), 0.5);
    assert.equal(positiveNumber("duration", undefined), undefined);
    assert.throws(() => positiveNumber("duration", "0"), /--duration must be a number above 0, got "0"/);
  });
  it("allows 0 with { orZero: true }", () => {
    assert.equal(positiveNumber("rate", "0", { orZero: true }), 0);
    assert.throws(() => positiveNumber("rate", "-1", { orZero: true }), /--rate must be a number of at least 0/);
  });
  it("rejects words, blanks and infinities", () => {
    for (const bad of ["x", "", "Infinity"]) assert.throws(() => positiveNumber("settle", bad, { orZero: true }), /--settle must be a number/, bad);
  });
});
