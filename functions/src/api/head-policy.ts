// The read API's head policy for the pre-body guard: GET, HEAD and OPTIONS only,
// and no request body at all, decided before the framework reads one.
import { declaredLength, type HeadPolicy } from "../http/pre-body-guard.js";

export function apiHeadPolicy(): HeadPolicy {
  return {
    maxInflightBytes: 0,
    check(req) {
      if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") {
        return { status: 405, body: { error: "method_not_allowed", message: "the API is read-only: GET" }, headers: { Allow: "GET, HEAD, OPTIONS" } };
      }
      if ((declaredLength(req.headers) ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined) {
        return { status: 413, body: { error: "too_large", message: "API requests carry no body" } };
      }
      return { admit: 0 };
    },
  };
}
