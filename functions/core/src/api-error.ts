// The read API's error, one type for both sides: the API throws it and sends
// its problem JSON (toJSON); the dashboard reads an error answer back into it
// (fromAnswer), so a code or message means the same on either side. Plain
// code, no zod or Node: the dashboard bundles it.

/** One parameter that was wrong, by its path in the query ("limit", "cursor"). */
export type Problem = { path: string; message: string };

/** The body of every error answer: a stable code, a message fit to show, and the parameter problems behind a 400. */
export type ApiProblem = { error: string; message: string; problems?: Problem[] };

export class ApiError extends Error {
  /** HTTP status; 0 when no answer came (the dashboard's network failures). */
  readonly status: number;
  readonly code: string;
  readonly problems?: Problem[];
  constructor(status: number, code: string, message: string, problems?: Problem[]) {
    super(message);
    this.status = status;
    this.code = code;
    if (problems) this.problems = problems;
  }

  /** The problem JSON the API sends (JSON.stringify calls it too). */
  toJSON(): ApiProblem {
    return { error: this.code, message: this.message, ...(this.problems ? { problems: this.problems } : {}) };
  }

  /** An error answer read back: its own code and message where it has them, else the status says what happened. */
  static fromAnswer(status: number, body: unknown): ApiError {
    const e = (typeof body === "object" && body !== null ? body : {}) as Partial<Record<keyof ApiProblem, unknown>>;
    return new ApiError(
      status,
      typeof e.error === "string" ? e.error : "http",
      typeof e.message === "string" ? e.message : `HTTP ${status}`,
      Array.isArray(e.problems) ? e.problems.filter(isProblem) : undefined,
    );
  }
}

const isProblem = (p: unknown): p is Problem =>
  typeof p === "object" && p !== null && typeof (p as Problem).path === "string" && typeof (p as Problem).message === "string";
