// Warm workers for the Functions emulator's event-triggered functions, before
// the stack says it is up: the emulator's min instances. It runs each
// invocation in a process of its own and takes them all, HTTP requests
// included, from one queue of FUNCTIONS_EMULATOR_PARALLEL slots. The first
// messages of a fresh stack would each start a cold processPosts worker at
// once (code and extractor loaded 16 times over on a small machine), fill the
// slots for seconds, and ingest's requests would wait behind them. A worker,
// once started, serves later invocations of its function.
//
// processPosts is woken by messages it quarantines (undecodable: nothing
// counted), the rollup by sweep ticks; the stack is new, so the warm-up's only
// traces, the quarantine documents, are deleted with everything else it wrote.
import { setTimeout as sleep } from "node:timers/promises";

export type WarmUpTarget = { pubsubHost: string; firestoreHost: string; project: string; postsTopic: string; rollupTopic: string };

const WARM_UP_ATTRIBUTE = "newsroom-warm-up";

async function publish(t: WarmUpTarget, topic: string, data: string, n: number): Promise<void> {
  const messages = Array.from({ length: n }, (_, i) => ({ data: Buffer.from(data).toString("base64"), attributes: { [WARM_UP_ATTRIBUTE]: String(i) } }));
  // One publish call each, so the emulator hands them to its queue together and starts n workers.
  await Promise.all(
    messages.map(async (m) => {
      const res = await fetch(`http://${t.pubsubHost}/v1/projects/${t.project}/topics/${topic}:publish`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messages: [m] }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`warm-up publish to ${topic}: HTTP ${res.status} ${await res.text()}`);
    }),
  );
}

async function quarantined(t: WarmUpTarget): Promise<number> {
  const res = await fetch(`http://${t.firestoreHost}/v1/projects/${t.project}/databases/(default)/documents/quarantine?pageSize=100`, {
    headers: { authorization: "Bearer owner" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`warm-up: reading quarantine: HTTP ${res.status}`);
  return (((await res.json()) as { documents?: unknown[] }).documents ?? []).length;
}

/**
 * Starts `workers` processPosts and rollup workers and waits (at most
 * `timeoutMs`) until processPosts has handled all its messages; then clears
 * the database. Returns how long it took.
 */
export async function warmUpEmulatorWorkers(t: WarmUpTarget, workers: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await Promise.all([publish(t, t.postsTopic, "warm-up: not a posts message", workers), publish(t, t.rollupTopic, "{}", workers)]);
  while ((await quarantined(t)) < workers) {
    if (performance.now() - started > timeoutMs) throw new Error(`warm-up: processPosts handled ${await quarantined(t)} of ${workers} messages in ${timeoutMs} ms`);
    await sleep(250);
  }
  const res = await fetch(`http://${t.firestoreHost}/emulator/v1/projects/${t.project}/databases/(default)/documents`, { method: "DELETE", signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`warm-up: clearing the database: HTTP ${res.status}`);
  return performance.now() - started;
}
