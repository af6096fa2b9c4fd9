// Production dependencies of the feed poller, read from params at run time.
import { randomUUID } from "node:crypto";
import { getFirestore } from "firebase-admin/firestore";
import * as logger from "firebase-functions/logger";
import { Batcher } from "@newsroom/core/batcher";
import { articleId, paths } from "@newsroom/core/firestore-schema";
import { INGEST_DEFAULTS } from "@newsroom/core/pipeline-defaults";
import { HostQueue } from "@newsroom/feeds/politeness";
import { RobotsRules } from "@newsroom/feeds/robots";
import { finishPoll, leaseDueSources } from "@newsroom/store/sources";
import { postsTopic, publishedAtBounds } from "../config.js";
import { feedFetcher, fetchParams, userAgent } from "../fetcher.js";
import { topicPublisher } from "../pubsub/publisher.js";
import type { PollerDeps } from "./handler.js";
import { feedParams, POLL_BUDGET_MS, RUN_BUDGET_MS, SOURCE_LEASE_MS } from "./params.js";

const instance = randomUUID().slice(0, 8);
const ROBOTS_TTL_MS = 60 * 60_000;
const ROBOTS_HOSTS = 2_000;
const PUBLISH_TIMEOUT_MS = 30_000;

// Per instance: the hosts' queues and robots.txt outlive one run.
let shared: { hosts: HostQueue; robots: RobotsRules; batcher: Batcher } | undefined;

function instanceParts() {
  if (shared) return shared;
  const hosts = new HostQueue({ delayMs: feedParams.hostDelayMs.value() });
  const fetch = feedFetcher();
  return (shared = {
    hosts,
    robots: new RobotsRules({ fetch: (url, options) => hosts.run(url, () => fetch(url, options)), userAgent: userAgent(fetchParams.contactUrl.value()), ttlMs: ROBOTS_TTL_MS, maxHosts: ROBOTS_HOSTS }),
    // The same packing as ingest's.
    batcher: new Batcher({ publish: topicPublisher(postsTopic.value(), PUBLISH_TIMEOUT_MS), maxPosts: INGEST_DEFAULTS.maxPostsPerMessage, maxBytes: INGEST_DEFAULTS.maxMessageBytes, windowMs: INGEST_DEFAULTS.batchWindowMs }),
  });
}

export function pollerDeps(): PollerDeps {
  const db = getFirestore();
  const { hosts, robots, batcher } = instanceParts();
  return {
    lease: (request) => leaseDueSources(db, request),
    finish: (id, owner, update) => finishPoll(db, id, owner, update),
    collect: {
      fetch: feedFetcher(),
      robots,
      hosts,
      async collected(pubKey, postIds) {
        const refs = postIds.map((id) => db.doc(paths.article(articleId(pubKey, id, "", 0))));
        const snaps = refs.length > 0 ? await db.getAll(...refs) : [];
        return new Set(postIds.filter((_, i) => snaps[i]?.exists));
      },
      publish: async (posts) => {
        await batcher.submit(posts);
      },
      dateBounds: publishedAtBounds(),
      now: () => new Date(),
      limits: {
        intervals: { minMs: feedParams.minIntervalMinutes.value() * 60_000, maxMs: feedParams.maxIntervalHours.value() * 3_600_000 },
        itemsPerPoll: feedParams.itemsPerPoll.value(),
        childSitemaps: 5,
        feedBytes: fetchParams.maxFeedBytes.value(),
        pageBytes: fetchParams.maxPageBytes.value(),
        minTextChars: feedParams.minTextChars.value(),
        fetchPages: feedParams.fetchPages.value(),
        pollBudgetMs: POLL_BUDGET_MS,
      },
    },
    owner: `${instance}-${randomUUID().slice(0, 8)}`,
    sourcesPerRun: feedParams.sourcesPerRun.value(),
    parallelHosts: feedParams.parallelHosts.value(),
    runBudgetMs: RUN_BUDGET_MS,
    leaseMs: SOURCE_LEASE_MS,
    log: (message, entry) => logger.info(message, entry),
  };
}
