// The front of one function's service, as Cloud Run's request router behaves
// toward it: every request goes to an instance with a free concurrency slot
// (the least busy one), waits in a queue while all slots are taken or the
// instances are restarting, and fails with 429 if it waits longer than the
// request timeout allows; a response later than the timeout becomes a 504; an
// instance that dies mid-request yields a 503. HTTP/1 bodies over 32 MiB are
// refused here (Cloud Run's request limit). Bodies and answers stream through,
// nothing is buffered.
import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FunctionInstance } from "./instance.ts";
import { portOf } from "../net.ts";

export const CLOUD_RUN_MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export type RouterStats = {
  requests: number;
  completed: number;
  /** Answers the router gave itself: 413, 429, 503, 504. */
  refused: Record<string, number>;
  queued: number;
  maxQueued: number;
  perInstance: Array<{ instance: string; inflight: number; maxInflight: number; served: number }>;
};

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not the request.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

function forwardedHeaders(req: IncomingMessage): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  out["x-forwarded-for"] = req.socket.remoteAddress ?? "127.0.0.1";
  out["x-forwarded-proto"] = "http";
  return out;
}

type Pending = { req: IncomingMessage; res: ServerResponse; since: number; timer: NodeJS.Timeout };

export class ServiceRouter {
  private server: Server | undefined;
  private readonly inflight: number[];
  private readonly maxInflight: number[];
  private readonly served: number[];
  private readonly queue: Pending[] = [];
  // Connections to instances are reused, as the platform's are; an idle one is
  // dropped after 2 s, before the framework's server (5 s) would close it under
  // a request about to be sent (which fails as ECONNRESET).
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 2_000 });
  private stats = { requests: 0, completed: 0, maxQueued: 0, refused: {} as Record<string, number> };
  port: number | undefined;

  readonly service: string;
  private readonly instances: readonly FunctionInstance[];
  private readonly concurrency: number;
  private readonly timeoutSeconds: number;

  constructor(service: string, instances: readonly FunctionInstance[], concurrency: number, timeoutSeconds: number) {
    this.service = service;
    this.instances = instances;
    this.concurrency = concurrency;
    this.timeoutSeconds = timeoutSeconds;
    this.inflight = instances.map(() => 0);
    this.maxInflight = instances.map(() => 0);
    this.served = instances.map(() => 0);
  }

  async listen(port = 0): Promise<number> {
    this.server = http.createServer((req, res) => this.accept(req, res));
    this.server.keepAliveTimeout = 5_000; // idle client connections close as Node servers close them
    this.server.requestTimeout = 0; // the router's own timeout applies
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = portOf(this.server);
    return this.port;
  }

  /** An instance came (back) up: hand it queued requests. */
  instanceReady(): void {
    this.drain();
  }

  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) this.answer(p.res, 503, "the service is shutting down");
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    this.agent.destroy();
  }

  snapshot(): RouterStats {
    return {
      ...this.stats,
      refused: { ...this.stats.refused },
      queued: this.queue.length,
      perInstance: this.instances.map((inst, i) => ({ instance: inst.name, inflight: this.inflight[i]!, maxInflight: this.maxInflight[i]!, served: this.served[i]! })),
    };
  }

  resetMaxima(): void {
    this.maxInflight.fill(0);
    this.stats.maxQueued = 0;
  }

  private accept(req: IncomingMessage, res: ServerResponse): void {
    this.stats.requests++;
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > CLOUD_RUN_MAX_REQUEST_BYTES) return this.answer(res, 413, "request body over Cloud Run's 32 MiB limit", req);
    const pending: Pending = {
      req,
      res,
      since: Date.now(),
      timer: setTimeout(() => {
        const at = this.queue.indexOf(pending);
        if (at >= 0) this.queue.splice(at, 1);
        this.answer(res, 429, "no instance became available in time", req);
      }, this.timeoutSeconds * 1000),
    };
    req.once("close", () => {
      // The client gave up while queued.
      const at = this.queue.indexOf(pending);
      if (at >= 0) {
        this.queue.splice(at, 1);
        clearTimeout(pending.timer);
      }
    });
    this.queue.push(pending);
    this.stats.maxQueued = Math.max(this.stats.maxQueued, this.queue.length);
    this.drain();
  }

  private pick(): number | undefined {
    let best: number | undefined;
    this.instances.forEach((inst, i) => {
      if (!inst.alive || inst.port === undefined || this.inflight[i]! >= this.concurrency) return;
      if (best === undefined || this.inflight[i]! < this.inflight[best]!) best = i;
    });
    return best;
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const i = this.pick();
      if (i === undefined) return;
      const p = this.queue.shift()!;
      clearTimeout(p.timer);
      this.dispatch(i, p);
    }
  }

  private dispatch(i: number, { req, res, since }: Pending): void {
    const inst = this.instances[i]!;
    this.inflight[i]!++;
    this.maxInflight[i] = Math.max(this.maxInflight[i]!, this.inflight[i]!);
    this.served[i]!++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inflight[i]!--;
      this.stats.completed++;
      this.drain();
    };
    const remainingMs = Math.max(1, this.timeoutSeconds * 1000 - (Date.now() - since));
    const upstream = http.request({
      host: "127.0.0.1",
      port: inst.port,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req),
      agent: this.agent,
    });
    const timer = setTimeout(() => {
      upstream.destroy(new Error("timeout"));
      this.answer(res, 504, `the function did not answer within its ${this.timeoutSeconds} s timeout`, req);
      release();
    }, remainingMs);
    let responded = false;
    upstream.on("response", (up) => {
      responded = true;
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.once("end", () => clearTimeout(timer));
    });
    upstream.on("error", (err) => {
      clearTimeout(timer);
      // The instance answered before reading the whole body and cut the rest: the answer stands.
      if (responded) {
        req.unpipe(upstream);
        req.resume();
        return;
      }
      // Connection refused or reset before an answer: the instance died (killed, out of memory, crashed).
      this.answer(res, 503, `the instance handling the request ended (${inst.name}: ${(err as NodeJS.ErrnoException).code ?? err.message})`, req);
      release();
    });
    res.once("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
      release();
    });
    req.pipe(upstream);
  }

  private answer(res: ServerResponse, status: number, message: string, req?: IncomingMessage): void {
    this.stats.refused[String(status)] = (this.stats.refused[String(status)] ?? 0) + 1;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ error: `router_${status}`, message });
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
    res.end(body);
    req?.resume();
  }
}
