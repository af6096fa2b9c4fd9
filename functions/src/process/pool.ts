// The extraction pool: piscina worker threads, created lazily once per
// instance (module scope) and shared by every concurrent invocation, so the
// event loop never runs compromise itself. Size: EXTRACT_THREADS if set to a
// positive integer (the param of the same name lands in the environment),
// otherwise (unset or 0) os.availableParallelism().
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { Entity } from "@newsroom/core/extract";

/** Resolved next to this module: works from functions/lib and functions/.test-build/src alike. */
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

let shared: Piscina<readonly string[], Entity[][]> | undefined;

/** The instance's pool, created on first use with `threads` (default: poolSizeFromEnv()). */
export function getExtractionPool(threads?: number): Piscina<readonly string[], Entity[][]> {
  if (!shared) {
    const size = threads ?? poolSizeFromEnv();
    shared = new Piscina<readonly string[], Entity[][]>({
      filename: WORKER_URL,
      minThreads: size,
      maxThreads: size,
      // Threads stay up for the instance's lifetime: the extractor loads once per thread.
      idleTimeout: 2 ** 31 - 1,
      // A second task waits in each worker's port, so a worker never idles
      // until the (possibly descheduled) main thread hands it the next one.
      // Tasks are synchronous: they still run one at a time per thread.
      concurrentTasksPerWorker: 2,
    });
  }
  return shared;
}

/** Stops the shared pool (tests, benchmarks); the next call creates a new one. */
export async function destroyExtractionPool(): Promise<void> {
  const p = shared;
  shared = undefined;
  if (p) await p.destroy();
}

/** Splits `n` items into batches of at most MAX_BATCH, about two per thread. */
export function batchSize(n: number, threads: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(n / (2 * threads))));
}

/** Extracts entities from every text on the pool, results in input order. */
export async function extractOnPool(
  texts: readonly string[],
  pool: Piscina<readonly string[], Entity[][]> = getExtractionPool(),
): Promise<Entity[][]> {
  const size = batchSize(texts.length, pool.maxThreads);
  const tasks: Promise<Entity[][]>[] = [];
  for (let i = 0; i < texts.length; i += size) tasks.push(pool.run(texts.slice(i, i + size)));
  return (await Promise.all(tasks)).flat();
}

/**
 * Loads the extractor in every thread now (when an instance starts) rather
 * than in the first messages' time; resolves with how long that took.
 */
export async function warmExtractionPool(pool = getExtractionPool()): Promise<{ threads: number; ms: number }> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: pool.maxThreads }, () => pool.run(["Warm-up text from Paris."])));
  return { threads: pool.maxThreads, ms: Math.round(performance.now() - t0) };
}

/** One post's extraction: its entities, or why there are none. */
export type Extracted = { ok: true; entities: Entity[] } | { ok: false; reason: string };

/** A post gets this long on the pool (queueing included) before it is run alone once more, then given up. */
export const EXTRACT_TIMEOUT_MS = 60_000;

async function runWithTimeout(pool: Piscina<readonly string[], Entity[][]>, texts: readonly string[], timeoutMs: number): Promise<Entity[][]> {
  // Aborting a running task makes piscina terminate (and replace) its thread.
  return pool.run(texts, { signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * Extracts every text on the pool, keeping failures to the text that causes
 * them: a batch that throws (or times out) is run again one text at a time,
 * and a text that still fails alone gets a reason instead of entities.
 */
export async function extractEach(
  texts: readonly string[],
  pool: Piscina<readonly string[], Entity[][]> = getExtractionPool(),
  timeoutMs = EXTRACT_TIMEOUT_MS,
): Promise<Extracted[]> {
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
