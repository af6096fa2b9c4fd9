// A pull subscription of its own on the Pub/Sub emulator's REST API: every
// message published to the topic after it is created arrives here too (a copy,
// independent of the triggers' subscriptions), so a test or scenario can see
// exactly what was published.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export type PulledMessage = { messageId: string; data: Buffer; attributes: Record<string, string> };

type Received = { ackId: string; message: { messageId: string; data?: string; attributes?: Record<string, string> } };

export class PullSubscription {
  private readonly base: string;
  readonly name: string;
  private constructor(base: string, name: string) {
    this.base = base;
    this.name = name;
  }

  /** Creates the topic if it is missing, then a subscription named `{prefix}-{uuid}` on it. */
  static async create(pubsubHost: string, project: string, topic: string, options: { prefix?: string; ackDeadlineSeconds?: number } = {}): Promise<PullSubscription> {
    const sub = new PullSubscription(`http://${pubsubHost}/v1/projects/${project}`, `${options.prefix ?? "pull"}-${randomUUID()}`);
    const t = await sub.call("PUT", `/topics/${topic}`, {});
    if (!t.ok && t.status !== 409) throw new Error(`create topic ${topic}: HTTP ${t.status} ${await t.text()}`);
    const res = await sub.call("PUT", `/subscriptions/${sub.name}`, { topic: `projects/${project}/topics/${topic}`, ackDeadlineSeconds: options.ackDeadlineSeconds ?? 60 });
    if (!res.ok) throw new Error(`create subscription: HTTP ${res.status} ${await res.text()}`);
    return sub;
  }

  private call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
  }

  /** One pull (up to 100 messages), acknowledged at once. */
  async pull(): Promise<PulledMessage[]> {
    const res = await this.call("POST", `/subscriptions/${this.name}:pull`, { maxMessages: 100, returnImmediately: true });
    if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
    const received = ((await res.json()) as { receivedMessages?: Received[] }).receivedMessages ?? [];
    if (received.length > 0) await this.call("POST", `/subscriptions/${this.name}:acknowledge`, { ackIds: received.map((r) => r.ackId) });
    return received.map((r) => ({ messageId: r.message.messageId, data: Buffer.from(r.message.data ?? "", "base64"), attributes: r.message.attributes ?? {} }));
  }

  /** Pulls until `done(all)` holds or `timeoutMs` passes; returns what arrived. */
  async pullUntil(done: (all: PulledMessage[]) => boolean, timeoutMs = 10_000): Promise<PulledMessage[]> {
    const all: PulledMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    while (!done(all) && Date.now() < deadline) {
      const got = await this.pull();
      all.push(...got);
      if (got.length === 0) await sleep(100);
    }
    return all;
  }

  /** Pulls until `quietMs` pass without a message (or `maxMs` in all), handing each on. */
  async drain(quietMs: number, maxMs: number, onMessage: (m: PulledMessage) => void): Promise<void> {
    const deadline = Date.now() + maxMs;
    let last = Date.now();
    while (Date.now() < deadline && Date.now() - last < quietMs) {
      const got = await this.pull();
      if (got.length > 0) last = Date.now();
      for (const m of got) onMessage(m);
      if (got.length === 0) await sleep(200);
    }
  }

  async delete(): Promise<void> {
    await this.call("DELETE", `/subscriptions/${this.name}`).catch(() => undefined);
  }
}
