// Hundreds of hostile requests against the ingest function on the emulators:
// each gets its 4xx (none a 5xx), nothing reaches the topic, no key reaches
// the log, and the endpoint still takes a valid request afterwards.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { decodeMessage } from "@newsroom/core/message";
import { emulator } from "./support/env.js";
import { describeResult, hostileCases, runHostileCases, secretsIn, summariseHostile, type HostileResult } from "@newsroom/test-support/hostile-requests";
import { PullSubscription, type PulledMessage } from "@newsroom/harness/pubsub-pull";

const run = randomUUID().slice(0, 8);
const marker = `Hostile ${run}`;
// Known defects run under their own marker, so they cannot hide a leak of the others.
const knownMarker = `Unfixed ${run}`;
const valid = `Valid after hostile ${run}`;

describe("hostile input against the ingest emulator", () => {
  const set = hostileCases({ apiKey: emulator.apiKey(), marker });
  const known = set.cases.some((c) => c.knownIssue) ? hostileCases({ apiKey: emulator.apiKey(), marker: knownMarker }) : { cases: [], secrets: [] };
  let subscription: PullSubscription;
  let results: HostileResult[] = [];
  const pulled: PulledMessage[] = [];

  before(async () => {
    subscription = await PullSubscription.create(emulator.pubsubHost(), emulator.project(), "posts", { prefix: "test" });
  });
  after(async () => {
    await subscription?.delete();
  });

  it("answers every hostile request with its 4xx, never a 5xx, without leaking keys or stack traces", { timeout: 10 * 60_000 }, async (t) => {
    results = await runHostileCases(
      set.cases.filter((c) => !c.knownIssue),
      { url: emulator.ingestUrl(), concurrency: 4 },
    );
    const summary = summariseHostile(results, set.secrets);
    const resent = results.filter((r) => r.transportRetries);
    if (resent.length > 0) t.diagnostic(`resent after an emulator proxy failure: ${resent.map((r) => r.case.id).join(", ")}`);
    assert.ok(summary.tried >= 300, `tried ${summary.tried}`);
    assert.deepEqual(results.filter((r) => r.status !== undefined && r.status >= 500).map(describeResult), [], "no 5xx");
    assert.deepEqual(summary.unexpected.map(describeResult), [], "every answer as expected");
    assert.equal(summary.clientErrors, summary.tried);
    assert.deepEqual(summary.leaks.map(describeResult), [], "no key or stack trace in any answer");
  });

  it("still serves a valid request afterwards, and published none of the hostile posts", { timeout: 2 * 60_000 }, async () => {
    assert.ok(results.length > 0, "the hostile requests ran first");
    const res = await fetch(`${emulator.ingestUrl()}/posts`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.apiKey()}`, "content-type": "application/json" },
      body: JSON.stringify([{ publication: valid, content: "Ada Lovelace wrote to Charles Babbage.", id: `${run}-ok` }]),
    });
    const body = (await res.json()) as { accepted: number; messageIds: string[] };
    assert.equal(res.status, 202, JSON.stringify(body));
    const ids = body.messageIds;
    // Everything published before the valid post is on the subscription before
    // it; a little longer catches stragglers.
    let seenAt = 0;
    pulled.push(
      ...(await subscription.pullUntil((all) => {
        if (!seenAt && ids.every((id) => [...pulled, ...all].some((m) => m.messageId === id))) seenAt = Date.now();
        return seenAt > 0 && Date.now() - seenAt > 2_000;
      }, 60_000)),
    );
    assert.ok(ids.every((id) => pulled.some((m) => m.messageId === id)), "the valid request's message arrived");
    const validPosts = pulled.flatMap((m) => {
      const d = decodeMessage(m.data);
      return d.ok ? d.message.posts.filter((p) => p.publication === valid) : [];
    });
    assert.deepEqual(validPosts.map((p) => p.id), [`${run}-ok`]);
    const leaked = pulled.filter((m) => m.data.includes(marker));
    assert.deepEqual(leaked.map((m) => m.data.toString("utf8").slice(0, 200)), [], "no hostile post on the topic");
  });

  it("never writes the key, or any wrong key sent, to the emulator log", () => {
    assert.ok(results.length > 0, "the hostile requests ran first");
    const log = readFileSync(emulator.logFile(), "utf8");
    assert.match(log, /"message":"ingest request"/, "the log is the one the functions write to");
    assert.equal(secretsIn(log, [...set.secrets, ...known.secrets]), 0);
  });

  // Defects found by this suite and not fixed yet: they run and report, and
  // fail here (as TODO, not failing the suite) until the validation is fixed.
  for (const issue of [...new Set(known.cases.filter((c) => c.knownIssue).map((c) => c.knownIssue!))]) {
    it(`known issue: ${issue}`, { todo: "ingest validation (@newsroom/core/post) to be fixed", timeout: 60_000 }, async () => {
      const mine = await runHostileCases(
        known.cases.filter((c) => c.knownIssue === issue),
        { url: emulator.ingestUrl(), concurrency: 2 },
      );
      assert.deepEqual(mine.filter((r) => !r.status || !r.case.expect.includes(r.status)).map(describeResult), []);
    });
  }
});
