// Cold start and memory per worker thread, measured the way the pool pays them:
// threads started one after another in this process, each loading the extractor afresh.
import { Worker } from "node:worker_threads";
import type { ExtractorName } from "./extractors.ts";

export interface ThreadCost {
  /** Worst time from `new Worker` to the first result, ms (thread start included). */
  coldMs: number;
  /** Same, measured inside the thread from its first line (import + lexicons + first call). */
  loadMs: number;
  /** V8 heap in use in the thread after load (after a GC when --expose-gc is on), MB. */
  heapMb: number;
  /** Process resident memory added per thread, MB (mean over the threads). */
  rssMb: number;
}

export async function measureThreads(name: ExtractorName, count = 2): Promise<ThreadCost> {
  const workers: Worker[] = [];
  const cost: ThreadCost = { coldMs: 0, loadMs: 0, heapMb: 0, rssMb: 0 };
  const rss0 = process.memoryUsage.rss();
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const w = new Worker(new URL("./thread.mjs", import.meta.url), { workerData: { name } });
      workers.push(w);
      const r = await new Promise<{ loadMs: number; heapMb: number }>((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
      });
      cost.coldMs = Math.max(cost.coldMs, performance.now() - t0);
      cost.loadMs = Math.max(cost.loadMs, r.loadMs);
      cost.heapMb = Math.max(cost.heapMb, r.heapMb);
    }
    cost.rssMb = (process.memoryUsage.rss() - rss0) / 2 ** 20 / count;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return cost;
}
