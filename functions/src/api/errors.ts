// The read API's errors: a status, a code and a message the client sees (no
// stack, no internals), and optionally the parameter problems that caused it.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems?: Array<{ path: string; message: string }>;
  constructor(status: number, code: string, message: string, problems?: Array<{ path: string; message: string }>) {
    super(message);
    this.status = status;
    this.code = code;
    if (problems) this.problems = problems;
  }
}

export const badRequest = (message: string, problems?: Array<{ path: string; message: string }>) => new ApiError(400, "invalid_request", message, problems);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
