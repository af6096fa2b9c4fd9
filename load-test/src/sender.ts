// Sends posts to the ingest endpoint: N concurrent clients, batches of posts
// per request, a target rate with ramp-up, retries with backoff on 5xx, 429,
// timeouts and network errors (safe because every post carries a client id).
import { dayOf, type Day } from "@newsroom/core/firestore-schema";
import type { LoadPost } from "./corpus/types.ts";
import { dueAt, type RatePlan } from "./rate.ts";
import { LatencyRecorder } from "./stats.ts";

export type SendOptions = {
  /** Base URL of the ingest function; requests go to `${url}/posts`. */
  url: string;
  apiKey: string;
  postsPerRequest: number;
  concurrency: number;
  rate: RatePlan;
  /** Stop after this many posts (undefined: when the source ends). */
  maxPosts?: number;
  /** Stop taking new posts after this many seconds. */
  durationSeconds?: number;
  /** Retries per request; only used when posts carry ids (otherwise a retry could count twice). */
  retries: number;
  withIds: boolean;
  timeoutMs: number;
  onProgress?: (p: Progress) => void;
  /** Called with the posts of every request answered 202. */
  onAccepted?: (posts: readonly LoadPost[]) => void;
};

export type Progress = {
  sent: number;
  accepted: number;
  failed: number;
  errors: number;
  elapsedS: number;
  latency: { p50: number; p99: number };
};

/** Posts answered 202, and posts of unknown fate (a final 5xx or timeout: maybe published). */
export type Tally = { accepted: number; unknown: number };
/** A publication's posts; `days`: the dated ones by the UTC day they count on, `undated`: how many carried no publishedAt. */
export type PublicationTally = Tally & { days: Map<Day, Tally>; undated: number };

export type SendResult = {
  durationS: number;
  requests: number;
  retries: number;
  sent: number;
  accepted: number;
  /** Posts whose request finally failed: with 4xx they were refused; with 5xx or a timeout, maybe published. */
  failed: number;
  errors: Record<string, number>;
  latencyMs: number[];
  byPublication: Map<string, PublicationTally>;
  /** ms since epoch of the last 202. */
  lastAcceptedAt: number;
};

