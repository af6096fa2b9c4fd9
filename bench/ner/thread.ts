// Worker-thread entry for the cold-start figure: what one new thread of the
// extraction pool pays before its first result (module load, lexicons, first call).
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { loadExtractor, type ExtractorName } from "./extractors.ts";

const t0 = performance.now();
const extract = await loadExtractor((workerData as { name: ExtractorName }).name);
extract("Ann Lee of Acme Corp flew from Oslo to Lagos.");
const loadMs = performance.now() - t0;
(globalThis as { gc?: () => void }).gc?.();
parentPort?.postMessage({ loadMs, heapMb: getHeapStatistics().used_heap_size / 2 ** 20 });
