// Ingest's policy for the pre-body guard: the head checks of gate.ts, run
// before the framework reads the body, so a request without the key, with a
// compressed body, or with a body over the limit costs the instance nothing
// but its headers.
import type { GuardPolicy } from "../http/guard.js";
import { checkHead, declaredLength } from "./gate.js";
import { clipForLog, type IngestLog } from "./handler.js";

export interface PreflightOptions {
  apiKey: () => string;
  maxInflightBytes: number;
  log: (entry: IngestLog) => void;
}

export function ingestPreflight(opts: PreflightOptions): GuardPolicy {
  return {
    maxInflightBytes: opts.maxInflightBytes,
    unparsedBodies: true,
    check(req, path) {
      const refused = checkHead({ method: req.method ?? "", path, headers: req.headers }, opts.apiKey(), true);
      if (refused) return { status: refused.status, body: refused.body, ...(refused.headers ? { headers: refused.headers } : {}) };
      return { admit: declaredLength(req.headers) ?? 0 };
    },
    onRefused(req, path, refusal, latencyMs) {
      opts.log({
        route: clipForLog(path),
        method: req.method ?? "",
        status: refusal.status,
        posts: 0,
        bytes: declaredLength(req.headers) ?? 0,
        messages: 0,
        latencyMs: Math.round(latencyMs * 10) / 10,
        error: "refused before the body was read",
      });
    },
  };
}
