// The one way the feeds package reads the internet: an HTTP(S) GET that treats
// every URL, redirect and answer as hostile.
//
// - Only http: and https: URLs without credentials.
// - The host's name is resolved here, every address it has is checked with
//   addressRefusal, and the connection goes to one of those checked addresses
//   (Node never resolves the name a second time, so a rebinding DNS answer
//   cannot slip a private address in between the check and the connection).
// - Redirects are followed by hand, each hop checked like the first.
// - Bounded in time (connect, and the whole answer including every hop and
//   the body) and in size (on the wire and after inflation, with streaming
//   zlib, so a compression bomb stops at the cap).
// - Statuses other than redirects are answers, not errors: the caller decides
//   what 304, 404, 410, 429 and 503 mean.
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import zlib from "node:zlib";
import { lookup } from "node:dns/promises";
import type { Transform } from "node:stream";
import { addressRefusal } from "./address.js";
import type { FetchFailure, FetchOptions, FetchResult, Resolver } from "./types.js";

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

/** Where one hop connects: a checked address, and the name TLS must verify. */
export interface Target {
  address: string;
  family: 4 | 6;
  port: number;
  /** The URL's hostname (an IP literal without brackets when the URL names an address). */
  servername: string;
  tls: boolean;
}

/** Opens the connection for a hop (TLS included when `target.tls`). Injected in tests. */
export type Connect = (target: Target) => net.Socket;

export interface FetcherOptions {
  userAgent: string;
  /** Allow 127.0.0.0/8 and ::1 (tests, local runs). Never in production. */
  allowLoopback: boolean;
  /** Per connection attempt: TCP connect plus, for https, the TLS handshake. */
  connectTimeoutMs: number;
  /** The whole fetch: resolution, every hop and the body. */
  totalTimeoutMs: number;
  /** Body cap in bytes, on the wire and after inflation; FetchOptions.maxBytes overrides it. */
  maxBytes: number;
  /** Redirects followed before "too-many-redirects"; 5 by default. */
  maxRedirects?: number;
  /** Default: every address dns.lookup finds (A and AAAA, /etc/hosts included). */
  resolve?: Resolver;
  /** Default: net.connect, or tls.connect verifying the certificate against the hostname. */
  connect?: Connect;
}

export type Fetch = (url: string, options?: FetchOptions) => Promise<FetchResult>;

export const DEFAULT_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
/** Addresses of a name tried in turn when connecting fails (an unreachable IPv6 first, say). */
const MAX_CONNECT_ATTEMPTS = 3;

const defaultResolve: Resolver = async (hostname) => (await lookup(hostname, { all: true, order: "verbatim" })).map((entry) => entry.address);

