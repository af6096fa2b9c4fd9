// Eventarc's Pub/Sub trigger, for the local runtime stack: messages published
// to the topic reach the function as CloudEvents over HTTP, as Cloud Run
// functions (2nd gen) receive them.
//
// The gcloud Pub/Sub emulator can push, but at most 2 requests at a time
// (measured), where production's push window grows to hundreds. So this is the
// smallest adapter that keeps the emulator in charge of everything it does
// honour: a pull subscription on the emulator carries the real ack deadline,
// retry policy (exponential backoff) and dead-letter policy (max delivery
// attempts, then the message moves to the dead-letter topic), and the adapter
// only turns each pulled message into one HTTP push:
//   - a binary-mode CloudEvent (ce-* headers, body {message, subscription}),
//     the shape Eventarc delivers and functions-framework parses;
//   - a 102/200/201/202/204 answer acks; any other answer, a transport error,
//     or no answer within the ack deadline nacks (or, on deadline, simply lets
//     the lease lapse), so the emulator redelivers after the backoff (a nack
//     cuts the lease to the policy's backoff: the emulator itself redelivers
//     the first nack at once);
//   - the number of pushes in flight follows Pub/Sub's push flow control: a
//     small window that grows by one per success and halves on a failure.
// The lease is never extended: as with push, a slow function gets a second
// delivery while the first still runs.
import { setTimeout as sleep } from "node:timers/promises";

export type TriggerOptions = {
  pubsubHost: string;
  project: string;
  topic: string;
  subscription: string;
  /** Where the function's service listens (its router). */
  target: string;
  ackDeadlineSeconds: number;
  /** Failed deliveries are redelivered (firebase `retry: true`); otherwise they are dropped (acked). */
  retry: boolean;
  backoff: { minSeconds: number; maxSeconds: number };
  deadLetter?: { topic: string; maxDeliveryAttempts: number };
  /** Upper bound of the push window. */
  maxOutstanding: number;
  log: (line: string) => void;
};

export type TriggerStats = {
  subscription: string;
  pushes: number;
  acked: number;
  nacked: number;
  /** No answer within the ack deadline: the lease lapsed, the emulator redelivers. */
  deadlineExceeded: number;
  dropped: number;
  inflight: number;
  maxInflight: number;
  window: number;
  /** Distinct messages delivered more than once. */
  redelivered: number;
  /** Messages that reached the dead-letter topic, newest last (at most 1,000 kept). */
  deadLettered: Array<{ messageId: string; deliveryAttempts: number }>;
  statuses: Record<string, number>;
};

type Received = {
  ackId: string;
  deliveryAttempt?: number;
  message: { messageId: string; data?: string; attributes?: Record<string, string>; publishTime?: string };
};

/** The subscription and topic names Eventarc would create for `fn` in `region`. */
export function eventarcNames(fn: string, region: string): { subscription: string; deadLetterTopic: string } {
  const id = fn.toLowerCase();
  return { subscription: `eventarc-${region}-${id}-sub`, deadLetterTopic: `${id}-dead-letter` };
}

/** Pub/Sub's exponential retry backoff after the `attempt`-th failed delivery, in whole seconds. */
export function retryBackoffSeconds(attempt: number, backoff: { minSeconds: number; maxSeconds: number }): number {
  return Math.min(backoff.maxSeconds, Math.ceil(backoff.minSeconds * 2 ** Math.max(0, attempt - 1)));
}

const PUSH_OK = new Set([102, 200, 201, 202, 204]);
/** Eventarc's limit on one event's payload. */
export const MAX_EVENT_BYTES = 512 * 1024;

export class PubsubTrigger {
  private running = false;
  private loop: Promise<void> | undefined;
  private monitor: Promise<void> | undefined;
  private window = 3; // "a small single-digit window" to start, as Pub/Sub does
  private inflight = 0;
  private readonly attempts = new Map<string, number>();
  private readonly stats: Omit<TriggerStats, "inflight" | "window" | "redelivered" | "subscription"> = {
    pushes: 0,
    acked: 0,
    nacked: 0,
    deadlineExceeded: 0,
    dropped: 0,
    maxInflight: 0,
    deadLettered: [],
    statuses: {},
  };

