// A gate in front of the framework's body parsers.
//
// In production an HTTP function runs inside @google-cloud/functions-framework,
// whose Express app reads, inflates and parses every request body (limit
// 1024 MB, gzip/deflate/br on) before any user code runs. An anonymous 2 KB
// brotli body can so cost the instance a gigabyte before the handler's key
// check. The framework loads the user module before it builds its HTTP server
// (build/src/main.js: getUserFunction, then getServer -> http.createServer), so
// a module can wrap http.createServer and see each request's head first. This
// module does that: a request the head rules out is answered at once and its
// body is never parsed or kept (see LINGER); an admitted one goes on to
// the framework unchanged. It is a no-op where nobody calls createServer after
// it (the Functions emulator's worker builds its server the same way and is
// skipped on purpose: see shouldGuard).
import http, { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export type Refusal = { status: number; body: unknown; headers?: Record<string, string> };

export type Verdict = Refusal | { admit: number };

/** What a function decides from a request's head before its body is read (ingest/head-policy.ts, api/head-policy.ts). */
export interface HeadPolicy {
  /**
   * A refusal for this request head, or the bytes its body may take once
   * admitted. It may be a promise (a key looked up in Firestore): meanwhile
   * nobody reads the body, so Node buffers at most a socket's worth of it and
   * then stops reading from the client (TCP backpressure).
   */
  check(req: IncomingMessage, path: string): Verdict | Promise<Verdict>;
  /**
   * Hand admitted bodies to the handler as bytes (req.body a Buffer, the
   * original Content-Type kept for originalContentType): the framework's JSON
   * parser then never runs, so a body is parsed once, by the handler, and a
   * malformed one gets the handler's answer rather than Express's default
   * error handler, which logs the request body itself.
   */
  unparsedBodies?: boolean;
  /** Declared body bytes admitted at once in this instance; beyond it, 503 until some finish. */
  maxInflightBytes: number;
  /** Called for every request answered here (the handler never sees them). */
  onRefused?(req: IncomingMessage, path: string, refusal: Refusal, latencyMs: number): void;
}

export const GUARDED = Symbol.for("newsroom.preBodyGuard");
const ORIGINAL_TYPE = Symbol.for("newsroom.originalContentType");
// A type only body-parser's catch-all raw parser takes.
const UNPARSED_TYPE = "application/octet-stream";

let installed = false;

/**
 * Wraps http.createServer so that servers created from now on run `policy()`
 * (evaluated once per server; undefined leaves that server alone) before their
 * own request listeners. Idempotent.
 */
export function installPreBodyGuard(policy: () => HeadPolicy | undefined): void {
  if (installed) return;
  installed = true;
  const original = http.createServer;
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const server = (original as (...a: unknown[]) => Server).apply(this, args);
    const p = policy();
    if (p) interpose(server, p);
    return server;
  };
  http.createServer = wrapped as typeof http.createServer;
}

/** The request's path as Express's req.path gives it (no query string). */
export function requestPath(url: string | undefined): string {
  const raw = url ?? "/";
  if (raw.startsWith("/")) return raw.split("?", 1)[0]!;
  try {
    return new URL(raw).pathname; // absolute-form request target
  } catch {
    return raw;
  }
}

function interpose(server: Server, policy: HeadPolicy): void {
  const inner = server.listeners("request") as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners("request");
  let inflight = 0;

  const gate = (req: IncomingMessage, res: ServerResponse, onAdmit: () => void) => {
    const started = performance.now();
    const path = requestPath(req.url);
    let verdict: Verdict | Promise<Verdict>;
    try {
      verdict = policy.check(req, path);
    } catch (err) {
      verdict = Promise.reject(err);
    }
    if (!(verdict instanceof Promise)) return decide(req, res, path, verdict, started, onAdmit);
    verdict.then(
      (v) => decide(req, res, path, v, started, onAdmit),
      () => decide(req, res, path, { status: 500, body: { error: "internal", message: "internal error" } }, started, onAdmit),
    );
  };

  // Synchronous from the verdict on, so the in-flight budget is checked and
  // charged in one step.
  const decide = (req: IncomingMessage, res: ServerResponse, path: string, verdict: Verdict, started: number, onAdmit: () => void) => {
    // The client gave up while the verdict was pending: nothing to answer, nothing to hand on.
    if (req.socket.destroyed) return;
    let refusal: Refusal | undefined = "admit" in verdict ? undefined : verdict;
    const bytes = "admit" in verdict ? verdict.admit : 0;
    if (!refusal && bytes > 0 && inflight + bytes > policy.maxInflightBytes && inflight > 0) {
      refusal = {
        status: 503,
        body: { error: "unavailable", message: "this instance is reading other large requests; retry shortly" },
        headers: { "Retry-After": "1" },
      };
    }
    if (refusal) {
      refuse(req, res, refusal);
      policy.onRefused?.(req, path, refusal, performance.now() - started);
      return;
    }
    inflight += bytes;
    res.once("close", () => (inflight -= bytes));
    const tags = req as unknown as Record<symbol, unknown>;
    tags[GUARDED] = true;
    if (policy.unparsedBodies && req.headers["content-type"] !== undefined) {
      tags[ORIGINAL_TYPE] = req.headers["content-type"];
      req.headers["content-type"] = UNPARSED_TYPE;
    }
    onAdmit();
    for (const listener of inner) listener.call(server, req, res);
  };

  server.on("request", (req: IncomingMessage, res: ServerResponse) => gate(req, res, () => undefined));
  // "Expect: 100-continue": decide before the client sends the body at all.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => gate(req, res, () => res.writeContinue()));
}

/**
 * After a refusal the body is read and thrown away, so a client still sending
 * gets to read the answer, but only this much: then reading stops (the
 * client's writes block while the answer waits for it) and after `ms` the
 * connection is cut. Nothing is kept.
 */
export const LINGER = { maxBytes: 4 * 1024 * 1024, ms: 2_000 } as const;

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify(refusal.body);
  let discarded = 0;
  const timer = setTimeout(() => req.socket.destroy(), LINGER.ms);
  timer.unref();
  const done = () => clearTimeout(timer);
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER.maxBytes) req.pause();
  });
  req.once("end", done);
  req.socket.once("close", done);
  req.resume(); // consuming it ourselves also stops Node from draining it without a bound
  res.writeHead(refusal.status, {
    ...refusal.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** The body's declared length in bytes; undefined when the request has none (Node has validated the header). */
export function declaredLength(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers["content-length"];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Whether a request reached the handler through the guard. */
export function passedGuard(req: object): boolean {
  return (req as Record<symbol, unknown>)[GUARDED] === true;
}

/** The Content-Type the client sent (the guard may have hidden it from the framework's parsers). */
export function originalContentType(req: { headers: { "content-type"?: string | undefined } }): string | undefined {
  const kept = (req as Record<symbol, unknown>)[ORIGINAL_TYPE];
  return typeof kept === "string" ? kept : req.headers["content-type"];
}

/**
 * The function this process serves in production (Cloud Run sets
 * FUNCTION_TARGET for the framework, and K_SERVICE to the lower-cased name);
 * undefined under the Functions emulator, whose workers parse bodies with
 * their own limits and route health checks through the same server.
 */
export function servedFunction(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.FUNCTIONS_EMULATOR === "true") return undefined;
  return env.FUNCTION_TARGET || env.K_SERVICE || undefined;
}
