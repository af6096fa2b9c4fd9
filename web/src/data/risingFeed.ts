// A scope's rising entities (one publication; null: all) on a day (null:
// today so far), from the read API:
// a ranking by change needs the day's articles and the 28 days before, which
// the page cannot read from Firestore. Fetched at once, then again after
// poke() (the scope's article count changed), at most every `refreshMs`: a
// load test changes the count many times a second, and the ranking moves
// slowly. A request still open is aborted by the next one and by stop().
import { api, isAbort } from "./api.ts";
import type { RisingAnswer } from "./api-types.ts";

export const RISING_REFRESH_MS = 30_000;

/** `day`: the day asked for (null: today). */
export type RisingData = ({ kind: "loading" } | { kind: "error"; message: string } | { kind: "data"; answer: RisingAnswer }) & { day: string | null };
export type RisingFeed = { poke(): void; stop(): void };

export function risingFeed(pub: string | null, limit: number, day: string | null, show: (r: RisingData) => void, refreshMs = RISING_REFRESH_MS): RisingFeed {
  let controller: AbortController | null = null;
  let timer = 0;
  let last = -Infinity;
  let stopped = false;
  const load = async () => {
    timer = 0;
    last = performance.now();
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const answer = await api.rising(pub, limit, day, mine.signal);
      if (!mine.signal.aborted) show({ kind: "data", answer, day });
    } catch (err) {
      if (!isAbort(err) && !mine.signal.aborted) show({ kind: "error", message: (err as Error).message, day });
    }
  };
  show({ kind: "loading", day });
  void load();
  return {
    poke() {
      if (stopped || timer) return;
      timer = window.setTimeout(() => void load(), Math.max(0, last + refreshMs - performance.now()));
    },
    stop() {
      stopped = true;
      window.clearTimeout(timer);
      timer = 0;
      controller?.abort();
    },
  };
}