/** Counts one post in its publication's tally. */
export function countPost(tallies: Map<string, PublicationTally>, p: Pick<LoadPost, "publication" | "publishedAt">, outcome: keyof Tally): void {
  let t = tallies.get(p.publication);
  if (!t) tallies.set(p.publication, (t = { accepted: 0, unknown: 0, days: new Map(), undated: 0 }));
  t[outcome]++;
  if (p.publishedAt === undefined) return void t.undated++;
  // The day the pipeline counts it on (a valid publishedAt alone decides it; the endpoint refuses an invalid one).
  const day = dayOf(p.publishedAt, new Date());
  const d = t.days.get(day) ?? { accepted: 0, unknown: 0 };
  d[outcome]++;
  t.days.set(day, d);
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

export async function sendAll(source: AsyncIterable<LoadPost> | Iterable<LoadPost>, options: SendOptions): Promise<SendResult> {
  const iterator = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<LoadPost>)[Symbol.iterator]()) as
    | AsyncIterator<LoadPost>
    | Iterator<LoadPost>;
  const latency = new LatencyRecorder();
  const result: SendResult = {
    durationS: 0,
    requests: 0,
    retries: 0,
    sent: 0,
    accepted: 0,
    failed: 0,
    errors: {},
    latencyMs: latency.all,
    byPublication: new Map(),
    lastAcceptedAt: 0,
  };
  const started = performance.now();
  const elapsedS = () => (performance.now() - started) / 1000;
  let taken = 0;
  let exhausted = false;

  // Batches are taken one at a time (the source is shared by every client).
  let taking: Promise<unknown> = Promise.resolve();
  const takeBatch = (): Promise<{ posts: LoadPost[]; first: number } | undefined> => {
    const next = taking.then(async () => {
      const posts: LoadPost[] = [];
      const first = taken;
      while (posts.length < options.postsPerRequest && !exhausted) {
        if (options.maxPosts !== undefined && taken >= options.maxPosts) exhausted = true;
        else if (options.durationSeconds !== undefined && elapsedS() >= options.durationSeconds) exhausted = true;
        else {
          const item = await iterator.next();
          if (item.done) exhausted = true;
          else {
            posts.push(item.value);
            taken++;
          }
        }
      }
      return posts.length > 0 ? { posts, first } : undefined;
    });
    taking = next;
    return next;
  };

  const countError = (kind: string) => (result.errors[kind] = (result.errors[kind] ?? 0) + 1);

  const client = async () => {
    for (let batch = await takeBatch(); batch; batch = await takeBatch()) {
      const wait = dueAt(batch.first + batch.posts.length - 1, options.rate) * 1000 - (performance.now() - started);
      if (wait > 0) await sleep(wait);
      result.sent += batch.posts.length;
      const body = JSON.stringify(batch.posts.map((p) => (options.withIds ? strip(p) : strip({ ...p, id: undefined }))));
      const outcome = await sendWithRetries(body, options, latency, countError, () => result.retries++);
      result.requests += outcome.attempts;
      if (outcome.status === 202) {
        result.accepted += batch.posts.length;
        result.lastAcceptedAt = Date.now();
        for (const p of batch.posts) countPost(result.byPublication, p, "accepted");
        options.onAccepted?.(batch.posts);
      } else {
        result.failed += batch.posts.length;
        // A final 5xx or timeout may still have published some posts.
        if (outcome.status === undefined || RETRYABLE(outcome.status)) for (const p of batch.posts) countPost(result.byPublication, p, "unknown");
      }
    }
  };

  const ticker = options.onProgress
    ? setInterval(() => options.onProgress!(progress()), 250)
    : undefined;
  const progress = (): Progress => ({
    sent: result.sent,
    accepted: result.accepted,
    failed: result.failed,
    errors: Object.values(result.errors).reduce((a, b) => a + b, 0),
    elapsedS: elapsedS(),
    latency: latency.live(),
  });
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, client));
  } finally {
    clearInterval(ticker);
  }
  options.onProgress?.(progress());
  result.durationS = elapsedS();
  return result;
}

// Only the fields the endpoint takes (corpus sources may carry bookkeeping).
function strip(p: Partial<LoadPost>): Partial<LoadPost> {
  const { publication, content, title, url, publishedAt, id } = p;
  return { publication, content, title, url, publishedAt, id };
}

async function sendWithRetries(
  body: string,
  options: SendOptions,
  latency: LatencyRecorder,
  countError: (kind: string) => void,
  onRetry: () => void,
): Promise<{ status: number | undefined; attempts: number }> {
  const maxAttempts = 1 + (options.withIds ? options.retries : 0);
  let status: number | undefined;
  for (let attempt = 1; ; attempt++) {
    let retryAfterS: number | undefined;
    const t0 = performance.now();
    try {
      const res = await fetch(`${options.url}/posts`, {
        method: "POST",
        headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await res.arrayBuffer();
      status = res.status;
      latency.add(performance.now() - t0);
      if (status === 202) return { status, attempts: attempt };
      countError(`http_${status}`);
      const header = Number(res.headers.get("retry-after"));
      if (Number.isFinite(header) && header > 0) retryAfterS = header;
      if (!RETRYABLE(status)) return { status, attempts: attempt };
    } catch (err) {
      status = undefined;
      countError((err as Error).name === "TimeoutError" ? "timeout" : "network");
    }
    if (attempt >= maxAttempts) return { status, attempts: attempt };
    onRetry();
    await sleep(retryAfterS !== undefined ? retryAfterS * 1000 : backoffMs(attempt));
  }
}

/** Exponential backoff with full jitter: uniform in [0, min(10 s, 250 ms · 2^(attempt-1))]. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(10_000, 250 * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
