// Sending the cases over raw HTTP: a fresh connection per case, raw framing straight onto a socket.
import { request } from "node:http";
import { connect } from "node:net";
import { b } from "./builder.js";
import type { HostileCase } from "./types.js";

export type HostileResult = {
  case: HostileCase;
  /** HTTP status, or undefined when the connection failed without an answer. */
  status: number | undefined;
  error?: string;
  /** The start of the answer's body (for the checks below). */
  body: string;
  ms: number;
  /** Sends repeated because the emulator's own proxy failed (see isEmulatorTransportError). */
  transportRetries?: number;
};

/**
 * The Functions emulator proxies each request to a worker process; now and then
 * that hop fails (EPIPE, ECONNRESET) and the emulator itself answers 500 with
 * the socket error as JSON. That answer is the emulator's, not the function's
 * (production has no such hop), so the case is sent again; a repeated case must
 * still get its expected 4xx.
 */
export function isEmulatorTransportError(r: Pick<HostileResult, "status" | "body">): boolean {
  return r.status === 500 && /^\{"errno":-?\d+,"code":"(EPIPE|ECONNRESET)"/.test(r.body);
}

export type RunOptions = {
  /** The ingest function's base URL (…/ingest). */
  url: string;
  concurrency?: number;
  timeoutMs?: number;
  onResult?: (r: HostileResult) => void;
};

export async function runHostileCases(cases: readonly HostileCase[], options: RunOptions): Promise<HostileResult[]> {
  const results: HostileResult[] = [];
  const run = async (list: readonly HostileCase[], concurrency: number) => {
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const c = list[next++]!;
        let r = await sendOne(c, options);
        for (let retry = 1; retry <= 2 && isEmulatorTransportError(r); retry++) {
          r = { ...(await sendOne(c, options)), transportRetries: retry };
        }
        results.push(r);
        options.onResult?.(r);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  await run(
    cases.filter((c) => !c.after),
    options.concurrency ?? 4,
  );
  await run(
    cases.filter((c) => c.after),
    1,
  );
  return results;
}

// A fresh connection per case: a server that closes after a 4xx (431, 413)
// must not turn the next case's reused socket into a false failure.
function sendOne(c: HostileCase, options: RunOptions): Promise<HostileResult> {
  const base = new URL(options.url);
  const basePath = base.pathname.replace(/\/+$/, ""); // a service at the root has pathname "/"
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise<HostileResult>((resolve) => {
    let settled = false;
    const done = (status: number | undefined, body: string, error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ case: c, status, body, ms: Math.round(performance.now() - started), ...(error ? { error } : {}) });
    };
    if (c.raw) {
      const socket = connect({ host: base.hostname, port: Number(base.port) });
      let text = "";
      socket.setTimeout(timeoutMs, () => {
        socket.destroy();
        done(parseStatus(text), text.slice(0, 2_000), "timeout");
      });
      socket.on("connect", () => {
        socket.write(Buffer.concat([b(`${c.method} ${basePath}${c.path} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n`), c.raw!]));
      });
      socket.on("data", (d: Buffer) => {
        text += d.toString("latin1");
        if (text.length > 64_000) socket.destroy();
      });
      socket.on("error", (e) => done(parseStatus(text), text.slice(0, 2_000), text ? undefined : e.message));
      socket.on("close", () => done(parseStatus(text), text.slice(text.indexOf("\r\n\r\n") + 4, 2_000)));
      return;
    }
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: basePath + c.path,
        headers: { ...c.headers, ...(c.body ? { "content-length": String(c.body.length) } : {}) },
        agent: false,
        timeout: timeoutMs,
        insecureHTTPParser: false,
        maxHeaderSize: 64 * 1024,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (d: Buffer) => {
          if (size < 64_000) chunks.push(d);
          size += d.length;
        });
        res.on("end", () => done(res.statusCode, Buffer.concat(chunks).toString("utf8").slice(0, 2_000)));
        res.on("error", (e) => done(res.statusCode, Buffer.concat(chunks).toString("utf8").slice(0, 2_000), e.message));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    // The server may answer (401, 413, 431) and close before the whole body is
    // written; that answer is what counts, so write errors alone do not.
    req.on("error", (e) => setTimeout(() => done(undefined, "", e.message), 200));
    req.end(c.body);
  });
}

function parseStatus(text: string): number | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return m ? Number(m[1]) : undefined;
}
