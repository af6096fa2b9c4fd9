// Reads what ingest published, through the Pub/Sub emulator's REST API and a
// test-owned pull subscription.
import { randomUUID } from "node:crypto";
import { emulator } from "./env.js";

export type PulledMessage = { messageId: string; data: Buffer; attributes: Record<string, string> };

const base = () => `http://${emulator.pubsubHost()}/v1/projects/${emulator.project()}`;

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base()}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export async function ensureTopic(topic: string): Promise<void> {
  const res = await call("PUT", `/topics/${topic}`, {});
  if (!res.ok && res.status !== 409) throw new Error(`create topic ${topic}: HTTP ${res.status} ${await res.text()}`);
}

export class TestSubscription {
  private constructor(readonly name: string) {}

  static async create(topic: string): Promise<TestSubscription> {
    await ensureTopic(topic);
    const name = `test-${randomUUID()}`;
    const res = await call("PUT", `/subscriptions/${name}`, {
      topic: `projects/${emulator.project()}/topics/${topic}`,
      ackDeadlineSeconds: 60,
    });
    if (!res.ok) throw new Error(`create subscription: HTTP ${res.status} ${await res.text()}`);
    return new TestSubscription(name);
  }

  /** Pulls and acks until `done(all)` holds or `timeoutMs` passes; returns what arrived. */
  async pullUntil(done: (all: PulledMessage[]) => boolean, timeoutMs = 10_000): Promise<PulledMessage[]> {
    const all: PulledMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (!done(all) && Date.now() < deadline) {
      const res = await call("POST", `/subscriptions/${this.name}:pull`, { maxMessages: 100, returnImmediately: true });
      const body = (await res.json()) as {
        receivedMessages?: Array<{ ackId: string; message: { messageId: string; data?: string; attributes?: Record<string, string> } }>;
      };
      const received = body.receivedMessages ?? [];
      for (const r of received) {
        all.push({ messageId: r.message.messageId, data: Buffer.from(r.message.data ?? "", "base64"), attributes: r.message.attributes ?? {} });
      }
      if (received.length > 0) {
        await call("POST", `/subscriptions/${this.name}:acknowledge`, { ackIds: received.map((r) => r.ackId) });
      } else {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return all;
  }

  async delete(): Promise<void> {
    await call("DELETE", `/subscriptions/${this.name}`);
  }
}
