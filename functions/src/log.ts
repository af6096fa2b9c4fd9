// The structured logger the handlers are given: firebase-functions' logger in
// production, a recording one in tests.
export interface Logger {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}
