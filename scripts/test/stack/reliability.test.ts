// npm run test:reliability: boots the production-parity stack once (functions-framework,
// 3 processPosts instances, Eventarc-like delivery with redelivery and a
// dead-letter topic) and proves, each exactly, that nothing is lost or counted
// twice under hostile input and each fault below; then prints the summary
// table (and writes it as JSON with --json FILE). It boots its own stack, so it
// runs on its own, not under `node scripts/stack.ts exec`:
//   node --test-reporter=spec scripts/test/stack/reliability.test.ts [--json FILE]
//   node --test-name-pattern='delivered twice|hundreds of hostile' scripts/test/stack/reliability.test.ts   a few only
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { parseArgs } from "node:util";
import { deleteApp, getApps } from "firebase-admin/app";
import { startRuntimeStack, type RuntimeStack } from "@newsroom/harness/runtime-stack";
import { interruptSignal } from "@newsroom/harness/signals";
import { StackLog } from "../../reliability/probe.ts";
import { scenarioTable, summary } from "../../reliability/report.ts";
import * as s from "../../reliability/scenarios.ts";

const { values } = parseArgs({ args: process.argv.slice(2), options: { json: { type: "string" } } });
const signal = interruptSignal();

describe("the pipeline on the runtime stack", () => {
  let stack: RuntimeStack | undefined;
  let logs: StackLog;
  const started = Date.now();

  before(async () => {
    s.log(`starting the runtime stack (${s.INSTANCES} processPosts instances)...`);
    // The trigger as the README recommends deploying it (ack deadline 600 s, so a
    // slow delivery is not redelivered while it runs); backoff shortened so the
    // faults' redeliveries fit the run; the counts over all publications folded
    // at every sweep, so the faults meet folds too.
    stack = await startRuntimeStack({ instances: s.INSTANCES, params: { INGEST_PUBLISH_TIMEOUT_MS: "3000", GLOBAL_FOLD_SECONDS: "0" }, ackDeadlineSeconds: 600, backoff: { minSeconds: 1, maxSeconds: 10 }, signal });
    Object.assign(process.env, stack.env);
    s.log(`stack up: ingest ${stack.ingestUrl}, log ${stack.logFile}`);
    logs = new StackLog(stack.logFile);
  });

  after(async () => {
    s.log("stopping the stack...");
    await stack?.stop();
    // The load runs' Firestore clients hold channels open: close them so the process can end.
    await Promise.all(getApps().map((app) => deleteApp(app)));
    // Should a scenario leave a handle open, end anyway once the report is out (exit code as the tests set it).
    setTimeout(() => process.exit(), 15_000).unref();
    const totalS = (Date.now() - started) / 1000;
    const { rows, hostileStats } = s;
    console.log(`\nReliability on the runtime stack (${new Date().toISOString().slice(0, 16)}Z, ${(totalS / 60).toFixed(1)} min)\n\n${scenarioTable(rows)}\n\n${summary(rows, hostileStats, totalS)}\n`);
    for (const r of rows) console.log(`- ${r.scenario}: ${r.detail}`);
    if (values.json) writeFileSync(values.json, JSON.stringify({ rows, hostile: hostileStats, totalS }, null, 2));
    const failed = rows.filter((r) => !r.pass);
    console.log(failed.length === 0 ? "\nreliability: PASS" : `\nreliability: FAIL (${failed.map((r) => r.scenario).join(", ")})`);
  });

  /** Runs one scenario; passes when every row it added passes (an error is a failed row). */
  const scenario = (name: string, title: string, run: (stack: RuntimeStack, logs: StackLog) => Promise<void>) =>
    it(name, async (t) => {
      if (signal.aborted) return t.skip("interrupted");
      const from = s.rows.length;
      s.log(`${title}...`);
      const t0 = Date.now();
      try {
        await run(stack!, logs);
      } catch (err) {
        s.rows.push({ scenario: title, pass: false, sent: 0, accepted: 0, postsPerS: 0, lost: 0, duplicated: 0, detail: `error: ${(err as Error).stack ?? String(err)}` });
      }
      const mine = s.rows.slice(from);
      for (const r of mine) s.log(`${r.scenario}: ${r.pass ? "pass" : "FAIL"} in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${r.detail}`);
      assert.ok(mine.length > 0, `${title} reported nothing`);
      for (const r of mine) assert.ok(r.pass, `${r.scenario}: ${r.detail}`);
    });

  scenario("answers hundreds of hostile requests with a 4xx each, publishes none of them and logs no key", "hostile input", (stack) => s.hostile(stack));
  scenario("counts an honest client's 1,000 posts exactly while a key holder sends hostile requests beside it", "hostile client beside an honest one", (stack) => s.hostileBesideHonest(stack));
  scenario("counts every post exactly once when every Pub/Sub message is delivered twice", "(a) every message delivered twice", (stack) => s.duplicates(stack));
  scenario("counts every post exactly once when Firestore is paused for 15 s in the middle of a load run", "(b) Firestore paused 15 s", (stack) => s.firestorePaused(stack));
  scenario("counts a 500-post message exactly once when its instance is killed between its commits", "(c) instance killed mid-message", (stack) => s.killedMidMessage(stack));
  scenario("loses no post when Pub/Sub is paused during ingest: 503s, retried with the same ids", "(d) Pub/Sub paused during ingest", (stack) => s.pubsubPaused(stack));
  scenario("takes a backlog on one publication at 80 concurrent deliveries in one instance and in all 3, with no transaction aborted by contention", "(e) (f) burst on one publication", (stack, logs) => s.burst(stack, logs));
  scenario("counts every post exactly once when processPosts instances are SIGKILLed under load", "(g) instances SIGKILLed under load", (stack) => s.killedUnderLoad(stack));
  scenario("applies a window exactly once when the rollup holding it is killed mid-commit", "(r1) rollup killed mid-commit", (stack, logs) => s.rollupKilled(stack, logs));
  scenario("applies a window exactly once when several rollups of it run at once", "(r2) rollups of one window at once", (stack, logs) => s.rollupsAtOnce(stack, logs));
  scenario("applies a window exactly once when Firestore is paused during its rollup", "(r3) Firestore paused during a rollup", (stack, logs) => s.rollupFirestorePaused(stack, logs));
  scenario("converges within the rollup window + 10 s at 100 posts/s", "(h) convergence at 100 posts/s", (stack) => s.convergence(stack));
  scenario("keeps the counts over all publications equal to the publications' own, summed, after every fault above", "(i) counts over all publications = the sum", (stack) => s.globalSums(stack));
});