const defaultConnect: Connect = (target) =>
  target.tls
    ? tls.connect({
        host: target.address,
        port: target.port,
        // SNI and the certificate check use the hostname; an IP literal is not sent as SNI
        // (not permitted), and the certificate is then checked against the address.
        ...(net.isIP(target.servername) === 0 ? { servername: target.servername } : {}),
        rejectUnauthorized: true,
        ALPNProtocols: ["http/1.1"],
      })
    : net.connect({ host: target.address, port: target.port, family: target.family });

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function parseUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FetchError("bad-url", `not a URL: ${JSON.stringify(text.slice(0, 200))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError("bad-url", `not an http(s) URL: ${url.protocol}`);
  if (url.username !== "" || url.password !== "") throw new FetchError("bad-url", "credentials in the URL");
  if (url.hostname === "") throw new FetchError("bad-url", "no host in the URL");
  return url;
}

/** The overall time limit of one fetch, as an AbortSignal every stage listens to. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  constructor(readonly ms: number) {
    this.timer = setTimeout(() => this.controller.abort(), ms);
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  error(): FetchError {
    return new FetchError("timeout", `no complete answer within ${this.ms} ms`);
  }
  check(): void {
    if (this.signal.aborted) throw this.error();
  }
  /** `promise`, or the timeout error if the deadline passes first (the promise is then ignored). */
  race<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.error());
      if (this.signal.aborted) return onAbort();
      this.signal.addEventListener("abort", onAbort, { once: true });
      promise.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }
  clear(): void {
    clearTimeout(this.timer);
  }
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set for a redirect status with a Location header. */
  location?: string;
}

/** Lower-case names, the last value where a header repeats. */
function lastValues(raw: string[]): Record<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) values.set((raw[i] as string).toLowerCase(), raw[i + 1] as string);
  // fromEntries defines own properties: a header named __proto__ stays a header.
  return Object.fromEntries(values);
}

function validHeaderValue(name: string, value: string | undefined): value is string {
  if (value === undefined) return false;
  try {
    http.validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `socket` is connected (and, for TLS, the handshake done), within the connect timeout. */
function connected(socket: net.Socket, target: Target, timeoutMs: number, deadline: Deadline): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const isTls = socket instanceof tls.TLSSocket;
    const event = isTls ? "secureConnect" : "connect";
    const where = `${target.address} port ${target.port}`;
    const cleanup = () => {
      clearTimeout(timer);
      socket.off(event, onConnect);
      socket.off("error", onError);
      deadline.signal.removeEventListener("abort", onAbort);
    };
    const fail = (error: FetchError) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: unknown) => fail(new FetchError("connect", `cannot connect to ${where}: ${describe(error)}`));
    const onAbort = () => fail(deadline.error());
    const timer = setTimeout(() => fail(new FetchError("connect", `no connection to ${where} within ${timeoutMs} ms`)), timeoutMs);
    // Errors after this stage reach the request's own listener; this one only
    // keeps a late error from being an uncaught exception.
    socket.on("error", () => {});
    socket.on(event, onConnect);
    socket.on("error", onError);
    deadline.signal.addEventListener("abort", onAbort, { once: true });
    if (target.tls && !isTls) fail(new FetchError("connect", `connect gave a plain socket for an https URL (${where})`));
    else if (deadline.signal.aborted) onAbort();
    else if (!isTls && !socket.pending) onConnect(); // handed over already connected
  });
}

/** Sends the GET over `socket` and reads the answer within the limits. Destroys the socket in every case. */
function exchange(socket: net.Socket, url: URL, headers: Record<string, string>, maxBytes: number, deadline: Deadline): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let settled = false;
    let response: http.IncomingMessage | undefined;
    let decoder: Transform | undefined;
    const ignore = () => {};

    const cleanup = () => {
      deadline.signal.removeEventListener("abort", onAbort);
      decoder?.destroy();
      response?.destroy();
      request.destroy();
      socket.destroy();
    };
    const fail = (error: FetchError) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(error);
    };
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(answer);
    };
    const onAbort = () => fail(deadline.error());

    let request: http.ClientRequest;
    try {
      request = http.request({
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers,
        // The checked, already connected socket: no agent, no lookup of the name.
        createConnection: () => socket,
      });
    } catch (error) {
      socket.destroy();
      reject(new FetchError("bad-url", `cannot request ${url.href}: ${describe(error)}`));
      return;
    }
    request.on("error", (error) => fail(new FetchError("connect", `${url.host}: ${describe(error)}`)));
    deadline.signal.addEventListener("abort", onAbort, { once: true });
    if (deadline.signal.aborted) onAbort();

    request.on("response", (res) => {
      response = res;
      res.on("error", ignore);
      if (settled) return;
      const status = res.statusCode ?? 0;
      const answerHeaders = lastValues(res.rawHeaders);
      const location = answerHeaders["location"];
      if (REDIRECTS.has(status) && location !== undefined) {
        finish({ status, headers: answerHeaders, body: Buffer.alloc(0), location });
        return;
      }
      if (status === 304 || status === 204) {
        finish({ status, headers: answerHeaders, body: Buffer.alloc(0) });
        return;
      }
      const declared = answerHeaders["content-length"];
      if (declared !== undefined && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
        fail(new FetchError("too-large", `Content-Length ${declared.trim()} is over the cap of ${maxBytes} bytes`));
        return;
      }
      const encoding = (answerHeaders["content-encoding"] ?? "identity").trim().toLowerCase();
      if (!["identity", "", "gzip", "x-gzip", "deflate", "br"].includes(encoding)) {
        fail(new FetchError("bad-encoding", `unsupported Content-Encoding ${JSON.stringify(encoding.slice(0, 50))}`));
        return;
      }

      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      const done = () => finish({ status, headers: answerHeaders, body: Buffer.concat(chunks, size) });
      const keep = (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > maxBytes) {
          fail(new FetchError("too-large", `body over the cap of ${maxBytes} bytes${decoder ? " after inflation" : ""}`));
          return;
        }
        chunks.push(chunk);
      };
      const makeDecoder = (first: Buffer): Transform => {
        if (encoding === "br") return zlib.createBrotliDecompress();
        if (encoding === "deflate") {
          // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw
          // deflate: a zlib header is CMF with method 8 and CMF*256+FLG divisible by 31.
          const cmf = first[0] ?? 0;
          const flg = first[1] ?? 0;
          return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0 ? zlib.createInflate() : zlib.createInflateRaw();
        }
        return zlib.createGunzip();
      };
      const identity = encoding === "identity" || encoding === "";
      let pending: Buffer | undefined; // a deflate body's first byte, until the second shows which deflate it is
      const feed = (chunk: Buffer, last = false) => {
        if (decoder === undefined) {
          const head: Buffer = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
          if (encoding === "deflate" && head.length < 2 && !last) {
            pending = head;
            return;
          }
          pending = undefined;
          chunk = head;
          const created = makeDecoder(head);
          decoder = created;
          created.on("data", keep);
          created.on("end", () => done());
          created.on("error", (error) => fail(new FetchError("bad-encoding", `the ${encoding} body does not inflate: ${describe(error)}`)));
        }
        const current = decoder;
        if (!current.write(chunk)) {
          res.pause();
          current.once("drain", () => res.resume());
        }
      };
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        wire += chunk.length;
        if (wire > maxBytes) {
          fail(new FetchError("too-large", `body over the cap of ${maxBytes} bytes`));
          return;
        }
        if (identity) keep(chunk);
        else feed(chunk);
      });
      res.on("end", () => {
        if (settled) return;
        if (identity) done();
        else if (decoder === undefined && pending === undefined) done(); // an empty body, however encoded
        else {
          if (decoder === undefined) feed(Buffer.alloc(0), true); // a one-byte deflate body
          if (!settled) decoder?.end();
        }
      });
      res.on("aborted", () => fail(new FetchError("connect", `${url.host} closed the connection during the body`)));
      res.on("close", () => {
        if (!res.complete) fail(new FetchError("connect", `${url.host} closed the connection during the body`));
      });
    });
    request.end();
  });
}

export function createFetcher(options: FetcherOptions): Fetch {
  const resolve = options.resolve ?? defaultResolve;
  const connect = options.connect ?? defaultConnect;
  const maxRedirects = options.maxRedirects ?? 5;
  http.validateHeaderValue("user-agent", options.userAgent);
  const refusal = (address: string) => addressRefusal(address, { allowLoopback: options.allowLoopback });

  async function addressesOf(url: URL, deadline: Deadline): Promise<string[]> {
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    let addresses: string[];
    if (net.isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = await deadline.race(resolve(host));
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw new FetchError("dns", `${host} does not resolve: ${describe(error)}`);
      }
      if (!Array.isArray(addresses) || addresses.length === 0) throw new FetchError("dns", `${host} has no addresses`);
    }
    // Every address, not just the one connected to: a name that has any private
    // address is refused as a whole.
    for (const address of addresses) {
      const why = refusal(String(address));
      if (why !== undefined) throw new FetchError("forbidden-address", host === address ? `${why}` : `${host} resolves to ${why}`);
    }
    return addresses;
  }

  async function open(url: URL, addresses: string[], deadline: Deadline): Promise<net.Socket> {
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    const secure = url.protocol === "https:";
    const port = url.port === "" ? (secure ? 443 : 80) : Number(url.port);
    const candidates = [...new Set(addresses)].slice(0, MAX_CONNECT_ATTEMPTS);
    let last: FetchError | undefined;
    for (const address of candidates) {
      deadline.check();
      const target: Target = { address, family: net.isIP(address) === 6 ? 6 : 4, port, servername: host, tls: secure };
      let socket: net.Socket;
      try {
        socket = connect(target);
      } catch (error) {
        last = new FetchError("connect", `cannot connect to ${address} port ${port}: ${describe(error)}`);
        continue;
      }
      try {
        return await connected(socket, target, options.connectTimeoutMs, deadline);
      } catch (error) {
        if (!(error instanceof FetchError) || error.reason !== "connect") throw error;
        last = error;
      }
    }
    throw last ?? new FetchError("connect", `no address to connect to for ${host}`);
  }

  async function hop(url: URL, fetchOptions: FetchOptions, maxBytes: number, deadline: Deadline): Promise<Answer> {
    const addresses = await addressesOf(url, deadline);
    deadline.check();
    const socket = await open(url, addresses, deadline);
    const headers: Record<string, string> = {
      Host: url.host,
      "User-Agent": options.userAgent,
      Accept: validHeaderValue("accept", fetchOptions.accept) ? fetchOptions.accept : DEFAULT_ACCEPT,
      "Accept-Encoding": "gzip, deflate, br",
    };
    // Validators come from a server's earlier answer: sent only when they are valid header values.
    if (validHeaderValue("if-none-match", fetchOptions.etag)) headers["If-None-Match"] = fetchOptions.etag;
    if (validHeaderValue("if-modified-since", fetchOptions.lastModified)) headers["If-Modified-Since"] = fetchOptions.lastModified;
    return exchange(socket, url, headers, maxBytes, deadline);
  }

  return async (url, fetchOptions = {}) => {
    const maxBytes = fetchOptions.maxBytes ?? options.maxBytes;
    const deadline = new Deadline(options.totalTimeoutMs);
    try {
      let current = parseUrl(url);
      let redirects = 0;
      let permanent = true;
      for (;;) {
        const answer = await hop(current, fetchOptions, maxBytes, deadline);
        if (answer.location === undefined) {
          const result: FetchResult = { status: answer.status, url: current.href, headers: answer.headers, body: answer.body };
          if (redirects > 0 && permanent) result.movedTo = current.href;
          return result;
        }
        if (redirects >= maxRedirects) throw new FetchError("too-many-redirects", `more than ${maxRedirects} redirects from ${url}`);
        redirects += 1;
        permanent &&= PERMANENT.has(answer.status);
        current = parseUrl(answer.location, current);
      }
    } finally {
      deadline.clear();
    }
  };
}
