// Cloud Scheduler's part on the local stacks: a POST to a scheduled
// function at its period. The runtime stack POSTs to the function's own
// server (runtime-stack.ts). The Functions emulator runs no scheduler, and
// its Pub/Sub route ("firebase-schedule-NAME") cannot start a v2 scheduled
// function (an HTTP signature), so the harness POSTs to the emulator's
// trigger route for it. Tests run the poller at once with pollFeedsNow
// rather than wait for the minute.

/** How often the harness runs the feed poller under the Functions emulator: every minute, as Cloud Scheduler would. */
export const FEEDS_POLL_MS = 60_000;

/** The Functions emulator's route to a scheduled (non-HTTPS) function: its trigger key is REGION-NAME-0. */
export const emulatorTriggerUrl = (origin: string, project: string, region: string, name: string) => `${origin}/functions/projects/${project}/triggers/${region}-${name}-0`;

/** Publishes an empty message to a Pub/Sub emulator topic. */
export async function publishTick(pubsubHost: string, project: string, topic: string): Promise<void> {
  const res = await fetch(`http://${pubsubHost}/v1/projects/${project}/topics/${topic}:publish`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ data: Buffer.from("{}").toString("base64") }] }),
    signal: AbortSignal.timeout(4_000),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`publishing to ${topic}: HTTP ${res.status}`);
}

/** Publishes a tick to `topic` every `everyMs`. */
export function startTicker(pubsubHost: string, project: string, topic: string, everyMs: number, log: NodeJS.WritableStream): NodeJS.Timeout {
  const timer = setInterval(() => {
    publishTick(pubsubHost, project, topic).catch((err: Error) => log.write(`[harness] tick to ${topic} not sent: ${err.message}\n`));
  }, everyMs);
  timer.unref();
  return timer;
}

/** Runs a scheduled function once, as Cloud Scheduler calls it; resolves when it has answered. */
export async function callScheduled(url: string): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-cloudscheduler": "true", "x-cloudscheduler-scheduletime": new Date().toISOString(), "user-agent": "Google-Cloud-Scheduler" },
    body: "{}",
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
}

/** Calls a scheduled function every `everyMs` (a call still running is not doubled). */
export function startScheduler(url: string, everyMs: number, log: (line: string) => void): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    callScheduled(url)
      .then(() => log(`scheduler: ${url} answered`))
      .catch((err: Error) => log(`scheduler: ${err.message}`))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return timer;
}

/** Runs the feed poller once now, on whichever local stack the environment names (POLL_FEEDS_URL), and waits for its answer. */
export async function pollFeedsNow(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.POLL_FEEDS_URL) throw new Error("POLL_FEEDS_URL is not set: run through a local stack");
  await callScheduled(env.POLL_FEEDS_URL);
}
