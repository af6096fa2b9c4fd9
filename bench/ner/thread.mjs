// Worker-thread entry for the cold-start figure: what one new thread of the
// extraction pool pays before its first result (module load, lexicons, first call).
// Plain JavaScript on purpose: the pool's worker is compiled JavaScript, and a
// .ts entry would add Node's TypeScript loader start-up (about 150-200 ms per
// thread here) to a figure that production never pays.
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";

const t0 = performance.now();
const sample = "Ann Lee of Acme Corp flew from Oslo to Lagos.";
if (workerData.name === "product") {
  const { extractEntities } = await import("@newsroom/core/extract");
  extractEntities(sample);
} else {
  const nlp = (await import("compromise")).default;
  const doc = nlp(sample);
  for (const view of [doc.people(), doc.organizations(), doc.places()]) view.json({ offset: true });
}
const loadMs = performance.now() - t0;
globalThis.gc?.();
parentPort?.postMessage({ loadMs, heapMb: getHeapStatistics().used_heap_size / 2 ** 20 });
