// The safe fetcher against local servers on 127.0.0.1 only: every other name is
// answered by an injected resolver, and every refusal is checked to happen
// before any connection (an injected connect that records its calls).
import assert from "node:assert/strict";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import zlib from "node:zlib";
import { once } from "node:events";
import { after, describe, it } from "node:test";
import { createFetcher, DEFAULT_ACCEPT, FetchError, type Connect, type FetcherOptions, type Target } from "../../src/fetch.js";
import type { FetchFailure, Resolver } from "../../src/types.js";

// A self-signed certificate for feeds.example (valid 2000-2100), for the https tests only.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgzDasnMrbRiOlGGEc
ZepFYEKZN04V33p5NfmaBOuP4XyhRANCAAQhLc5FAI/uuPBWNO/N5/rxX9XJgsaS
nog4IURf0RGfG1OKVh4ONnRSmaHa+sbiTbFIaPn7FXxTjm0Vy820qjcD
-----END PRIVATE KEY-----
`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBbTCCAROgAwIBAgIBATAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA1mZWVkcy5l
eGFtcGxlMCAXDTAwMDEwMTAwMDAwMFoYDzIxMDAwMTAxMDAwMDAwWjAYMRYwFAYD
VQQDDA1mZWVkcy5leGFtcGxlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIS3O
RQCP7rjwVjTvzef68V/VyYLGkp6IOCFEX9ERnxtTilYeDjZ0Upmh2vrG4k2xSGj5
+xV8U45tFcvNtKo3A6NMMEowGAYDVR0RBBEwD4INZmVlZHMuZXhhbXBsZTAPBgNV
HRMBAf8EBTADAQH/MB0GA1UdDgQWBBRSoUsxka+5elWj3SCsYX66VBi94DAKBggq
hkjOPQQDAgNIADBFAiBda0X86GYlxHsKzo3i0VdDKs488Xkk5CkVsawvQUyWeQIh
APZ99oIJkKQ1i8Ry1AFJBqwVLUWod8JTGROvOXU/iJP1
-----END CERTIFICATE-----
`;

const MB = 1024 * 1024;

interface Local {
  port: number;
  /** Requests the server received, in order. */
  requests: http.IncomingMessage[];
  /** Resolves when every connection the server accepted has closed. */
  allClosed(): Promise<void>;
}

const servers: (http.Server | net.Server)[] = [];
after(async () => {
  for (const server of servers) {
    if (server instanceof http.Server) server.closeAllConnections();
    server.close();
  }
});

function track(server: http.Server | net.Server): { sockets: Set<net.Socket> } {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return { sockets };
}

