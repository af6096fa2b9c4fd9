// Ingest's head policy for the pre-body guard: the checks of head-checks.ts, run
// before the framework reads the body, so a request without a valid key, with
// a compressed body, with a body over the limit, or from a key whose bucket is
// empty costs the instance nothing but its headers (and, for a client key the
// instance has not seen lately, one Firestore read, which the guard awaits
// while the body stays unread).
import { declaredLength, type HeadPolicy } from "../http/pre-body-guard.js";
import type { AddressedRequest } from "../http/client-address.js";
import type { IngestAccess } from "./access.js";
import { checkHead } from "./head-checks.js";
import { clipForLog, type IngestLog } from "./handler.js";

export interface IngestHeadPolicyOptions {
  access: () => IngestAccess;
  clientAddress: (req: AddressedRequest) => string;
  maxInflightBytes: number;
  log: (entry: IngestLog) => void;
}

export function ingestHeadPolicy(opts: IngestHeadPolicyOptions): HeadPolicy {
  return {
    maxInflightBytes: opts.maxInflightBytes,
    unparsedBodies: true,
    async check(req, path) {
      const head = { method: req.method ?? "", path, headers: req.headers, address: opts.clientAddress(req) };
      const verdict = await checkHead(head, opts.access(), { bodyUnread: true });
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
