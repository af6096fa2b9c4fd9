// The extraction pool: the entity extractor spread over piscina worker
// threads, so the event loop of the process that owns it never runs the
// extractor itself. Whoever creates one owns it: processPosts keeps one per
// instance (process/deps.ts), shared by every concurrent invocation; a
// benchmark creates its own and destroys it. Size: `threads`, or
// poolSizeFromEnv(): EXTRACT_THREADS if set to a positive integer (the param
// of the same name lands in the environment), otherwise (unset or 0)
// os.availableParallelism().
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { Entity } from "./nlp/extract.js";

type Threads = Piscina<readonly string[], Entity[][]>;

/** Resolved next to this module: works from core/lib and core/.test-build/src alike. */
export const WORKER_URL = new URL("./extract-worker.js", import.meta.url).href;

/** Posts per task at most: amortises messaging while keeping threads balanced. */
export const MAX_BATCH = 16;

export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EXTRACT_THREADS?.trim();
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`EXTRACT_THREADS must be a non-negative integer, got "${raw}"`);
    if (n > 0) return n;
  }
  return availableParallelism();
}

/** Splits `n` items into batches of at most MAX_BATCH, about two per thread. */
export function batchSize(n: number, threads: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(n / (2 * threads))));
}

async function extractAll(pool: Threads, texts: readonly string[]): Promise<Entity[][]> {
  const size = batchSize(texts.length, pool.maxThreads);
  const tasks: Promise<Entity[][]>[] = [];
  for (let i = 0; i < texts.length; i += size) tasks.push(pool.run(texts.slice(i, i + size)));
  return (await Promise.all(tasks)).flat();
}

async function warm(pool: Threads): Promise<{ threads: number; ms: number }> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: pool.maxThreads }, () => pool.run(["Warm-up text from Paris."])));
  return { threads: pool.maxThreads, ms: Math.round(performance.now() - t0) };
}

/** One post's extraction: its entities, or why there are none. */
export type Extracted = { ok: true; entities: Entity[] } | { ok: false; reason: string };

/** A post gets this long on the pool (queueing included) before it is run alone once more, then given up. */
export const EXTRACT_TIMEOUT_MS = 60_000;

async function runWithTimeout(pool: Threads, texts: readonly string[], timeoutMs: number): Promise<Entity[][]> {
  // Aborting a running task makes piscina terminate (and replace) its thread.
  return pool.run(texts, { signal: AbortSignal.timeout(timeoutMs) });
}

async function extractEach(pool: Threads, texts: readonly string[], timeoutMs: number): Promise<Extracted[]> {
  const size = batchSize(texts.length, pool.maxThreads);
  const out: Extracted[] = new Array(texts.length);
  const alone = async (i: number) => {
    try {
      const [entities] = await runWithTimeout(pool, [texts[i]!], timeoutMs);
      out[i] = { ok: true, entities: entities ?? [] };
    } catch (err) {
      out[i] = { ok: false, reason: `extraction failed: ${describe(err, timeoutMs)}` };
    }
  };
  const tasks: Promise<void>[] = [];
  for (let from = 0; from < texts.length; from += size) {
    const slice = texts.slice(from, from + size);
    tasks.push(
      runWithTimeout(pool, slice, timeoutMs).then(
        (results) => results.forEach((entities, k) => (out[from + k] = { ok: true, entities })),
        async () => {
          for (let k = 0; k < slice.length; k++) await alone(from + k);
        },
      ),
    );
  }
  await Promise.all(tasks);
  return out;
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no result within ${timeoutMs / 1000} s`;
  return `${e?.name ?? "Error"}: ${String(e?.message ?? err).slice(0, 500)}`;
}

export interface ExtractionPoolOptions {
  /** Worker threads (default: poolSizeFromEnv()). */
  threads?: number;
  /** How long a post may take on the pool (default EXTRACT_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface ExtractionPool {
  readonly threads: number;
  /** Entities of every text, in input order; a failing batch rejects the whole call. */
  extractAll(texts: readonly string[]): Promise<Entity[][]>;
  /**
   * Entities of every text, keeping failures to the text that causes them: a
   * batch that throws (or times out) is run again one text at a time, and a
   * text that still fails alone gets a reason instead of entities.
   */
  extractEach(texts: readonly string[]): Promise<Extracted[]>;
  /**
   * Loads the extractor in every thread now (when an instance starts) rather
   * than in the first messages' time; resolves with how long that took.
   */
  warm(): Promise<{ threads: number; ms: number }>;
  /** Tasks finished and threads alive, for tests and benchmarks. */
  stats(): { completed: number; threads: number };
  /** Stops the threads; the pool is not to be used afterwards. */
  destroy(): Promise<void>;
}

/** A pool of `threads` workers that stay up until destroy(): the extractor loads once per thread. */
export function createExtractionPool(options: ExtractionPoolOptions = {}): ExtractionPool {
  const size = options.threads ?? poolSizeFromEnv();
  const timeoutMs = options.timeoutMs ?? EXTRACT_TIMEOUT_MS;
  const pool: Threads = new Piscina<readonly string[], Entity[][]>({
    filename: WORKER_URL,
    minThreads: size,
    maxThreads: size,
    idleTimeout: 2 ** 31 - 1,
    // A second task waits in each worker's port, so a worker never idles
    // until the (possibly descheduled) main thread hands it the next one.
    // Tasks are synchronous: they still run one at a time per thread.
    concurrentTasksPerWorker: 2,
  });
  return {
    threads: size,
    extractAll: (texts) => extractAll(pool, texts),
    extractEach: (texts) => extractEach(pool, texts, timeoutMs),
    warm: () => warm(pool),
    stats: () => ({ completed: pool.completed, threads: pool.threads.length }),
    destroy: () => pool.destroy(),
  };
}
