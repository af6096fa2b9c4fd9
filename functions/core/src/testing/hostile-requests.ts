// Hostile requests for the ingest endpoint: a pure generator (cases as data,
// deterministic for given options) and a runner that sends them over raw HTTP.
//
// Self-contained on purpose (node: imports only, erasable TypeScript): the
// emulator tests import the compiled file, and scripts/reliability.ts imports
// this source directly under Node's type stripping.
import { request } from "node:http";
import { connect } from "node:net";
import { gzipSync } from "node:zlib";

/** The endpoint's documented limits (README; pinned against src in the unit test). */
export const DEFAULT_LIMITS = {
  maxPosts: 1_000,
  maxBytes: 10 * 1024 * 1024,
  publication: 200,
  content: 100_000,
  title: 1_000,
  id: 200,
  url: 2_048,
} as const;
export type Limits = { [K in keyof typeof DEFAULT_LIMITS]: number };

export type HostileCase = {
  /** Stable across runs with the same options: `${group}/${n}`. */
  id: string;
  group: string;
  name: string;
  method: string;
  /** Appended to the ingest function's base path (may be odd on purpose). */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Buffer;
  /** Bytes written to the socket after the request line's path and " HTTP/1.1\r\nHost: ...\r\n" (raw framing cases). */
  raw?: Buffer;
  /** Acceptable statuses, every one a 4xx. */
  expect: readonly number[];
  /** Runs after every other case (checks that earlier cases changed nothing, e.g. prototype pollution). */
  after?: boolean;
  /** A known defect: reported separately instead of failing the run. */
  knownIssue?: string;
};

export type HostileOptions = {
  apiKey: string;
  /** The publication name of every hostile post: nothing with it may ever be published. */
  marker: string;
  limits?: Limits;
};

export type HostileSet = {
  cases: HostileCase[];
  /** Strings that must never appear in logs or responses: the key and every wrong key sent. */
  secrets: string[];
};

export const ROUTES = ["/posts", "/post/enqueue"] as const;