async function listen(server: http.Server | net.Server, handlerRequests: http.IncomingMessage[]): Promise<Local> {
  servers.push(server);
  const { sockets } = track(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    requests: handlerRequests,
    async allClosed() {
      const started = Date.now();
      while (sockets.size > 0) {
        if (Date.now() - started > 2000) assert.fail(`${sockets.size} server connection(s) still open`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** An http server on 127.0.0.1 answering with `handler`. */
function serve(handler: (request: http.IncomingMessage, response: http.ServerResponse, port: number) => void): Promise<Local> {
  const requests: http.IncomingMessage[] = [];
  let port = 0;
  const server = http.createServer((request, response) => {
    requests.push(request);
    handler(request, response, port);
  });
  return listen(server, requests).then((local) => {
    port = local.port;
    return local;
  });
}

/** A resolver from a fixed table; other names do not resolve. Records its lookups. */
function table(entries: Record<string, string[]>): Resolver & { lookups: string[] } {
  const lookups: string[] = [];
  const resolve = async (hostname: string) => {
    lookups.push(hostname);
    const addresses = entries[hostname];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses;
  };
  return Object.assign(resolve, { lookups });
}

/** The default connection (plain TCP to the checked address), recording each target. */
function recording(): Connect & { targets: Target[] } {
  const targets: Target[] = [];
  const connect = (target: Target) => {
    targets.push(target);
    assert.ok(target.address.startsWith("127.") || target.address === "::1", `connect to ${target.address}`);
    return net.connect({ host: target.address, port: target.port });
  };
  return Object.assign(connect, { targets });
}

/** A connect that must never run: refusals happen before any connection. */
function never(): Connect & { targets: Target[] } {
  const targets: Target[] = [];
  const connect = (target: Target): net.Socket => {
    targets.push(target);
    assert.fail(`connect called for ${target.address}`);
  };
  return Object.assign(connect, { targets });
}

function fetcher(overrides: Partial<FetcherOptions> = {}) {
  return createFetcher({
    userAgent: "NewsroomTest/1.0 (+https://newsroom.example/bot)",
    allowLoopback: true,
    connectTimeoutMs: 1000,
    totalTimeoutMs: 5000,
    maxBytes: MB,
    ...overrides,
  });
}

async function fails(promise: Promise<unknown>, reason: FetchFailure, message?: RegExp): Promise<FetchError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof FetchError, `expected a FetchError "${reason}", got ${caught instanceof Error ? caught.stack : String(caught)}`);
  assert.equal(caught.reason, reason, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** A port nothing listens on (listened on, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, "close");
  return port;
}

describe("createFetcher: URLs", () => {
  it("refuses what is not an http(s) URL, and credentials in the URL, before resolving or connecting", async () => {
    const resolve = table({ "feeds.example": ["127.0.0.1"] });
    const connect = never();
    const fetch = fetcher({ resolve, connect });
    for (const url of ["ftp://feeds.example/feed.xml", "file:///etc/passwd", "javascript:alert(1)", "data:text/plain,hi", "gopher://feeds.example:70/", "not a url", "", "//feeds.example/feed", "http://user:secret@feeds.example/feed", "https://user@feeds.example/feed"]) {
      await fails(fetch(url), "bad-url");
    }
    assert.deepEqual(resolve.lookups, []);
    assert.deepEqual(connect.targets, []);
  });
});

describe("createFetcher: forbidden addresses", () => {
  const cases: [string, string[]][] = [
    ["private", ["10.0.0.1"]],
    ["metadata", ["169.254.169.254"]],
    ["unique-local", ["fd00::1"]],
    ["mixed public and private", ["93.184.216.34", "192.168.1.1"]],
    ["private after public IPv6", ["2606:2800:220:1:248:1893:25c8:1946", "fd12:3456::1"]],
    ["IPv4-mapped private", ["::ffff:10.0.0.1"]],
    ["carrier-grade NAT", ["100.100.100.200"]],
    ["unspecified", ["0.0.0.0"]],
    ["an answer that is not an address", ["93.184.216.34", "not-an-address"]],
  ];
  for (const [name, addresses] of cases) {
    it(`refuses a name that resolves to ${name} (${addresses.join(", ")}) without connecting`, async () => {
      const connect = never();
      const fetch = fetcher({ allowLoopback: false, resolve: table({ "feeds.example": addresses }), connect });
      await fails(fetch("http://feeds.example/feed.xml"), "forbidden-address", /feeds\.example resolves to/);
      assert.deepEqual(connect.targets, []);
    });
  }

  it("refuses IP literals in URLs, however the URL spells them", async () => {
    const resolve = table({});
    const connect = never();
    const fetch = fetcher({ allowLoopback: false, resolve, connect });
    for (const url of [
      "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/",
      "https://[fd00::1]/feed",
      "http://[fe80::1]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://127.0.0.1/",
      "http://[::1]:8080/",
      "http://2130706433/", // 127.0.0.1 as one number
      "http://0x7f.1/", // 127.0.0.1 again
      "http://0/", // 0.0.0.0
      "http://[::]/",
    ]) {
      await fails(fetch(url), "forbidden-address", undefined);
    }
    assert.deepEqual(resolve.lookups, []);
    assert.deepEqual(connect.targets, []);
  });

  it("refuses loopback when allowLoopback is false, even with a server listening there", async () => {
    const local = await serve((_request, response) => response.end("secret"));
    const connect = never();
    const fetch = fetcher({ allowLoopback: false, resolve: table({ localhost: ["127.0.0.1", "::1"] }), connect });
    await fails(fetch(`http://127.0.0.1:${local.port}/`), "forbidden-address", /loopback address 127\.0\.0\.1/);
    await fails(fetch(`http://localhost:${local.port}/`), "forbidden-address", /localhost resolves to loopback/);
    assert.equal(local.requests.length, 0);
    assert.deepEqual(connect.targets, []);
  });
});

describe("createFetcher: resolution and connection failures", () => {
  it("reports a name that does not resolve, or resolves to nothing, as dns", async () => {
    const fetch = fetcher({ resolve: table({ "empty.example": [] }), connect: never() });
    await fails(fetch("http://missing.example/"), "dns", /missing\.example does not resolve: .*ENOTFOUND/);
    await fails(fetch("http://empty.example/"), "dns", /no addresses/);
  });

  it("gives up on a resolver that never answers at the total timeout", async () => {
    const fetch = fetcher({ resolve: () => new Promise<string[]>(() => {}), connect: never(), totalTimeoutMs: 200 });
    const [, ms] = await timed(() => fails(fetch("http://slow-dns.example/"), "timeout"));
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it("reports a refused port as connect", async () => {
    const port = await closedPort();
    await fails(fetcher()(`http://127.0.0.1:${port}/feed`), "connect", /ECONNREFUSED/);
  });

  it("reports a connection that never completes as connect, at the connect timeout", async () => {
    // A socket that is never connected stands for a host that drops SYNs.
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.1"] }), connect: () => new net.Socket(), connectTimeoutMs: 150 });
    const [, ms] = await timed(() => fails(fetch("http://feeds.example/"), "connect", /within 150 ms/));
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it("tries the next checked address when one refuses the connection", async () => {
    const local = await serve((_request, response) => response.end("ok"));
    const connect = recording();
    // The server listens on 127.0.0.1 only: 127.0.0.2 (loopback too) refuses.
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.2", "127.0.0.1"] }), connect });
    const result = await fetch(`http://feeds.example:${local.port}/`);
    assert.equal(result.body.toString(), "ok");
    assert.deepEqual(connect.targets.map((target) => target.address), ["127.0.0.2", "127.0.0.1"]);
  });
});

describe("createFetcher: answers", () => {
  it("GETs over a connection to the checked address, with the Host, User-Agent, Accept and Accept-Encoding headers", async () => {
    const local = await serve((_request, response) => {
      response.setHeader("Content-Type", "application/rss+xml");
      response.setHeader("X-Repeated", ["first", "last"]);
      response.end("<rss/>");
    });
    const connect = recording();
    const resolve = table({ "feeds.example": ["127.0.0.1"] });
    const fetch = fetcher({ resolve, connect });
    const result = await fetch(`http://feeds.example:${local.port}/feed.xml?page=2#top`);
    assert.equal(result.status, 200);
    assert.equal(result.url, `http://feeds.example:${local.port}/feed.xml?page=2#top`);
    assert.equal(result.movedTo, undefined);
    assert.equal(result.headers["content-type"], "application/rss+xml");
    assert.equal(result.headers["x-repeated"], "last");
    assert.equal(result.body.toString(), "<rss/>");
    assert.deepEqual(resolve.lookups, ["feeds.example"]);
    assert.deepEqual(connect.targets, [{ address: "127.0.0.1", family: 4, port: local.port, servername: "feeds.example", tls: false }]);
    const [request] = local.requests;
    assert.ok(request);
    assert.equal(request.method, "GET");
    assert.equal(request.url, "/feed.xml?page=2");
    assert.equal(request.headers.host, `feeds.example:${local.port}`);
    assert.equal(request.headers["user-agent"], "NewsroomTest/1.0 (+https://newsroom.example/bot)");
    assert.equal(request.headers.accept, DEFAULT_ACCEPT);
    assert.equal(request.headers["accept-encoding"], "gzip, deflate, br");
    assert.equal(request.headers["if-none-match"], undefined);
    await local.allClosed();
  });

  it("sends the caller's Accept, and a Host without the default port", async () => {
    const local = await serve((_request, response) => response.end("{}"));
    const targets: Target[] = [];
    // The URL names port 80; the connection is redirected to the local server's port.
    const connect: Connect = (target) => {
      targets.push(target);
      return net.connect({ host: "127.0.0.1", port: local.port });
    };
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.1"] }), connect });
    await fetch("http://feeds.example/feed.json", { accept: "application/feed+json" });
    assert.equal(targets[0]?.port, 80);
    assert.equal(local.requests[0]?.headers.host, "feeds.example");
    assert.equal(local.requests[0]?.headers.accept, "application/feed+json");
  });

  it("connects to an IPv6 literal as family 6, with the bracketed Host", async () => {
    const local = await serve((_request, response) => response.end("v6"));
    const targets: Target[] = [];
    const connect: Connect = (target) => {
      targets.push(target);
      return net.connect({ host: "127.0.0.1", port: local.port });
    };
    const result = await fetcher({ resolve: table({}), connect })(`http://[::1]:${local.port}/`);
    assert.equal(result.body.toString(), "v6");
    assert.deepEqual(targets, [{ address: "::1", family: 6, port: local.port, servername: "::1", tls: false }]);
    assert.equal(local.requests[0]?.headers.host, `[::1]:${local.port}`);
  });

  it("sends the validators and returns a 304 with an empty body", async () => {
    const local = await serve((request, response) => {
      if (request.headers["if-none-match"] === '"v7"' && request.headers["if-modified-since"] === "Tue, 01 Dec 2026 10:00:00 GMT") {
        response.writeHead(304, { ETag: '"v7"' });
        response.end();
      } else response.end("full feed");
    });
    const fetch = fetcher();
    const result = await fetch(`http://127.0.0.1:${local.port}/feed`, { etag: '"v7"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" });
    assert.equal(result.status, 304);
    assert.equal(result.body.length, 0);
    assert.equal(result.headers.etag, '"v7"');
    assert.equal((await fetch(`http://127.0.0.1:${local.port}/feed`)).body.toString(), "full feed");
  });

  it("leaves out a validator that is not a valid header value instead of failing", async () => {
    const local = await serve((_request, response) => response.end("ok"));
    const result = await fetcher()(`http://127.0.0.1:${local.port}/`, { etag: '"a"\r\nX-Injected: 1', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" });
    assert.equal(result.status, 200);
    assert.equal(local.requests[0]?.headers["if-none-match"], undefined);
    assert.equal(local.requests[0]?.headers["x-injected"], undefined);
    assert.equal(local.requests[0]?.headers["if-modified-since"], "Tue, 01 Dec 2026 10:00:00 GMT");
  });

  it("returns 404, 410, 429 and 503 as answers with their headers (Retry-After passed through) and bodies", async () => {
    const local = await serve((request, response) => {
      const status = Number(request.url?.slice(1));
      if (status === 429 || status === 503) response.setHeader("Retry-After", "120");
      response.statusCode = status;
      response.end(`status ${status}`);
    });
    const fetch = fetcher();
    for (const status of [404, 410, 429, 503]) {
      const result = await fetch(`http://127.0.0.1:${local.port}/${status}`);
      assert.equal(result.status, status);
      assert.equal(result.body.toString(), `status ${status}`);
      assert.equal(result.headers["retry-after"], status === 429 || status === 503 ? "120" : undefined);
    }
  });

  it("inflates gzip, zlib deflate, raw deflate and brotli bodies", async () => {
    const text = "<rss>" + "item ".repeat(10_000) + "</rss>";
    const bodies: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      "x-gzip": zlib.gzipSync(text),
      deflate: zlib.deflateSync(text),
      "raw-deflate": zlib.deflateRawSync(text),
      br: zlib.brotliCompressSync(text),
    };
    const local = await serve((request, response) => {
      const name = request.url?.slice(1) ?? "";
      response.setHeader("Content-Encoding", name === "raw-deflate" ? "deflate" : name);
      response.end(bodies[name]);
    });
    const fetch = fetcher();
    for (const name of Object.keys(bodies)) {
      const result = await fetch(`http://127.0.0.1:${local.port}/${name}`);
      assert.equal(result.body.toString(), text, name);
    }
  });

  it("inflates a deflate body whose first packet is a single byte", async () => {
    const text = "<feed>" + "entry ".repeat(1000) + "</feed>";
    const local = await serve((request, response) => {
      const body = request.url === "/raw" ? zlib.deflateRawSync(text) : zlib.deflateSync(text);
      response.writeHead(200, { "Content-Encoding": "deflate" });
      response.flushHeaders();
      response.write(body.subarray(0, 1));
      setTimeout(() => response.end(body.subarray(1)), 30);
    });
    const fetch = fetcher();
    for (const path of ["/zlib", "/raw"]) assert.equal((await fetch(`http://127.0.0.1:${local.port}${path}`)).body.toString(), text, path);
  });

  it("returns an empty body labelled gzip as empty", async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": "0" });
      response.end();
    });
    const result = await fetcher()(`http://127.0.0.1:${local.port}/`);
    assert.equal(result.status, 200);
    assert.equal(result.body.length, 0);
  });
});

describe("createFetcher: redirects", () => {
  /** /hop/N/STATUS redirects to /hop/N-1/STATUS (relative), /hop/0/... answers. */
  async function chain(): Promise<Local> {
    return serve((request, response) => {
      const [, , left, status] = (request.url ?? "").split("/");
      const n = Number(left);
      if (n > 0) {
        response.writeHead(Number(status), { Location: `../${n - 1}/${status}` });
        response.end("moved");
      } else response.end("arrived");
    });
  }

  it("follows a chain of permanent redirects (relative Locations) and reports where the URL moved", async () => {
    const local = await chain();
    const base = `http://127.0.0.1:${local.port}`;
    for (const status of [301, 308]) {
      const result = await fetcher()(`${base}/hop/3/${status}`);
      assert.equal(result.status, 200);
      assert.equal(result.body.toString(), "arrived");
      assert.equal(result.url, `${base}/hop/0/${status}`);
      assert.equal(result.movedTo, `${base}/hop/0/${status}`);
    }
  });

  it("does not report a move when any hop is temporary (302, 303, 307)", async () => {
    const local = await serve((request, response) => {
      const routes: Record<string, [number, string]> = {
        "/a": [301, "/b"],
        "/b": [302, "/c"],
        "/c": [308, "/d"],
        "/t302": [302, "/d"],
        "/t303": [303, "/d"],
        "/t307": [307, "/d"],
      };
      const route = routes[request.url ?? ""];
      if (route) {
        response.writeHead(route[0], { Location: route[1] });
        response.end();
      } else response.end(`at ${request.url}`);
    });
    const base = `http://127.0.0.1:${local.port}`;
    const fetch = fetcher();
    const mixed = await fetch(`${base}/a`);
    assert.equal(mixed.url, `${base}/d`);
    assert.equal(mixed.body.toString(), "at /d");
    assert.equal(mixed.movedTo, undefined);
    for (const path of ["/t302", "/t303", "/t307"]) {
      const result = await fetch(base + path);
      assert.equal(result.status, 200);
      assert.equal(result.url, `${base}/d`);
      assert.equal(result.movedTo, undefined, path);
    }
  });

  it("follows 5 redirects and refuses a 6th", async () => {
    const local = await chain();
    const base = `http://127.0.0.1:${local.port}`;
    const fetch = fetcher();
    assert.equal((await fetch(`${base}/hop/5/302`)).body.toString(), "arrived");
    const before = local.requests.length;
    await fails(fetch(`${base}/hop/6/302`), "too-many-redirects");
    assert.equal(local.requests.length - before, 6, "the 6th redirect's target is not requested");
    await fails(fetcher({ maxRedirects: 0 })(`${base}/hop/1/301`), "too-many-redirects");
    await fails(fetch(`${base}/hop/1000/301`), "too-many-redirects");
  });

  it("checks every hop like the first: a redirect to a name with a private address is refused without connecting to it", async () => {
    const local = await serve((request, response) => {
      const targets: Record<string, string> = {
        "/to-internal": "http://internal.example/admin",
        "/to-metadata": "http://169.254.169.254/computeMetadata/v1/",
        "/to-mapped": "http://[::ffff:10.0.0.5]/",
        "/to-file": "file:///etc/passwd",
        "/to-credentials": "http://user:pw@feeds.example/",
        "/to-broken": "http://[nope/",
      };
      response.writeHead(302, { Location: targets[request.url ?? ""] ?? "/" });
      response.end();
    });
    const resolve = table({ "feeds.example": ["127.0.0.1"], "internal.example": ["10.0.0.5"] });
    const connect = recording();
    const fetch = fetcher({ resolve, connect });
    const base = `http://feeds.example:${local.port}`;
    await fails(fetch(`${base}/to-internal`), "forbidden-address", /internal\.example resolves to private address 10\.0\.0\.5/);
    assert.deepEqual(resolve.lookups, ["feeds.example", "internal.example"]);
    await fails(fetch(`${base}/to-metadata`), "forbidden-address", /169\.254\.169\.254/);
    await fails(fetch(`${base}/to-mapped`), "forbidden-address", /10\.0\.0\.5/);
    await fails(fetch(`${base}/to-file`), "bad-url");
    await fails(fetch(`${base}/to-credentials`), "bad-url");
    await fails(fetch(`${base}/to-broken`), "bad-url");
    // Only the local server was ever connected to.
    assert.equal(connect.targets.length, 6);
    assert.ok(connect.targets.every((target) => target.address === "127.0.0.1" && target.port === local.port));
  });

  it("follows a redirect to another host, resolving it and sending its Host", async () => {
    const local = await serve((request, response) => {
      if (request.headers.host?.startsWith("old.example")) {
        response.writeHead(301, { Location: `http://new.example:${local.port}/feed` });
        response.end();
      } else response.end(`host ${request.headers.host}`);
    });
    const resolve = table({ "old.example": ["127.0.0.1"], "new.example": ["127.0.0.1"] });
    const result = await fetcher({ resolve, connect: recording() })(`http://old.example:${local.port}/rss`);
    assert.equal(result.body.toString(), `host new.example:${local.port}`);
    assert.equal(result.movedTo, `http://new.example:${local.port}/feed`);
    assert.deepEqual(resolve.lookups, ["old.example", "new.example"]);
  });

  it("returns a redirect status without a Location as an answer", async () => {
    const local = await serve((_request, response) => {
      response.statusCode = 301;
      response.end("nowhere");
    });
    const result = await fetcher()(`http://127.0.0.1:${local.port}/`);
    assert.equal(result.status, 301);
    assert.equal(result.movedTo, undefined);
  });
});

describe("createFetcher: limits", () => {
  it("times out a server that trickles its body, and closes the connection", async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/rss+xml" });
      const timer = setInterval(() => response.write("<"), 20);
      response.on("close", () => clearInterval(timer));
    });
    const [, ms] = await timed(() => fails(fetcher({ totalTimeoutMs: 300 })(`http://127.0.0.1:${local.port}/`), "timeout", /300 ms/));
    assert.ok(ms >= 250 && ms < 2000, `${ms} ms`);
    await local.allClosed();
  });

  it("times out a server that never answers", async () => {
    const local = await serve(() => {});
    await fails(fetcher({ totalTimeoutMs: 200 })(`http://127.0.0.1:${local.port}/`), "timeout");
    await local.allClosed();
  });

  it("stops reading a 50 MB body at a 1 MB cap, quickly, and closes the connection", async () => {
    let written = 0;
    const local = await serve((_request, response) => {
      const chunk = Buffer.alloc(64 * 1024, "a");
      const write = () => {
        while (written < 50 * MB && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", write);
        }
        response.end();
      };
      write();
    });
    const [, ms] = await timed(() => fails(fetcher({ maxBytes: MB })(`http://127.0.0.1:${local.port}/big`), "too-large", /1048576/));
    assert.ok(ms < 2000, `${ms} ms`);
    await local.allClosed();
    assert.ok(written < 20 * MB, `the server wrote ${written} bytes`);
  });

  it("refuses a Content-Length over the cap without reading the body", async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { "Content-Length": String(50 * MB) });
      response.write("x"); // and then nothing: a fetch that waited for the body would time out
    });
    const [, ms] = await timed(() => fails(fetcher({ totalTimeoutMs: 3000 })(`http://127.0.0.1:${local.port}/`), "too-large", /Content-Length 52428800/));
    assert.ok(ms < 1000, `${ms} ms`);
    await local.allClosed();
  });

  it("applies the per-call cap over the fetcher's, both ways", async () => {
    const local = await serve((_request, response) => response.end(Buffer.alloc(2000, "b")));
    const url = `http://127.0.0.1:${local.port}/`;
    await fails(fetcher({ maxBytes: 1 * MB })(url, { maxBytes: 1999 }), "too-large");
    assert.equal((await fetcher({ maxBytes: 10 })(url, { maxBytes: 2000 })).body.length, 2000);
    await fails(fetcher({ maxBytes: 10 })(url), "too-large");
  });

  it("stops a gzip bomb (100 MB on the wire, 100 GB inflated) at the cap on the inflated bytes, quickly and in little memory", async () => {
    // One gzip member of 1 MB of zeros is about 1 KB; gunzip reads concatenated members
    // as one body, so 100,000 of them are ~100 MB that inflate to 100 GB.
    const member = zlib.gzipSync(Buffer.alloc(MB), { level: 9 });
    assert.ok(member.length < 2048, `${member.length} bytes`);
    let written = 0;
    const local = await serve((_request, response) => {
      response.writeHead(200, { "Content-Encoding": "gzip", "Content-Type": "application/xml" });
      const write = () => {
        while (written < 100_000 * member.length && !response.destroyed) {
          written += member.length;
          if (!response.write(member)) return void response.once("drain", write);
        }
        response.end();
      };
      write();
    });
    const rssBefore = process.memoryUsage().rss;
    const [, ms] = await timed(() => fails(fetcher({ maxBytes: 4 * MB })(`http://127.0.0.1:${local.port}/bomb.xml.gz`), "too-large", /after inflation/));
    const grown = process.memoryUsage().rss - rssBefore;
    assert.ok(ms < 2000, `${ms} ms`);
    assert.ok(grown < 200 * MB, `rss grew ${grown} bytes`);
    await local.allClosed();
    // What the server wrote is mostly the loopback socket buffers; it never got far.
    assert.ok(written < 30 * MB, `the server wrote ${written} bytes`);
  });

  it("reports a corrupt, truncated or unknown compression as bad-encoding", async () => {
    const good = zlib.gzipSync("<rss>" + "x".repeat(5000) + "</rss>");
    const corrupt = Buffer.concat([good.subarray(0, 10), Buffer.from("this is not deflate data at all, no no no")]);
    const bodies: Record<string, [string, Buffer]> = {
      "/corrupt": ["gzip", corrupt],
      "/truncated": ["gzip", good.subarray(0, good.length - 20)],
      "/not-gzip": ["gzip", Buffer.from("<rss>plain, labelled gzip</rss>")],
      "/bad-deflate": ["deflate", Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x01])],
      "/one-byte-deflate": ["deflate", Buffer.from([0x78])],
      "/bad-br": ["br", Buffer.from("not brotli at all, certainly not")],
      "/zstd": ["zstd", Buffer.from("whatever")],
      "/chained": ["gzip, br", good],
    };
    const local = await serve((request, response) => {
      const [encoding, body] = bodies[request.url ?? ""] ?? ["identity", Buffer.alloc(0)];
      response.writeHead(200, { "Content-Encoding": encoding });
      response.end(body);
    });
    const fetch = fetcher();
    for (const path of Object.keys(bodies)) await fails(fetch(`http://127.0.0.1:${local.port}${path}`), "bad-encoding", undefined);
    await local.allClosed();
  });

  it("reports a connection closed in the middle of the body as connect", async () => {
    const local = await serve((_request, response) => {
      response.writeHead(200, { "Content-Length": "1000" });
      response.write("only part of it");
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await fails(fetcher()(`http://127.0.0.1:${local.port}/`), "connect");
  });
});

describe("createFetcher: https", () => {
  async function tlsServer(): Promise<Local> {
    const requests: http.IncomingMessage[] = [];
    const server = https.createServer({ key: KEY, cert: CERT }, (request, response) => {
      requests.push(request);
      response.end(`tls ${request.headers.host}`);
    });
    return listen(server, requests);
  }
  /** tls.connect as the default does it, trusting the test certificate. */
  const trusting: Connect = (target) =>
    tls.connect({ host: target.address, port: target.port, servername: target.servername, ca: CERT, rejectUnauthorized: true });

  it("verifies the certificate: the default connect refuses an untrusted one", async () => {
    const local = await tlsServer();
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.1"] }) });
    await fails(fetch(`https://feeds.example:${local.port}/feed`), "connect", /self[- ]signed|certificate/i);
    assert.equal(local.requests.length, 0);
  });

  it("fetches over TLS with the hostname as servername, and refuses a certificate for another name", async () => {
    const local = await tlsServer();
    const resolve = table({ "feeds.example": ["127.0.0.1"], "other.example": ["127.0.0.1"] });
    const targets: Target[] = [];
    const connect: Connect = (target) => {
      targets.push(target);
      return trusting(target);
    };
    const fetch = fetcher({ resolve, connect });
    const result = await fetch(`https://feeds.example:${local.port}/feed`);
    assert.equal(result.body.toString(), `tls feeds.example:${local.port}`);
    assert.deepEqual(targets[0], { address: "127.0.0.1", family: 4, port: local.port, servername: "feeds.example", tls: true });
    await fails(fetch(`https://other.example:${local.port}/feed`), "connect", /other\.example/);
  });

  it("refuses a plain socket for an https URL", async () => {
    const local = await tlsServer();
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.1"] }), connect: (target) => net.connect({ host: target.address, port: target.port }) });
    await fails(fetch(`https://feeds.example:${local.port}/`), "connect", /plain socket/);
  });

  it("times out a TLS handshake that never completes as connect", async () => {
    // Accepts TCP connections, reads the ClientHello and never answers it.
    const server = net.createServer((socket) => socket.resume());
    const local = await listen(server, []);
    const fetch = fetcher({ resolve: table({ "feeds.example": ["127.0.0.1"] }), connect: trusting, connectTimeoutMs: 200 });
    await fails(fetch(`https://feeds.example:${local.port}/`), "connect", /within 200 ms/);
    await local.allClosed();
  });
});
