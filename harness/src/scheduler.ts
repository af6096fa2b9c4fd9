// Cloud Scheduler's part on the local stacks. The Functions emulator runs no
// scheduler: it triggers a scheduled function from a Pub/Sub topic, so the
// harness publishes to it. The runtime stack POSTs to the function's URL, as
// Cloud Scheduler does (runtime-stack.ts). Tests run the poller at once with
// pollFeedsNow rather than wait for the minute.

/** How often the harness runs the feed poller under the Functions emulator: every minute, as Cloud Scheduler would. */
export const FEEDS_POLL_MS = 60_000;

/** The topic the Functions emulator triggers a scheduled function from. */
export const scheduleTopic = (name: string, region: string) => `firebase-schedule-${name}-${region}`;

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
export function startScheduler(pubsubHost: string, project: string, topic: string, everyMs: number, log: NodeJS.WritableStream): NodeJS.Timeout {
  const timer = setInterval(() => {
    publishTick(pubsubHost, project, topic).catch((err: Error) => log.write(`[harness] tick to ${topic} not sent: ${err.message}\n`));
  }, everyMs);
  timer.unref();
  return timer;
}

/**
 * Runs the feed poller once now, on whichever stack the environment names
 * (POLL_FEEDS_URL: the runtime stack, which answers when the run is done;
 * POLL_FEEDS_TOPIC: the emulators, which run it after the call returns).
 */
export async function pollFeedsNow(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env.POLL_FEEDS_URL) {
    const res = await fetch(env.POLL_FEEDS_URL, { method: "POST", headers: { "x-cloudscheduler": "true", "user-agent": "Google-Cloud-Scheduler" } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`pollFeeds answered ${res.status}`);
    return;
  }
  if (env.POLL_FEEDS_TOPIC && env.PUBSUB_EMULATOR_HOST && env.GCLOUD_PROJECT) return publishTick(env.PUBSUB_EMULATOR_HOST, env.GCLOUD_PROJECT, env.POLL_FEEDS_TOPIC);
  throw new Error("neither POLL_FEEDS_URL nor POLL_FEEDS_TOPIC is set: run through a local stack");
}
