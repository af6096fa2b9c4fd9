// Publishing to Pub/Sub (ingest's messages, processPosts' rollup ticks): one
// client and one handle per topic per instance.
import { PubSub, type Topic } from "@google-cloud/pubsub";
import type { PublishFn } from "@newsroom/core/batcher";

let client: PubSub | undefined;
const topics = new Map<string, Topic>();

/**
 * A publish function for `topicName` that resolves with the server-assigned
 * message id once Pub/Sub has stored the message, or rejects after timeoutMs
 * (the client keeps retrying transient errors until then).
 */
export function topicPublisher(topicName: string, timeoutMs: number): PublishFn {
  client ??= new PubSub();
  let topic = topics.get(topicName);
  if (!topic) {
    // Our batcher already builds full messages; the client should send them at once.
    topic = client.topic(topicName, { batching: { maxMessages: 10, maxMilliseconds: 1 } });
    topics.set(topicName, topic);
  }
  const target = topic;
  return (data) => withTimeout(target.publishMessage({ data }), timeoutMs);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no publish confirmation within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