const b = (s: string | Buffer) => (typeof s === "string" ? Buffer.from(s, "utf8") : s);
const json = (v: unknown) => b(JSON.stringify(v));
const ndjson = (lines: unknown[]) => b(lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");

/** A tiny deterministic generator (mulberry32) for wrong keys. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function hostileCases(options: HostileOptions): HostileSet {
  const { apiKey, marker } = options;
  const L = options.limits ?? DEFAULT_LIMITS;
  if (apiKey.length < 8) throw new Error("hostileCases needs the real key (at least 8 characters) to build near misses");
  const rnd = random(seedOf(marker));
  const wrongKey = (prefix: string) => `${prefix}-${Array.from({ length: 24 }, () => Math.floor(rnd() * 16).toString(16)).join("")}`;
  // The key and its near misses too: a log holding any of them leaks most of the key.
  const secrets = new Set<string>([apiKey, apiKey.slice(0, -1), swapCase(apiKey), apiKey.slice(0, -1) + (apiKey.endsWith("A") ? "B" : "A")]);
  const wrong = (prefix: string) => {
    const k = wrongKey(prefix);
    secrets.add(k);
    return k;
  };

  const cases: HostileCase[] = [];
  const counters = new Map<string, number>();
  const add = (c: Omit<HostileCase, "id" | "method" | "path" | "headers"> & Partial<Pick<HostileCase, "method" | "path" | "headers">>) => {
    const n = (counters.get(c.group) ?? 0) + 1;
    counters.set(c.group, n);
    cases.push({ method: "POST", path: "/posts", headers: {}, ...c, id: `${c.group}/${n}` });
  };
  const AUTH = { authorization: `Bearer ${apiKey}` };
  const JSON_TYPE = { ...AUTH, "content-type": "application/json" };
  const ND_TYPE = { ...AUTH, "content-type": "application/x-ndjson" };

  // A valid post: sent wherever something else must refuse it (auth, route,
  // method, media type), so a bypass would publish the marker.
  const valid = (n = 0) => ({ publication: marker, content: `Angela Merkel met Emmanuel Macron in Paris (${marker}, ${n}).`, id: `${marker}-${n}` });
  const content = (tag: string) => `hostile ${tag} ${marker}`;

  // 1. Missing and wrong keys: every route (and some that are not), every method.
  type KeyVariant = { name: string; headers: Record<string, string | string[]>; status: number };
  const keyVariants: KeyVariant[] = [
    { name: "no key", headers: {}, status: 401 },
    { name: "empty Bearer", headers: { authorization: "Bearer " }, status: 401 },
    { name: "wrong Bearer key", headers: { authorization: `Bearer ${wrong("bearer")}` }, status: 403 },
    { name: "wrong X-API-Key", headers: { "x-api-key": wrong("xapikey") }, status: 403 },
    { name: "wrong access_token", headers: { access_token: wrong("accesstoken") }, status: 403 },
    { name: "right key under Basic", headers: { authorization: `Basic ${Buffer.from(`user:${apiKey}`).toString("base64")}` }, status: 401 },
  ];
  const nearMisses: KeyVariant[] = ([
    { name: "right key without a scheme", headers: { authorization: apiKey }, status: 401 },
    { name: "right key plus trailing text", headers: { authorization: `Bearer ${apiKey} extra` }, status: 401 },
    { name: "empty X-API-Key", headers: { "x-api-key": "" }, status: 401 },
    { name: "key with one more character", headers: { authorization: `Bearer ${apiKey}x` }, status: 403 },
    { name: "key missing its last character", headers: { authorization: `Bearer ${apiKey.slice(0, -1)}` }, status: 403 },
    {
      name: "key with its last character changed",
      headers: { "x-api-key": apiKey.slice(0, -1) + (apiKey.endsWith("A") ? "B" : "A") },
      status: 403,
    },
    { name: "key in the wrong case", headers: { "x-api-key": swapCase(apiKey) }, status: apiKey === swapCase(apiKey) ? 200 : 403 },
    { name: "wrong Bearer first, right X-API-Key", headers: { authorization: `Bearer ${wrong("first")}`, "x-api-key": apiKey }, status: 403 },
    { name: "two Authorization headers, wrong first", headers: { authorization: [`Bearer ${wrong("dup")}`, `Bearer ${apiKey}`] }, status: 403 },
    { name: "a 12 KB wrong key", headers: { authorization: `Bearer ${wrong("long")}${"k".repeat(12_000)}` }, status: 403 },
    { name: "a wrong key with Latin-1 bytes", headers: { "x-api-key": `${wrong("latin")}\u00e9\u00ff` }, status: 403 },
  ] as KeyVariant[]).filter((v) => v.status !== 200);
  const authPaths = [...ROUTES, "/nope", "/", "//posts", "/posts/"];
  const methods = ["POST", "GET", "PUT", "PATCH", "DELETE"];
  for (const path of authPaths) {
    for (const method of methods) {
      for (const v of keyVariants) {
        add({
          group: "auth",
          name: `${method} ${path}: ${v.name}`,
          method,
          path,
          headers: { "content-type": "application/json", ...v.headers },
          body: json([valid(1)]),
          expect: [v.status],
        });
      }
    }
  }
  for (const route of ROUTES) {
    for (const v of nearMisses) {
      add({ group: "auth-near-miss", name: `${route}: ${v.name}`, path: route, headers: { "content-type": "application/json", ...v.headers }, body: json(valid(2)), expect: [v.status] });
    }
    add({ group: "auth", name: `HEAD ${route}: no key`, method: "HEAD", path: route, expect: [401] });
    add({ group: "auth", name: `${route}: wrong key in the query string`, path: `${route}?key=${wrong("query")}&access_token=${wrong("query")}`, headers: { "content-type": "application/json" }, body: json(valid(3)), expect: [401] });
  }

  // 2. The key is checked before the body is read: bodies that would be 400/413/415 get 401/403.
  const unreadable: Array<{ name: string; type: string; body: Buffer }> = [
    { name: "malformed NDJSON", type: "application/x-ndjson", body: b(`{oops ${marker}\n`) },
    { name: "invalid UTF-8 NDJSON", type: "application/x-ndjson", body: Buffer.concat([b(`{"publication":"${marker}","content":"`), Buffer.from([0xff, 0xfe]), b('"}\n')]) },
    { name: "an invalid post", type: "application/json", body: json({ publication: marker }) },
    { name: "1,001 posts", type: "application/json", body: json(Array.from({ length: L.maxPosts + 1 }, (_, i) => valid(i))) },
    { name: "a body over the size limit", type: "application/x-ndjson", body: Buffer.concat([json(valid(4)), Buffer.alloc(L.maxBytes + 1, 0x0a)]) },
    { name: "text/plain", type: "text/plain", body: json(valid(5)) },
  ];
  for (const route of ROUTES) {
    for (const u of route === "/posts" ? unreadable : unreadable.filter((x) => x.body.length < L.maxBytes)) {
      add({ group: "auth-before-body", name: `${route}, no key, ${u.name}`, path: route, headers: { "content-type": u.type }, body: u.body, expect: [401] });
      add({ group: "auth-before-body", name: `${route}, wrong key, ${u.name}`, path: route, headers: { "content-type": u.type, "x-api-key": wrong("early") }, body: u.body, expect: [403] });
    }
  }

  // 3. Malformed JSON (the framework's parser answers a plain 400) and NDJSON (the handler's 400).
  const malformedJson = [
    `{"publication":"${marker}",`,
    "{",
    "[",
    "]",
    `{"publication":"${marker}","content":"x",}`,
    `{'publication':'${marker}','content':'x'}`,
    `{"publication":"${marker}" "content":"x"}`,
    `{"publication":"${marker}","content":NaN}`,
    `{"publication":"${marker}","content":Infinity}`,
    `{"publication":"${marker}","content":undefined}`,
    `{"publication":"${marker}","content":"x"} trailing`,
    `// comment\n{"publication":"${marker}","content":"x"}`,
    `{"publication":"${marker}","content":"unterminated}`,
    `{"publication":"${marker}","content":"bad escape \\x41"}`,
    `{"publication":"${marker}","content":"bad unicode \\uZZZZ"}`,
    `{"publication":"${marker}","content":"raw\ttab and\nnewline"}`,
    `[{"publication":"${marker}","content":"x"}]]`,
    `"${marker}"`,
    "12345",
    "null",
    "true",
  ];
  malformedJson.forEach((text, i) => add({ group: "malformed-json", name: `malformed JSON #${i + 1}`, headers: JSON_TYPE, body: b(text), expect: [400] }));
  add({ group: "malformed-json", name: "empty body", headers: JSON_TYPE, body: b(""), expect: [400] });
  add({ group: "malformed-json", name: "whitespace only", headers: JSON_TYPE, body: b(" \n\t "), expect: [400] });
  const malformedNd = [
    `{oops ${marker}`,
    `${JSON.stringify(valid(6))}\n{"publication":"${marker}",`,
    `${JSON.stringify(valid(7))}\n}`,
    `${JSON.stringify(valid(8))}\r${JSON.stringify(valid(9))}`,
    `${JSON.stringify(valid(10))}${JSON.stringify(valid(11))}`,
    `[${JSON.stringify(valid(12))}]`,
    "null",
    "42",
    `"${marker}"`,
    "\n\n\n",
    `${JSON.stringify(valid(13))}\n${"x".repeat(1000)}`,
  ];
  malformedNd.forEach((text, i) => add({ group: "malformed-ndjson", name: `malformed NDJSON #${i + 1}`, headers: ND_TYPE, body: b(text), expect: [400] }));

  // 4. Wrong types, missing and blank fields: every field, both routes, JSON and NDJSON.
  const wrongValues: unknown[] = [42, true, null, [], ["x"], { x: 1 }, { toString: "x" }];
  const fields = ["publication", "content", "title", "url", "publishedAt", "id"] as const;
  for (const field of fields) {
    wrongValues.forEach((v, i) => {
      const post = { publication: marker, content: content(`type-${field}-${i}`), [field]: v };
      const route = ROUTES[i % 2]!;
      add({ group: "wrong-type", name: `${route}: ${field} = ${JSON.stringify(v)}`, path: route, headers: JSON_TYPE, body: json(post), expect: [400] });
    });
    const nd = { publication: marker, content: content(`nd-${field}`), [field]: 7 };
    add({ group: "wrong-type", name: `NDJSON: ${field} = 7`, headers: ND_TYPE, body: ndjson([valid(14), nd]), expect: [400] });
  }
  const wrongBodies: Array<[string, unknown]> = [
    ["posts is a string", { posts: marker }],
    ["posts is null", { posts: null }],
    ["posts is an object", { posts: { 0: valid(15), length: 1 } }],
    ["posts holds a number", { posts: [1] }],
    ["posts is empty", { posts: [] }],
    ["empty array", []],
    ["array of null", [null]],
    ["array of arrays", [[valid(16)]]],
    ["array of strings", [marker]],
    ["empty object", {}],
    ["valid posts then a number", [valid(17), valid(18), 3]],
  ];
  for (const [name, body] of wrongBodies) add({ group: "wrong-type", name, headers: JSON_TYPE, body: json(body), expect: [400] });
  const blanks = ["", " ", "\t\n\r ", "\u00a0\u3000", "\u2028\ufeff"];
  for (const route of ROUTES) {
    add({ group: "missing-field", name: `${route}: no publication`, path: route, headers: JSON_TYPE, body: json({ content: content("nopub") }), expect: [400] });
    add({ group: "missing-field", name: `${route}: no content`, path: route, headers: JSON_TYPE, body: json({ publication: marker }), expect: [400] });
    add({ group: "missing-field", name: `${route}: neither`, path: route, headers: JSON_TYPE, body: json({ title: marker }), expect: [400] });
    blanks.forEach((blank, i) => {
      add({ group: "blank-field", name: `${route}: blank publication #${i + 1}`, path: route, headers: JSON_TYPE, body: json({ publication: blank, content: content("blank") }), expect: [400] });
      add({ group: "blank-field", name: `${route}: blank content #${i + 1}`, path: route, headers: JSON_TYPE, body: json({ publication: marker, content: blank }), expect: [400] });
      add({ group: "blank-field", name: `${route}: blank id #${i + 1}`, path: route, headers: JSON_TYPE, body: json({ ...valid(19), id: blank }), expect: [400] });
    });
  }
  add({ group: "missing-field", name: "/post/enqueue with two posts", path: "/post/enqueue", headers: JSON_TYPE, body: json([valid(20), valid(21)]), expect: [400] });
  add({ group: "missing-field", name: "NDJSON: second line lacks content", headers: ND_TYPE, body: ndjson([valid(22), { publication: marker }]), expect: [400] });
  const badValues: Array<[string, Record<string, unknown>]> = [
    ["url javascript:", { url: "javascript:alert(1)" }],
    ["url ftp:", { url: "ftp://example.com/x" }],
    ["url without host", { url: "http://" }],
    ["url not a URL", { url: "not a url" }],
    ["url data:", { url: "data:text/html,<script>alert(1)</script>" }],
    ["publishedAt words", { publishedAt: "yesterday" }],
    ["publishedAt month 13", { publishedAt: "2026-13-01" }],
    ["publishedAt hour 25", { publishedAt: "2026-01-01T25:00:00Z" }],
    ["publishedAt epoch number", { publishedAt: 1767225600000 }],
  ];
  for (const [name, extra] of badValues) add({ group: "bad-value", name, headers: JSON_TYPE, body: json({ ...valid(23), ...extra }), expect: [400] });

  // 5. Over-long fields, too many posts, too many bytes.
  const pad = (n: number, unit = "x") => (marker + " " + unit.repeat(n)).slice(0, n);
  const longs: Array<[string, Record<string, unknown>]> = [
    [`publication of ${L.publication + 1} characters`, { publication: pad(L.publication + 1) }],
    [`publication of ${L.publication + 1} accented characters`, { publication: pad(L.publication + 1, "\u00e9") }],
    [`publication of ${L.publication + 1} emoji`, { publication: "\u{1F600}".repeat(L.publication + 1) }],
    [`content of ${L.content + 1} characters`, { content: pad(L.content + 1) }],
    [`title of ${L.title + 1} characters`, { title: pad(L.title + 1) }],
    [`id of ${L.id + 1} characters`, { id: pad(L.id + 1) }],
    [`url of ${L.url + 1} characters`, { url: `https://example.com/${"a".repeat(L.url)}` }],
  ];
  for (const route of ROUTES) {
    for (const [name, extra] of longs) add({ group: "over-long", name: `${route}: ${name}`, path: route, headers: JSON_TYPE, body: json({ ...valid(24), ...extra }), expect: [400] });
  }
  const many = Array.from({ length: L.maxPosts + 1 }, (_, i) => valid(100 + i));
  add({ group: "too-many", name: `${L.maxPosts + 1} posts (array)`, headers: JSON_TYPE, body: json(many), expect: [413] });
  add({ group: "too-many", name: `${L.maxPosts + 1} posts ({posts})`, headers: JSON_TYPE, body: json({ posts: many }), expect: [413] });
  add({ group: "too-many", name: `${L.maxPosts + 1} posts (NDJSON)`, headers: ND_TYPE, body: ndjson(many), expect: [413] });
  add({ group: "too-many", name: `${L.maxPosts + 1} posts on /post/enqueue`, path: "/post/enqueue", headers: JSON_TYPE, body: json(many), expect: [413] });
  add({ group: "too-many", name: `${L.maxPosts + 1} invalid posts`, headers: JSON_TYPE, body: json(many.map(() => ({ publication: marker }))), expect: [413] });
  add({
    group: "too-many",
    name: `${L.maxPosts - 1} valid posts and one invalid: all or nothing`,
    headers: JSON_TYPE,
    body: json([...many.slice(0, L.maxPosts - 1), { publication: marker, content: 5 }]),
    expect: [400],
  });
  add({
    group: "too-many",
    name: `${L.maxPosts} posts, the last ${L.content + 1} characters long`,
    headers: JSON_TYPE,
    body: json([...many.slice(0, L.maxPosts - 1), { ...valid(99), content: pad(L.content + 1) }]),
    expect: [400],
  });
  const over = L.maxBytes + 1;
  const padded = (head: Buffer, tail: Buffer, size: number, fill: number) => Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, fill), tail]);
  add({ group: "too-large", name: `JSON of ${over} bytes (whitespace)`, headers: JSON_TYPE, body: padded(b(`[${JSON.stringify(valid(25))}`), b("]"), over, 0x20), expect: [413] });
  add({ group: "too-large", name: `NDJSON of ${over} bytes (blank lines)`, headers: ND_TYPE, body: padded(json(valid(26)), b("\n"), over, 0x0a), expect: [413] });
  add({
    group: "too-large",
    name: "110 valid posts of 100,000 characters (11 MB)",
    headers: JSON_TYPE,
    body: json(Array.from({ length: 110 }, (_, i) => ({ ...valid(200 + i), content: pad(L.content) }))),
    expect: [413],
  });
  // Not sent: bodies the framework itself refuses part-way (over its ~32 MiB limit, raw or
  // inflated). The worker then answers before reading the whole body, and the Functions
  // emulator's proxy, still writing, hits EPIPE and crashes (firebase-tools 15:
  // functionsRuntimeWorker writes a 500 after the headers went out). Cloud Run refuses
  // such bodies at its front end.
  add({
    group: "too-large",
    name: "gzip bomb: 30 KB inflating to 30 MB (JSON)",
    headers: { ...JSON_TYPE, "content-encoding": "gzip" },
    body: gzipSync(padded(b(`[${JSON.stringify(valid(28))}`), b("]"), 30 * 1024 * 1024, 0x20)),
    expect: [415],
  });
  add({
    group: "too-large",
    name: "gzip bomb: inflating to 30 MB (NDJSON)",
    headers: { ...ND_TYPE, "content-encoding": "gzip" },
    body: gzipSync(padded(json(valid(29)), b("\n"), 30 * 1024 * 1024, 0x0a)),
    expect: [415],
  });
  // Compressed bodies are refused as such (415); the Functions emulator's parser
  // tries to inflate first and refuses what does not inflate (400).
  add({ group: "bad-encoding", name: "Content-Encoding gzip, body not gzip", headers: { ...JSON_TYPE, "content-encoding": "gzip" }, body: json(valid(30)), expect: [400, 415] });
  add({ group: "bad-encoding", name: "Content-Encoding deflate, body not deflate", headers: { ...ND_TYPE, "content-encoding": "deflate" }, body: json(valid(31)), expect: [400, 415] });
  add({ group: "bad-encoding", name: "unknown Content-Encoding", headers: { ...JSON_TYPE, "content-encoding": "x-unknown" }, body: json(valid(32)), expect: [415] });

  // 6. Deep nesting (every case is otherwise invalid: unknown fields are dropped, so depth alone is not an error).
  for (const depth of [64, 10_000, 1_000_000]) {
    const arrays = "[".repeat(depth) + "]".repeat(depth);
    const objects = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    add({ group: "deep-nesting", name: `arrays ${depth} deep`, headers: JSON_TYPE, body: b(arrays), expect: [400] });
    add({ group: "deep-nesting", name: `objects ${depth} deep in an unknown field, content missing`, headers: JSON_TYPE, body: b(`{"publication":"${marker}","x":${objects}}`), expect: [400] });
    add({ group: "deep-nesting", name: `content is an object ${depth} deep`, headers: JSON_TYPE, body: b(`{"publication":"${marker}","content":${objects}}`), expect: [400] });
    add({ group: "deep-nesting", name: `NDJSON line ${depth} deep`, headers: ND_TYPE, body: b(`${JSON.stringify(valid(33))}\n${arrays}\n`), expect: [400] });
    add({ group: "deep-nesting", name: `{posts} holding arrays ${depth} deep`, headers: JSON_TYPE, body: b(`{"posts":[${arrays}]}`), expect: [400] });
  }

  // 7. Invalid UTF-8, NUL bytes, unpaired surrogates.
  const badBytes: Array<[string, number[]]> = [
    ["0xFF", [0xff]],
    ["a lone continuation byte", [0x80]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a five-byte sequence", [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ];
  for (const [name, bytes] of badBytes) {
    for (const [type, headers] of [["JSON", JSON_TYPE], ["NDJSON", ND_TYPE]] as const) {
      const body = Buffer.concat([b(`{"publication":"${marker}","content":"bad `), Buffer.from(bytes), b(` bytes"}\n`)]);
      add({ group: "invalid-utf8", name: `${type} with ${name}`, headers, body, expect: [400] });
    }
  }
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(valid(34)), "utf16le")]);
  add({ group: "invalid-utf8", name: "UTF-16LE body with BOM (JSON)", headers: JSON_TYPE, body: utf16, expect: [400] });
  add({ group: "invalid-utf8", name: "UTF-16LE body with BOM (NDJSON)", headers: ND_TYPE, body: utf16, expect: [400] });
  add({ group: "invalid-utf8", name: "charset=latin1", headers: { ...AUTH, "content-type": "application/json; charset=latin1" }, body: json(valid(35)), expect: [415] });
  for (const field of ["publication", "content", "title", "id"] as const) {
    add({ group: "nul", name: `escaped NUL in ${field}`, headers: JSON_TYPE, body: json({ ...valid(36), [field]: `${field === "publication" ? marker : content("nul")}\u0000x` }), expect: [400] });
    add({ group: "nul", name: `escaped NUL in ${field} (NDJSON)`, headers: ND_TYPE, body: ndjson([{ ...valid(37), [field]: `${marker}\u0000` }]), expect: [400] });
    add({
      group: "nul",
      name: `raw NUL byte in ${field}`,
      headers: JSON_TYPE,
      body: Buffer.concat([b(`{"publication":"${marker}","content":"${content("raw")}","${field}":"a`), Buffer.from([0]), b('b"}')]),
      expect: [400],
    });
  }
  add({ group: "nul", name: "escaped NUL in url", headers: JSON_TYPE, body: json({ ...valid(38), url: "https://example.com/\u0000" }), expect: [400] });
  add({ group: "nul", name: "NUL bytes between tokens", headers: JSON_TYPE, body: Buffer.concat([b("{"), Buffer.alloc(4), json(valid(39)).subarray(1)]), expect: [400] });
  add({ group: "nul", name: "NDJSON of NUL bytes", headers: ND_TYPE, body: Buffer.alloc(1024), expect: [400] });
  for (const field of ["publication", "content", "title", "id"] as const) {
    for (const surrogate of ["\\ud800", "\\udfff"]) {
      const text = `{"publication":"${marker}","content":"${content("surrogate")}","${field}":"${field === "publication" ? marker : "x"} ${surrogate} y"}`;
      // Firestore refuses such strings (invalid UTF-8) at commit time: they must stop at the door.
      add({ group: "unpaired-surrogate", name: `${surrogate} in ${field}`, headers: JSON_TYPE, body: b(text), expect: [400] });
    }
  }

  // 8. __proto__ and constructor: the required fields only reachable through them.
  const inner = { publication: marker, content: content("proto") };
  const protoBodies: Array<[string, string]> = [
    ["every field under __proto__", `{"__proto__":${JSON.stringify(inner)}}`],
    ["content under __proto__", `{"publication":"${marker}","__proto__":{"content":"${content("p")}"}}`],
    ["publication under __proto__", `{"content":"${content("p2")}","__proto__":{"publication":"${marker}"}}`],
    ["every field under constructor.prototype", `{"constructor":{"prototype":${JSON.stringify(inner)}}}`],
    ["content under constructor.prototype", `{"publication":"${marker}","constructor":{"prototype":{"content":"x"}}}`],
    ["posts under __proto__", `{"__proto__":{"posts":[${JSON.stringify(valid(40))}]}}`],
    ["posts under constructor.prototype", `{"constructor":{"prototype":{"posts":[${JSON.stringify(valid(41))}]}}}`],
    ["array of __proto__ posts", `[{"__proto__":${JSON.stringify(inner)}},{"__proto__":${JSON.stringify(inner)}}]`],
    ["{posts} of __proto__ posts", `{"posts":[{"__proto__":${JSON.stringify(inner)}}]}`],
    ["__proto__ is an array of posts", `{"__proto__":[${JSON.stringify(valid(42))}]}`],
    ["content is {__proto__}", `{"publication":"${marker}","content":{"__proto__":"x"}}`],
    ["publication is {toString}", `{"publication":{"toString":"${marker}"},"content":"x"}`],
    ["content is {toString, valueOf}", `{"publication":"${marker}","content":{"toString":"x","valueOf":"y"}}`],
    ["content is {constructor}", `{"publication":"${marker}","content":{"constructor":"x"}}`],
    ["prototype pollution attempt on Object", `{"__proto__":{"__proto__":{"publication":"${marker}","content":"x"}},"constructor":{"prototype":{"content":"x"}}}`],
  ];
  for (const route of ROUTES) {
    for (const [name, text] of protoBodies) add({ group: "prototype", name: `${route}: ${name}`, path: route, headers: JSON_TYPE, body: b(text), expect: [400] });
  }
  for (const [name, text] of protoBodies.slice(0, 8)) add({ group: "prototype", name: `NDJSON: ${name}`, headers: ND_TYPE, body: b(`${text}\n`), expect: [400] });
  // After everything else: a post missing a field is still refused, so no earlier
  // request polluted Object.prototype in the serving instance.
  for (const [name, post] of [
    ["no publication", { content: content("after") }],
    ["no content", { publication: marker }],
    ["no fields", {}],
  ] as const) {
    add({ group: "prototype", name: `after the run: ${name} is still refused`, headers: JSON_TYPE, body: json(post), expect: [400], after: true });
  }

  // 9. Media types (a valid post under every wrong one).
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

  // 10. Huge headers.
  add({ group: "headers", name: "a 20 KB header", headers: { ...JSON_TYPE, "x-pad": "a".repeat(20_000) }, body: json(valid(44)), expect: [431] });
  add({ group: "headers", name: "a 64 KB header", headers: { ...JSON_TYPE, "x-pad": "a".repeat(64 * 1024) }, body: json(valid(45)), expect: [431] });
  add({ group: "headers", name: "300 headers of 100 bytes", headers: { ...JSON_TYPE, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, "v".repeat(100)])) }, body: json(valid(46)), expect: [431] });
  add({ group: "headers", name: "a 20 KB Authorization", headers: { "content-type": "application/json", authorization: `Bearer ${"k".repeat(20_000)}` }, body: json(valid(47)), expect: [431] });
  add({ group: "headers", name: "a 12 KB header without a key", headers: { "content-type": "application/json", "x-pad": "a".repeat(12_000) }, body: json(valid(48)), expect: [401] });
  add({ group: "headers", name: "a 12 KB cookie with a wrong key", headers: { "content-type": "application/json", cookie: `c=${"a".repeat(12_000)}`, "x-api-key": wrong("cookie") }, body: json(valid(49)), expect: [403] });
  add({ group: "headers", name: "a 10 KB Content-Type", headers: { ...AUTH, "content-type": `application/json; x=${"a".repeat(10_000)}` }, body: json({ publication: marker }), expect: [400] });

  // 11. Wrong methods (with the key and a valid post).
  for (const route of ROUTES) {
    for (const method of ["GET", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]) {
      add({ group: "method", name: `${method} ${route}`, method, path: route, headers: JSON_TYPE, body: method === "TRACE" ? undefined : json(valid(50)), expect: [405] });
    }
    add({ group: "method", name: `HEAD ${route}`, method: "HEAD", path: route, headers: AUTH, expect: [405] });
    add({ group: "method", name: `unknown method FOO ${route}`, method: "FOO", path: route, headers: JSON_TYPE, body: json(valid(51)), expect: [400, 405] });
  }

  // 12. Odd paths (with the key and a valid post: nothing but /posts and /post/enqueue may take it).
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

  // 13. Broken HTTP framing, straight onto the socket (Node's parser answers 400).
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

  if (cases.some((c) => c.expect.some((s) => s < 400 || s > 499))) throw new Error("every hostile case must expect a 4xx");
  return { cases, secrets: [...secrets] };
}

function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

// ---------------------------------------------------------------------------
// Running the cases

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

export type HostileSummary = {
  tried: number;
  clientErrors: number;
  serverErrors: number;
  /** Cases whose status was not among those expected (known issues excluded). */
  unexpected: HostileResult[];
  /** Answers that leak a secret or a stack trace. */
  leaks: HostileResult[];
  /** Known issues that still fail, and those that now pass (their tag can go). */
  knownIssues: { failing: HostileResult[]; fixed: HostileResult[] };
  byGroup: Record<string, number>;
};

