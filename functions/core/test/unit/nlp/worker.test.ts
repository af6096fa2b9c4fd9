// The extractor must load and run inside a worker_threads worker (the piscina pool does this).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";

test("extractEntities loads and runs in a worker thread", async () => {
  const moduleUrl = new URL("../../../src/nlp/extract.js", import.meta.url).href;
  const code = `
    import { parentPort } from "node:worker_threads";
    const { extractEntities } = await import(${JSON.stringify(moduleUrl)});
    parentPort.postMessage(extractEntities("Olena Petrenko flew from Vienna to meet NATO officials."));
  `;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  try {
    const result = await new Promise<unknown>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    assert.deepEqual(
      (result as { type: string; text: string }[]).map((e) => `${e.type}:${e.text}`),
      ["person:Olena Petrenko", "place:Vienna", "organization:NATO"],
    );
  } finally {
    await worker.terminate();
  }
});
