// Deploy-time options of the processPosts function (Firebase params, set per
// project in functions/.env.<project>) and run-time tunables of the handler.
import { defineBoolean, defineInt } from "firebase-functions/params";
import { PROCESS_DEFAULTS } from "@newsroom/core/pipeline-defaults";

export const processParams = {
  concurrency: defineInt("PROCESS_CONCURRENCY", {
    default: 80,
    description: "Messages handled at once per processPosts instance (they share one extraction pool)",
  }),
  memoryMb: defineInt("PROCESS_MEMORY_MB", { default: 8192, description: "Memory per processPosts instance, MB" }),
  maxInstances: defineInt("PROCESS_MAX_INSTANCES", { default: 100, description: "Most processPosts instances" }),
  extractThreads: defineInt("EXTRACT_THREADS", {
    default: 0,
    description: "Extraction worker threads per instance; 0 = os.availableParallelism()",
  }),
  articleRetentionDays: defineInt("ARTICLE_RETENTION_DAYS", {
    default: 0,
    description: "Days an article document is kept (expireAt, for a Firestore TTL policy); 0 keeps them. At least 8: an article is also how a redelivered post is recognised",
  }),
  readLegacyLedger: defineBoolean("READ_LEGACY_LEDGER", {
    default: PROCESS_DEFAULTS.readLegacyLedger,
    description: "Also honour the ledger/ and clientIds/ entries of the layout before the rollup; turn off 30 days after upgrading, once their TTL has removed them",
  }),
  readPreviousArticleIds: defineBoolean("READ_PREVIOUS_ARTICLE_IDS", {
    default: true,
    description: "Also recognise posts without a client id by the article id they had before ids of the two kinds were kept apart (one read per such post); turn off a day after upgrading, once no message from before can be redelivered",
  }),
};

export const CPU_CHOICES = [1, 2, 4, 6, 8] as const;

/**
 * vCPUs per instance. firebase-functions types `cpu` as `number | "gcf_gen1"`
 * (no param Expression), so it is read from the environment when the code is
 * loaded (deploy-time discovery sees functions/.env*): PROCESS_CPU, default 8,
 * the most a Cloud Run functions instance offers.
 */
export function processCpu(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PROCESS_CPU?.trim();
  if (!raw) return 8;
  const n = Number(raw);
  if (!(CPU_CHOICES as readonly number[]).includes(n)) {
    throw new Error(`PROCESS_CPU must be one of ${CPU_CHOICES.join(", ")}, got "${raw}"`);
  }
  return n;
}

/** Options for onMessagePublished (add `topic` and `region` when wiring). */
export const processPostsOptions = {
  retry: true,
  concurrency: processParams.concurrency,
  cpu: processCpu(),
  memory: processParams.memoryMb,
  timeoutSeconds: 300,
  maxInstances: processParams.maxInstances,
};
