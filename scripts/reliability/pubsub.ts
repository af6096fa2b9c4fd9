// A pull subscription on the Pub/Sub emulator's REST API: every message
// published to the topic after creation arrives here too (a copy, independent
// of the processPosts trigger's own subscription).
import { randomUUID } from "node:crypto";

export type Pulled = { messageId: string; data: Buffer };

export class Subscription {
  readonly name: string;
  readonly base: string;

  constructor(base: string, name: string) {
    this.base = base;
    this.name = name;
  }

  static async create(pubsubHost: string, project: string, topic: string): Promise<Subscription> {
    const base = `http://${pubsubHost}/v1/projects/${project}`;
    const t = await fetch(`${base}/topics/${topic}`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    if (!t.ok && t.status !== 409) throw new Error(`create topic ${topic}: HTTP ${t.status}`);
    const name = `reliability-${randomUUID()}`;
    const res = await fetch(`${base}/subscriptions/${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ topic: `projects/${project}/topics/${topic}`, ackDeadlineSeconds: 600 }),
    });
    if (!res.ok) throw new Error(`create subscription: HTTP ${res.status} ${await res.text()}`);
    return new Subscription(base, name);
  }

  /** One pull (up to 100 messages), acknowledged at once. */
  async pull(): Promise<Pulled[]> {
    const res = await fetch(`${this.base}/subscriptions/${this.name}:pull`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ maxMessages: 100, returnImmediately: true }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
    const body = (await res.json()) as { receivedMessages?: Array<{ ackId: string; message: { messageId: string; data?: string } }> };
    const got = body.receivedMessages ?? [];
    if (got.length > 0) {
      await fetch(`${this.base}/subscriptions/${this.name}:acknowledge`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ackIds: got.map((r) => r.ackId) }),
      });
    }
    return got.map((r) => ({ messageId: r.message.messageId, data: Buffer.from(r.message.data ?? "", "base64") }));
  }

  /** Pulls until `quietMs` pass without a message (or `maxMs` in all). */
  async drain(quietMs: number, maxMs: number, onMessage: (m: Pulled) => void): Promise<void> {
    const deadline = Date.now() + maxMs;
    let last = Date.now();
    while (Date.now() < deadline && Date.now() - last < quietMs) {
      const got = await this.pull();
      if (got.length > 0) last = Date.now();
      for (const m of got) onMessage(m);
      if (got.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
  }

  async delete(): Promise<void> {
    await fetch(`${this.base}/subscriptions/${this.name}`, { method: "DELETE" }).catch(() => undefined);
  }
}
