// Ingest's policy for the pre-body guard: the head checks of gate.ts, run
// before the framework reads the body, so a request without a valid key, with
// a compressed body, with a body over the limit, or from a key whose bucket is
// empty costs the instance nothing but its headers (and, for a client key the
// instance has not seen lately, one Firestore read, which the guard awaits
// while the body stays unread).
import type { GuardPolicy } from "../http/guard.js";
import type { AddressedRequest } from "../http/client-address.js";
import type { IngestAccess } from "./access.js";
import { checkHead, declaredLength } from "./gate.js";
import { clipForLog, type IngestLog } from "./handler.js";

export interface PreflightOptions {
  access: () => IngestAccess;
  clientAddress: (req: AddressedRequest) => string;
  maxInflightBytes: number;
  log: (entry: IngestLog) => void;
}

export function ingestPreflight(opts: PreflightOptions): GuardPolicy {
  return {
    maxInflightBytes: opts.maxInflightBytes,
    unparsedBodies: true,
    async check(req, path) {
      const head = { method: req.method ?? "", path, headers: req.headers, address: opts.clientAddress(req) };
      const verdict = await checkHead(head, opts.access(), true);
      if ("refused" in verdict) {
        const { status, body, headers } = verdict.refused;
        return { status, body, ...(headers ? { headers } : {}) };
      }
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
