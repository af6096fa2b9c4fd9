// The Eventarc-like trigger of the runtime stack against the real Pub/Sub
// emulator: a push that fails is redelivered after the subscription's backoff,
// a push past the ack deadline is redelivered while the first still runs, and a
// message that always fails ends on the dead-letter topic after the maximum
// number of attempts: nothing is retried forever.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { PubsubTrigger } from "../../../src/runtime/eventarc.ts";
import { portOf } from "../../../src/net.ts";

const host = process.env.PUBSUB_EMULATOR_HOST;
const project = process.env.GCLOUD_PROJECT ?? "demo-newsroom";
type Push = { at: number; id: string; attempt: number | undefined; ce: string | undefined; data: string };

describe("the runtime stack's Pub/Sub trigger", { skip: host ? false : "needs PUBSUB_EMULATOR_HOST (npm run test:stack)" }, () => {
  const pushes: Push[] = [];
  let answer: (p: Push) => number | "hang" = () => 204;
  let server: http.Server;
  let target = "";
  before(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        const j = JSON.parse(body) as { message: { messageId: string; data: string }; deliveryAttempt?: number };
        const p: Push = { at: Date.now(), id: j.message.messageId, attempt: j.deliveryAttempt, ce: req.headers["ce-type"] as string | undefined, data: Buffer.from(j.message.data, "base64").toString() };
        pushes.push(p);
        const a = answer(p);
        if (a !== "hang") res.writeHead(a).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    target = `http://127.0.0.1:${portOf(server)}/`;
  });
  after(() => server.closeAllConnections?.() ?? server.close());

  async function trigger(opts: { ackDeadlineSeconds?: number; maxDeliveryAttempts?: number } = {}) {
    const id = randomBytes(4).toString("hex");
    const t = new PubsubTrigger({
      pubsubHost: host!,
      project,
      topic: `delivery-${id}`,
      subscription: `delivery-${id}-sub`,
      target,
      ackDeadlineSeconds: opts.ackDeadlineSeconds ?? 10,
      retry: true,
      backoff: { minSeconds: 1, maxSeconds: 2 },
      deadLetter: { topic: `delivery-${id}-dead`, maxDeliveryAttempts: opts.maxDeliveryAttempts ?? 5 },
      maxOutstanding: 100,
      log: () => undefined,
    });
    await t.start();
    const publish = async (data: string) => {
      const res = await fetch(`http://${host}/v1/projects/${project}/topics/delivery-${id}:publish`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ data: Buffer.from(data).toString("base64") }] }),
      });
      assert.equal(res.status, 200);
    };
    return { t, publish };
  }
  const waitFor = async (pred: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!pred() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };

  it("delivers a binary-mode CloudEvent and acknowledges a 2xx once", async () => {
    answer = () => 204;
    const { t, publish } = await trigger();
    await publish("ok-1");
    await waitFor(() => pushes.some((p) => p.data === "ok-1"), 10_000);
    await new Promise((r) => setTimeout(r, 2_500));
    await t.stop();
    const mine = pushes.filter((p) => p.data === "ok-1");
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.ce, "google.cloud.pubsub.topic.v1.messagePublished");
  });

  it("redelivers a failed push after the backoff, and dead-letters it after 5 attempts", async () => {
    answer = (p) => (p.data === "always-fails" ? 500 : 204);
    const { t, publish } = await trigger({ maxDeliveryAttempts: 5 });
    await publish("always-fails");
    await waitFor(() => t.snapshot().deadLettered.length > 0, 60_000);
    await t.stop();
    const mine = pushes.filter((p) => p.data === "always-fails");
    assert.equal(mine.length, 5, "five attempts, then no more");
    assert.deepEqual(mine.map((p) => p.attempt), [1, 2, 3, 4, 5]);
    const gaps = mine.slice(1).map((p, i) => p.at - mine[i]!.at);
    assert.ok(gaps.every((g) => g >= 800), `a backoff between attempts (gaps ${gaps.join(", ")} ms)`);
    assert.equal(t.snapshot().deadLettered[0]!.deliveryAttempts, 5);
  });

  it("redelivers a push that outlives the ack deadline while the first still runs", async () => {
    answer = (p) => (p.data === "slow" && p.attempt === 1 ? "hang" : 204);
    const { t, publish } = await trigger({ ackDeadlineSeconds: 10 });
    await publish("slow");
    await waitFor(() => pushes.filter((p) => p.data === "slow").length >= 2, 40_000);
    await t.stop();
    const mine = pushes.filter((p) => p.data === "slow");
    assert.ok(mine.length >= 2, "delivered again");
    assert.ok(mine[1]!.at - mine[0]!.at >= 9_000, `after the 10 s deadline (${mine[1]!.at - mine[0]!.at} ms)`);
  });
});
