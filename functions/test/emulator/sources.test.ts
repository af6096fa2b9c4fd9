// The sources store on the Firestore emulator: two pollers at once never
// hold one source, a poller whose lease passed to another writes nothing, and
// pausing, resuming and removing behave as the CLI and the admin routes say.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { NEVER_MS } from "@newsroom/core/firestore-schema";
import { addSource, finishPoll, getSource, leaseDueSources, removeSource, setSourceState, SourceExistsError } from "@newsroom/store/sources";
import { emulator } from "./support/env.js";

const run = randomBytes(3).toString("hex");
// A project of its own on the stack's Firestore emulator: the stack's poller (every minute, leasing whatever
// is due) never takes these sources between their adding and this suite's pollers' leases.
const db = () => getFirestore(getApps().find((a) => a.name === "sources-test") ?? initializeApp({ projectId: `${emulator.project()}-sources` }, "sources-test"));
// Due far in the past, so only this test's sources are the most overdue, whatever else the stack holds.
const LONG_AGO = new Date("2001-01-01T00:00:00Z");

describe("the sources store", () => {
  it("leases each due source to one poller of two running at once, and frees it only for its holder", async () => {
    const added = await Promise.all(Array.from({ length: 6 }, (_, i) => addSource(db(), { url: `http://127.0.0.1:9/${run}/feed-${i}.xml`, publication: `Leases ${run}` }, LONG_AGO)));
    const ids = new Set(added.map((s) => s.id));
    const nowMs = LONG_AGO.getTime() + 1_000;
    const [a, b] = await Promise.all([
      leaseDueSources(db(), { nowMs, limit: 6, leaseMs: 60_000, owner: "poller-a" }),
      leaseDueSources(db(), { nowMs, limit: 6, leaseMs: 60_000, owner: "poller-b" }),
    ]);
    const mine = (list: typeof a) => list.filter((s) => ids.has(s.id)).map((s) => s.id);
    const both = [...mine(a), ...mine(b)];
    assert.equal(both.length, 6, "every source leased once");
    assert.equal(new Set(both).size, 6, "no source leased twice");

    const [first] = added;
    const holder = mine(a).includes(first!.id) ? "poller-a" : "poller-b";
    const other = holder === "poller-a" ? "poller-b" : "poller-a";
    assert.equal(await finishPoll(db(), first!.id, other, { consecutiveFailures: 9 }), false, "not the holder: nothing written");
    assert.equal((await getSource(db(), first!.id))?.consecutiveFailures, 0);

    // A poller that died: its lease runs out and another takes the source.
    const later = await leaseDueSources(db(), { nowMs: nowMs + 61_000, limit: 20, leaseMs: 60_000, owner: "poller-c" });
    assert.ok(later.some((s) => s.id === first!.id));
    assert.equal(await finishPoll(db(), first!.id, holder, { consecutiveFailures: 9 }), false, "the lease passed on");
    assert.equal(await finishPoll(db(), first!.id, "poller-c", { consecutiveFailures: 1, nextPollAtMs: nowMs + 3_600_000 }), true);
    const after = await getSource(db(), first!.id);
    assert.equal(after?.consecutiveFailures, 1);
    assert.equal(after?.leaseOwner, undefined, "the lease is freed");
    await Promise.all(added.map((s) => removeSource(db(), s.id)));
  });

  it("adds a URL once per publication, pauses (never due), resumes (due at once) and removes", async () => {
    const spec = { url: `http://127.0.0.1:9/${run}/one.xml`, publication: `States ${run}` };
    const s = await addSource(db(), spec, LONG_AGO);
    await assert.rejects(addSource(db(), spec), SourceExistsError);
    const other = await addSource(db(), { ...spec, publication: `Other ${run}` }, LONG_AGO);
    assert.notEqual(other.id, s.id, "another publication may have the same feed");

    const paused = await setSourceState(db(), s.id, "paused");
    assert.equal(paused?.nextPollAtMs, NEVER_MS);
    const due = await leaseDueSources(db(), { nowMs: Date.now(), limit: 50, leaseMs: 1_000, owner: `x-${run}` });
    assert.ok(!due.some((d) => d.id === s.id), "a paused source is not due");
    for (const d of due) await finishPoll(db(), d.id, `x-${run}`, {});

    const now = new Date();
    const resumed = await setSourceState(db(), s.id, "active", now);
    assert.equal(resumed?.nextPollAtMs, now.getTime());
    assert.equal(await setSourceState(db(), "0".repeat(20), "paused"), undefined);
    assert.equal(await removeSource(db(), s.id), true);
    assert.equal(await removeSource(db(), s.id), false);
    assert.equal(await getSource(db(), s.id), undefined);
    await removeSource(db(), other.id);
  });

  it("keeps a source paused during a poll paused: the poll records its health but not its schedule", async () => {
    const s = await addSource(db(), { url: `http://127.0.0.1:9/${run}/pause-during.xml`, publication: `Pause ${run}` }, LONG_AGO);
    const [leased] = (await leaseDueSources(db(), { nowMs: LONG_AGO.getTime() + 1, limit: 1, leaseMs: 60_000, owner: `p-${run}` })).filter((d) => d.id === s.id);
    assert.ok(leased);
    await setSourceState(db(), s.id, "paused");
    assert.equal(await finishPoll(db(), s.id, `p-${run}`, { nextPollAtMs: 5, state: "active", itemsTotal: 3 }), true);
    const after = await getSource(db(), s.id);
    assert.equal(after?.state, "paused");
    assert.equal(after?.nextPollAtMs, NEVER_MS);
    assert.equal(after?.itemsTotal, 3);
    await removeSource(db(), s.id);
  });
});
