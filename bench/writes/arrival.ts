// Requests arriving at a steady rate, packed into Pub/Sub messages by the real
// ingest Batcher on a simulated clock (node:test's mock timers and Date), so an
// hour of arrivals takes milliseconds and every run packs the same way.
import { mock } from "node:test";
import { Batcher } from "@newsroom/core/batcher";
import type { Post } from "@newsroom/core/post";

export interface PackOptions {
  maxPosts: number;
  maxBytes: number;
  windowMs: number;
}

export interface PackedMessage {
  id: string;
  /** The message body as published. */
  data: Buffer;
  /** When the batcher sealed and published it (epoch ms, simulated). */
  sealedAt: number;
}

/**
 * Publishes `requests` (the posts of each) through one Batcher (one ingest
 * instance), request k arriving at `startMs + round(k * intervalMs)`. A batch
 * timer due at the instant a request arrives fires first.
 */
export function packMessages(requests: ReadonlyArray<readonly Post[]>, intervalMs: number, startMs: number, options: PackOptions): PackedMessage[] {
  const out: PackedMessage[] = [];
  mock.timers.enable({ apis: ["setTimeout", "Date"], now: startMs });
  try {
    const batcher = new Batcher({
      ...options,
      publish: (data) => {
        const id = `m${out.length}`;
        out.push({ id, data, sealedAt: Date.now() });
        return Promise.resolve(id);
      },
    });
    // mock.timers.tick(n) runs every timer due within n with Date at the end
    // of n, so the clock stops at each instant a batch timer can be due (a
    // submit + windowMs): the batcher then stamps its messages exactly.
    const stops: number[] = [];
    const advanceTo = (t: number) => {
      while (stops.length > 0 && stops[0]! <= t) mock.timers.tick(stops.shift()! - Date.now());
      mock.timers.tick(t - Date.now());
    };
    requests.forEach((posts, k) => {
      const at = startMs + Math.round(k * intervalMs);
      advanceTo(at);
      // Settles once published; the fake publish cannot fail, so nothing to await.
      void batcher.submit(posts);
      stops.push(at + options.windowMs);
    });
    advanceTo(stops.at(-1) ?? startMs);
  } finally {
    mock.timers.reset();
  }
  return out;
}