  private readonly opts: TriggerOptions;

  constructor(opts: TriggerOptions) {
    this.opts = opts;
  }

  private get base(): string {
    return `http://${this.opts.pubsubHost}/v1/projects/${this.opts.project}`;
  }

  private async call(method: string, path: string, body?: unknown, okStatuses: number[] = []): Promise<unknown> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok && !okStatuses.includes(res.status)) throw new Error(`Pub/Sub ${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.status === 204 ? undefined : res.json().catch(() => undefined);
  }

  /** Creates the topic, dead-letter topic and subscriptions (as deploying the trigger would), then starts pushing. */
  async start(): Promise<void> {
    const { topic, subscription, deadLetter, ackDeadlineSeconds, backoff } = this.opts;
    await this.call("PUT", `/topics/${topic}`, {}, [409]);
    if (deadLetter) {
      await this.call("PUT", `/topics/${deadLetter.topic}`, {}, [409]);
      await this.call("PUT", `/subscriptions/${subscription}-dead-letters`, { topic: `projects/${this.opts.project}/topics/${deadLetter.topic}`, ackDeadlineSeconds: 60 }, [409]);
    }
    await this.call("PUT", `/subscriptions/${subscription}`, {
      topic: `projects/${this.opts.project}/topics/${topic}`,
      ackDeadlineSeconds,
      retryPolicy: { minimumBackoff: `${backoff.minSeconds}s`, maximumBackoff: `${backoff.maxSeconds}s` },
      ...(deadLetter
        ? { deadLetterPolicy: { deadLetterTopic: `projects/${this.opts.project}/topics/${deadLetter.topic}`, maxDeliveryAttempts: deadLetter.maxDeliveryAttempts } }
        : {}),
    });
    this.running = true;
    this.loop = this.pump();
    if (deadLetter) this.monitor = this.watchDeadLetters();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([this.loop, this.monitor]);
  }

  snapshot(): TriggerStats {
    return {
      subscription: this.opts.subscription,
      ...this.stats,
      deadLettered: [...this.stats.deadLettered],
      statuses: { ...this.stats.statuses },
      inflight: this.inflight,
      window: this.window,
      redelivered: [...this.attempts.values()].filter((n) => n > 1).length,
    };
  }

  resetMaxima(): void {
    this.stats.maxInflight = this.inflight;
  }

  private async pump(): Promise<void> {
    while (this.running) {
      const room = Math.floor(this.window) - this.inflight;
      if (room <= 0) {
        await sleep(5);
        continue;
      }
      let got: Received[] = [];
      try {
        const body = (await this.call("POST", `/subscriptions/${this.opts.subscription}:pull`, { maxMessages: Math.min(100, room), returnImmediately: true })) as
          | { receivedMessages?: Received[] }
          | undefined;
        got = body?.receivedMessages ?? [];
      } catch (err) {
        this.opts.log(`eventarc ${this.opts.subscription}: pull failed: ${(err as Error).message}`);
        await sleep(500);
        continue;
      }
      for (const r of got) void this.push(r);
      if (got.length === 0) await sleep(25);
    }
  }

  private event(r: Received): { headers: Record<string, string>; body: string } {
    const m = r.message;
    const publishTime = m.publishTime ?? new Date().toISOString();
    const message = { attributes: m.attributes ?? {}, data: m.data ?? "", messageId: m.messageId, message_id: m.messageId, publishTime, publish_time: publishTime };
    const body = JSON.stringify({
      message,
      subscription: `projects/${this.opts.project}/subscriptions/${this.opts.subscription}`,
      ...(r.deliveryAttempt ? { deliveryAttempt: r.deliveryAttempt } : {}),
    });
    return {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "ce-id": m.messageId,
        "ce-specversion": "1.0",
        "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
        "ce-source": `//pubsub.googleapis.com/projects/${this.opts.project}/topics/${this.opts.topic}`,
        "ce-time": publishTime,
      },
      body,
    };
  }

  /** One push attempt, as Eventarc makes it: the outcome decides ack, nack or a lapsed lease. */
  private async deliver(messageId: string, headers: Record<string, string>, body: string): Promise<"ack" | "nack" | "lapse"> {
    const count = (status: string): void => {
      this.stats.statuses[status] = (this.stats.statuses[status] ?? 0) + 1;
    };
    if (Buffer.byteLength(body) > MAX_EVENT_BYTES) {
      // Eventarc cannot deliver it: the attempt fails, as every later one will (then the dead-letter topic).
      count("over 512 KB");
      this.opts.log(`eventarc ${this.opts.subscription}: message ${messageId} is ${Buffer.byteLength(body)} bytes as an event, over Eventarc's ${MAX_EVENT_BYTES}`);
      return "nack";
    }
    try {
      const res = await fetch(this.opts.target, { method: "POST", headers, body, signal: AbortSignal.timeout(this.opts.ackDeadlineSeconds * 1000) });
      await res.arrayBuffer().catch(() => undefined);
      count(String(res.status));
      return PUSH_OK.has(res.status) ? "ack" : "nack";
    } catch (err) {
      const timedOut = (err as Error).name === "TimeoutError";
      count(timedOut ? "deadline" : "transport");
      return timedOut ? "lapse" : "nack";
    }
  }

  private async push(r: Received): Promise<void> {
    this.inflight++;
    this.stats.maxInflight = Math.max(this.stats.maxInflight, this.inflight);
    this.stats.pushes++;
    this.attempts.set(r.message.messageId, (this.attempts.get(r.message.messageId) ?? 0) + 1);
    const { headers, body } = this.event(r);
    const outcome = await this.deliver(r.message.messageId, headers, body);
    try {
      if (outcome === "ack") {
        this.stats.acked++;
        this.window = Math.min(this.opts.maxOutstanding, this.window + 1);
        await this.call("POST", `/subscriptions/${this.opts.subscription}:acknowledge`, { ackIds: [r.ackId] });
      } else {
        this.window = Math.max(1, this.window / 2);
        if (!this.opts.retry) {
          this.stats.dropped++; // retry: false: Eventarc acknowledges failed events
          await this.call("POST", `/subscriptions/${this.opts.subscription}:acknowledge`, { ackIds: [r.ackId] });
        } else if (outcome === "nack") {
          this.stats.nacked++;
          // The lease is cut to the retry policy's backoff: the emulator redelivers a nack at once the first time.
          const ackDeadlineSeconds = retryBackoffSeconds(this.attempts.get(r.message.messageId) ?? 1, this.opts.backoff);
          await this.call("POST", `/subscriptions/${this.opts.subscription}:modifyAckDeadline`, { ackIds: [r.ackId], ackDeadlineSeconds });
        } else {
          this.stats.deadlineExceeded++; // the lease lapses by itself
        }
      }
    } catch (err) {
      this.opts.log(`eventarc ${this.opts.subscription}: ${outcome} of ${r.message.messageId} failed: ${(err as Error).message}`);
    } finally {
      this.inflight--;
    }
  }

  private async watchDeadLetters(): Promise<void> {
    const sub = `${this.opts.subscription}-dead-letters`;
    while (this.running) {
      try {
        const body = (await this.call("POST", `/subscriptions/${sub}:pull`, { maxMessages: 100, returnImmediately: true })) as { receivedMessages?: Received[] } | undefined;
        const got = body?.receivedMessages ?? [];
        for (const r of got) {
          const attempts = Number(r.message.attributes?.["CloudPubSubDeadLetterSourceDeliveryCount"] ?? 0);
          this.stats.deadLettered.push({ messageId: r.message.messageId, deliveryAttempts: attempts });
          this.opts.log(`eventarc ${this.opts.subscription}: message dead-lettered after ${attempts} delivery attempts (dead-letter message ${r.message.messageId})`);
        }
        if (this.stats.deadLettered.length > 1_000) this.stats.deadLettered.splice(0, this.stats.deadLettered.length - 1_000);
        if (got.length > 0) await this.call("POST", `/subscriptions/${sub}:acknowledge`, { ackIds: got.map((r) => r.ackId) });
      } catch (err) {
        this.opts.log(`eventarc ${sub}: ${(err as Error).message}`);
      }
      await sleep(1_000);
    }
  }
}