const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules|\.js:\d+:\d+/;

export function summariseHostile(results: readonly HostileResult[], secrets: readonly string[]): HostileSummary {
  const ok = (r: HostileResult) => r.status !== undefined && r.case.expect.includes(r.status);
  const leaks = results.filter((r) => STACK_TRACE.test(r.body) || secrets.some((s) => r.body.includes(s)));
  const byGroup: Record<string, number> = {};
  for (const r of results) byGroup[r.case.group] = (byGroup[r.case.group] ?? 0) + 1;
  return {
    tried: results.length,
    clientErrors: results.filter((r) => r.status !== undefined && r.status >= 400 && r.status < 500).length,
    serverErrors: results.filter((r) => r.status !== undefined && r.status >= 500).length,
    unexpected: results.filter((r) => !r.case.knownIssue && !ok(r)),
    leaks,
    knownIssues: {
      failing: results.filter((r) => r.case.knownIssue && !ok(r)),
      fixed: results.filter((r) => r.case.knownIssue && ok(r)),
    },
    byGroup,
  };
}

/** One line per result that needs attention. */
export function describeResult(r: HostileResult): string {
  const status = r.status === undefined ? `no answer (${r.error ?? "?"})` : String(r.status);
  return `${r.case.id} ${r.case.name}: got ${status}, expected ${r.case.expect.join("/")}${r.body ? `: ${r.body.slice(0, 160).replace(/\s+/g, " ")}` : ""}`;
}

/** Occurrences of any secret in a log text (the strings themselves are not returned). */
export function secretsIn(text: string, secrets: readonly string[]): number {
  return secrets.filter((s) => s.length >= 8 && text.includes(s)).length;
}
