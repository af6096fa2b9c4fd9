// The instance's key cache: answers kept for their lifetime, misses briefly,
// one read per key however many ask at once, and misses paid for per address.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientKeyId } from "@newsroom/core/firestore-schema";
import { Keyring, type KeyringOptions } from "../../../src/keys/keyring.js";
import { newClientKey } from "@newsroom/core/client-key";
import { fakeKeyStore } from "./fake-store.js";

function setup(over: Partial<KeyringOptions> = {}) {
  let t = 5_000_000;
  const store = fakeKeyStore();
  const keyring = new Keyring({ load: store.load, ttlMs: 30_000, missTtlMs: 5_000, failedLookupsPerMinute: 3, now: () => t, ...over });
  return { keyring, grants: store.grants, loads: store.lookups, issue: store.issue, advance: (ms: number) => void (t += ms) };
}

describe("Keyring", () => {
  it("finds a key by its hash and keeps the answer for the cache lifetime, then reads it again (a revocation shows)", async () => {
    const s = setup();
    const key = s.issue({ client: "Acme", ratePerMinute: 60 });
    const first = await s.keyring.lookup(key, "a");
    assert.deepEqual(first, { kind: "found", id: clientKeyId(key), grant: { client: "Acme", revoked: false, ratePerMinute: 60 } });
    s.grants.set(clientKeyId(key), { client: "Acme", revoked: true });
    s.advance(29_000);
    const cached = await s.keyring.lookup(key, "a");
    assert.equal(cached.kind === "found" && cached.grant.revoked, false, "still the cached answer");
    assert.equal(s.loads.length, 1, "cached");
    s.advance(2_000);
    const after = await s.keyring.lookup(key, "a");
    assert.equal(after.kind === "found" && after.grant.revoked, true, "read again after 30 s: revoked");
    assert.equal(s.loads.length, 2);
  });

  it("keeps an unknown key briefly, then looks again (a key created meanwhile works)", async () => {
    const s = setup();
    const key = newClientKey();
    assert.deepEqual(await s.keyring.lookup(key, "a"), { kind: "unknown" });
    assert.deepEqual(await s.keyring.lookup(key, "a"), { kind: "unknown" });
    assert.equal(s.loads.length, 1);
    s.grants.set(clientKeyId(key), { client: "late", revoked: false });
    s.advance(5_001);
    assert.equal((await s.keyring.lookup(key, "a")).kind, "found");
  });

  it("shares one read among concurrent lookups of a key", async () => {
    const s = setup();
    const key = s.issue();
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => s.keyring.lookup(key, `addr-${i % 3}`)));
    assert.ok(all.every((r) => r.kind === "found"));
    assert.equal(s.loads.length, 1);
  });

  it("limits the lookups that find nothing per address, refunds those that find a key, and leaves other addresses alone", async () => {
    const s = setup();
    for (let i = 0; i < 3; i++) assert.equal((await s.keyring.lookup(newClientKey(), "attacker")).kind, "unknown");
    const throttled = await s.keyring.lookup(newClientKey(), "attacker");
    assert.deepEqual(throttled, { kind: "throttled", retryAfterSeconds: 20 }, "3 a minute: one more in 20 s");
    assert.equal(s.loads.length, 3, "no read for the throttled lookup");
    assert.equal((await s.keyring.lookup(newClientKey(), "someone else")).kind, "unknown");
    // A client finding its own keys never runs out.
    for (let i = 0; i < 10; i++) assert.equal((await s.keyring.lookup(s.issue(), "client")).kind, "found");
    s.advance(20_000);
    assert.equal((await s.keyring.lookup(newClientKey(), "attacker")).kind, "unknown");
  });

  it("answers 'failed' when the read fails or takes too long, and caches neither", async () => {
    let fail = true;
    const s = setup({ load: async () => { if (fail) throw new Error("UNAVAILABLE"); return { client: "ok", revoked: false }; } });
    const key = newClientKey();
    assert.deepEqual(await s.keyring.lookup(key, "a"), { kind: "failed", error: "Error: UNAVAILABLE" });
    fail = false;
    assert.equal((await s.keyring.lookup(key, "a")).kind, "found");
    const slow = setup({ load: () => new Promise(() => undefined), lookupTimeoutMs: 20 });
    const r = await slow.keyring.lookup(newClientKey(), "a");
    assert.equal(r.kind, "failed");
    assert.match(r.kind === "failed" ? r.error : "", /over 20 ms/);
  });

  it("keeps at most maxKeys answers", async () => {
    const s = setup({ maxKeys: 2, failedLookupsPerMinute: 100 });
    const keys = [s.issue(), s.issue(), s.issue()];
    for (const k of keys) await s.keyring.lookup(k, "a");
    await s.keyring.lookup(keys[0]!, "a");
    assert.equal(s.loads.length, 4, "the first key's answer was dropped and read again");
  });
});
