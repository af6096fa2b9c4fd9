import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowedBy, dueAt } from "../../src/rate.ts";

describe("rate plan", () => {
  it("spaces posts evenly without a ramp", () => {
    const plan = { rate: 100, rampSeconds: 0 };
    assert.equal(dueAt(0, plan), 0);
    assert.equal(dueAt(100, plan), 1);
    assert.equal(dueAt(250, plan), 2.5);
  });
  it("is unlimited at rate 0", () => assert.equal(dueAt(1e6, { rate: 0, rampSeconds: 5 }), 0));
  it("ramps linearly: half the steady-state posts during the ramp", () => {
    const plan = { rate: 200, rampSeconds: 10 };
    assert.equal(allowedBy(10, plan), 1000); // r·R/2
    assert.equal(dueAt(1000, plan), 10);
    assert.equal(allowedBy(5, plan), 250); // a quarter of it at half time
    assert.equal(allowedBy(11, plan), 1200); // then the full rate
  });
  it("dueAt inverts allowedBy everywhere", () => {
    const plan = { rate: 37, rampSeconds: 4 };
    for (const n of [0, 1, 5, 37, 73, 74, 75, 200, 10_000]) {
      assert.ok(Math.abs(allowedBy(dueAt(n, plan), plan) - n) < 1e-9, String(n));
    }
  });
  it("never schedules a post before an earlier one", () => {
    const plan = { rate: 50, rampSeconds: 3 };
    for (let n = 1; n < 500; n++) assert.ok(dueAt(n, plan) >= dueAt(n - 1, plan));
  });
});
