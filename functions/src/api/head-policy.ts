// The read API's head policy for the pre-body guard: GET, HEAD and OPTIONS,
// and no request body at all, decided before the framework reads one; the
// operator's routes (/v1/sources) also take POST, PATCH and DELETE with a
// small JSON body, which the handler parses (unparsed bodies).
import { isAdminPath } from "@newsroom/core/admin-schema";
import { declaredLength, type HeadPolicy } from "../http/pre-body-guard.js";

/** Bytes an admin request's body may take (a URL and a publication name). */
export const ADMIN_BODY_BYTES = 8 * 1024;

export function apiHeadPolicy(): HeadPolicy {
  return {
    maxInflightBytes: 64 * ADMIN_BODY_BYTES,
    unparsedBodies: true,
    check(req, path) {
      const read = req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
      if (!read && isAdminPath(path) && ["POST", "PATCH", "DELETE"].includes(req.method ?? "")) {
        const length = declaredLength(req.headers);
        if (req.headers["transfer-encoding"] !== undefined) return { status: 411, body: { error: "length_required", message: "send the body with a Content-Length" } };
        if ((length ?? 0) > ADMIN_BODY_BYTES) return { status: 413, body: { error: "too_large", message: `admin request bodies are at most ${ADMIN_BODY_BYTES} bytes` } };
        return { admit: length ?? 0 };
      }
      if (!read) {
        return { status: 405, body: { error: "method_not_allowed", message: "the API is read-only: GET" }, headers: { Allow: "GET, HEAD, OPTIONS" } };
      }
      if ((declaredLength(req.headers) ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined) {
        return { status: 413, body: { error: "too_large", message: "API requests carry no body" } };
      }
      return { admit: 0 };
    },
  };
}
