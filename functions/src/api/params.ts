// Deploy-time options of the read API (Firebase params).
import { defineInt, defineString } from "firebase-functions/params";

export const apiParams = {
  allowedOrigins: defineString("API_ALLOWED_ORIGINS", {
    default: "*",
    description: "Origins that may call the read API from a browser: * or a comma-separated list",
  }),
  dashboardUrl: defineString("DASHBOARD_URL", {
    default: "",
    description: "The dashboard's URL, for the links /v0/publications gives (empty: links relative to the site serving the API); http or https",
    input: { text: { validationRegex: "^(https?://[^\\s?#]+)?$", validationErrorMessage: "empty, or an http or https URL without query or fragment" } },
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
