// Deploy-time options of the read API (Firebase params).
import { defineInt, defineString } from "firebase-functions/params";

export const apiParams = {
  allowedOrigins: defineString("API_ALLOWED_ORIGINS", {
    default: "*",
    description: "Origins that may call the read API from a browser: * or a comma-separated list",
  }),
  requestsPerMinute: defineInt("API_REQUESTS_PER_MINUTE", {
    default: 600,
    description: "Requests per minute and instance one client address may make; beyond, 429. 0 = no limit",
  }),
  cacheSeconds: defineInt("API_CACHE_SECONDS", {
    default: 30,
    description: "Seconds an answer may be reused (browsers; Hosting's CDN and the instance keep it twice that / as long)",
  }),
};

export const apiOptions = { cpu: 1, memory: "512MiB" as const, concurrency: 80, timeoutSeconds: 30, maxInstances: 20, invoker: "public" as const };
