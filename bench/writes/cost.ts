// What a million posts cost in Firestore operations (and Pub/Sub throughput)
// at list prices, from the operations per post that simulate.ts measured.
// Free quotas are left out: at a million posts they are a rounding error.

/** USD per 100,000 documents, Firestore Standard edition. */
export interface FirestorePrices {
  reads: number;
  writes: number;
  deletes: number;
}

// https://firebase.google.com/docs/firestore/pricing ("Pricing by location"),
// read through the stored copy of the page (hl=it), the table that lists them.
export const FIRESTORE_PRICES: Record<"multiRegionUs" | "regionalOregon", FirestorePrices> = {
  multiRegionUs: { reads: 0.06, writes: 0.18, deletes: 0.02 },
  regionalOregon: { reads: 0.03, writes: 0.09, deletes: 0.01 },
};

// https://cloud.google.com/pubsub/pricing: message delivery (basic), USD per TiB
// of throughput; each publish and each delivery is assumed billed at 1 kB at
// least, like the quota units on https://cloud.google.com/pubsub/quotas.
export const PUBSUB_USD_PER_TIB = 40;
export const PUBSUB_MIN_BYTES = 1000;

const round = (usd: number) => Math.round(usd * 1000) / 1000;

export function firestoreCost(perPost: { writes: number; reads: number; deletes: number }, p: FirestorePrices, posts = 1_000_000) {
  const usd = (n: number, price: number) => (n * posts * price) / 100_000;
  const writes = usd(perPost.writes, p.writes);
  const reads = usd(perPost.reads, p.reads);
  const deletes = usd(perPost.deletes, p.deletes);
  return { writes: round(writes), reads: round(reads), deletes: round(deletes), total: round(writes + reads + deletes) };
}

/**
 * Throughput of one topic's `messages` (`bytes` in all), each published once
 * and delivered once (one subscription each). The 1 kB floor is applied to the
 * total, exact when every message of the topic is on the same side of it (so
 * here: a posts message holds a 3 kB article at least, a tick is 20 bytes).
 */
export function pubsubCost(bytes: number, messages: number, posts: number, per = 1_000_000): number {
  const billed = Math.max(bytes, messages * PUBSUB_MIN_BYTES) * 2;
  return round(((billed / posts) * per * PUBSUB_USD_PER_TIB) / 2 ** 40);
}
