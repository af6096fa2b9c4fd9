// The read API's errors: a status, a code and a message the client sees (no
// stack, no internals), and optionally the parameter problems that caused it.
// The type is core's, shared with the dashboard, which reads these answers.
import { ApiError, type Problem } from "@newsroom/core/api-error";

export { ApiError };

export const badRequest = (message: string, problems?: Problem[]) => new ApiError(400, "invalid_request", message, problems);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
