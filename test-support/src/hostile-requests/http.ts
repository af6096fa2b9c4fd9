// The request around the body: media types, headers, methods, paths and HTTP framing.
import { b, json, type CaseBuilder } from "./builder.js";
import { ROUTES } from "./types.js";

/** Media types (a valid post under every wrong one). */
export function mediaTypeCases(k: CaseBuilder): void {
  const { add, marker, valid, AUTH } = k;
  const types = [
    undefined,
    "text/plain",
    "text/html",
    "text/xml",
    "application/xml",
    "application/octet-stream",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "application/jsonp",
    "application/json-patch+json",
    "application/ld+json",
    "application/vnd.api+json",
    "application/json-seq",
    "json",
    "application/",
    "*/*",
    "application/json, text/plain",
    "image/png",
  ];
  for (const route of ROUTES) {
    for (const type of types) {
      add({
        group: "content-type",
        name: `${route}: ${type ?? "no Content-Type"}`,
        path: route,
        headers: { ...AUTH, ...(type ? { "content-type": type } : {}) },
        body: type === "application/x-www-form-urlencoded" ? b(`publication=${encodeURIComponent(marker)}&content=x`) : json(valid(43)),
        expect: [415],
      });
    }
  }

}

/** Huge headers. */
export function headerCases(k: CaseBuilder): void {
  const { add, marker, wrong, valid, AUTH, JSON_TYPE } = k;
  add({ group: "headers", name: "a 20 KB header", headers: { ...JSON_TYPE, "x-pad": "a".repeat(20_000) }, body: json(valid(44)), expect: [431] });
  add({ group: "headers", name: "a 64 KB header", headers: { ...JSON_TYPE, "x-pad": "a".repeat(64 * 1024) }, body: json(valid(45)), expect: [431] });
  add({ group: "headers", name: "300 headers of 100 bytes", headers: { ...JSON_TYPE, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, "v".repeat(100)])) }, body: json(valid(46)), expect: [431] });
  add({ group: "headers", name: "a 20 KB Authorization", headers: { "content-type": "application/json", authorization: `Bearer ${"k".repeat(20_000)}` }, body: json(valid(47)), expect: [431] });
  add({ group: "headers", name: "a 12 KB header without a key", headers: { "content-type": "application/json", "x-pad": "a".repeat(12_000) }, body: json(valid(48)), expect: [401] });
  add({ group: "headers", name: "a 12 KB cookie with a wrong key", headers: { "content-type": "application/json", cookie: `c=${"a".repeat(12_000)}`, "x-api-key": wrong("cookie") }, body: json(valid(49)), expect: [403] });
  add({ group: "headers", name: "a 10 KB Content-Type", headers: { ...AUTH, "content-type": `application/json; x=${"a".repeat(10_000)}` }, body: json({ publication: marker }), expect: [400] });

}

/** Wrong methods (with the key and a valid post). */
export function methodCases(k: CaseBuilder): void {
  const { add, valid, AUTH, JSON_TYPE } = k;
  for (const route of ROUTES) {
    for (const method of ["GET", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]) {
      add({ group: "method", name: `${method} ${route}`, method, path: route, headers: JSON_TYPE, body: method === "TRACE" ? undefined : json(valid(50)), expect: [405] });
    }
    add({ group: "method", name: `HEAD ${route}`, method: "HEAD", path: route, headers: AUTH, expect: [405] });
    add({ group: "method", name: `unknown method FOO ${route}`, method: "FOO", path: route, headers: JSON_TYPE, body: json(valid(51)), expect: [400, 405] });
  }

}

/** Odd paths (with the key and a valid post: nothing but /posts and /post/enqueue may take it). */
export function pathCases(k: CaseBuilder): void {
  const { add, marker, valid, JSON_TYPE } = k;
  const oddPaths = [
    "/posts/",
    "/POSTS",
    "/Posts",
    "/posts%2F",
    "/%70osts",
    "/posts%00",
    "/posts;x=1",
    "/posts%20",
    "/post/enqueue/",
    "/post//enqueue",
    "/post",
    "/enqueue",
    "/post/enqueue/posts",
    "/posts/extra",
    "//posts",
    "///post/enqueue",
    "/*",
    "/posts*",
    "/p%C3%B6sts",
    "/.",
    "/%2e%2e/posts",
    `/${"a".repeat(4_000)}`,
    `/posts/${"a".repeat(6_000)}`,
  ];
  for (const path of oddPaths) add({ group: "odd-path", name: `path ${path.length > 40 ? `${path.slice(0, 12)}… (${path.length} chars)` : path}`, path, headers: JSON_TYPE, body: json(valid(52)), expect: [404] });
  // Dot segments are resolved before the handler (the emulator does, as does Google's front end):
  // they may reach /posts, so they carry an invalid post.
  for (const path of ["/posts/../posts", "/x/../posts", "/./posts", "/../ingest/posts"]) {
    add({ group: "odd-path", name: `dot segments ${path}`, path, headers: JSON_TYPE, body: json({ publication: marker }), expect: [400, 404] });
  }
  add({ group: "odd-path", name: "a 20 KB path", path: `/${"a".repeat(20_000)}`, headers: JSON_TYPE, body: json(valid(53)), expect: [404, 414, 431] });

}

/** Broken HTTP framing, straight onto the socket (Node's parser answers 400). */
export function framingCases(k: CaseBuilder): void {
  const { add, apiKey } = k;
  const framing: Array<[string, string]> = [
    ["invalid chunk size", `Authorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`],
    ["Content-Length and Transfer-Encoding together", `Authorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ["two different Content-Lengths", `Authorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    ["a negative Content-Length", `Authorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`],
    ["a space before a header's colon", `Authorization : Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`],
    ["a folded header line", `Authorization: Bearer\r\n ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`],
    ["Transfer-Encoding chunked, identity", `Authorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
    ["a NUL byte in a header", `Authorization: Bearer ${apiKey}\r\nX-Bad: a\u0000b\r\nContent-Length: 2\r\n\r\n{}`],
  ];
  for (const [name, raw] of framing) add({ group: "framing", name, headers: {}, raw: b(raw), expect: [400] });
}
