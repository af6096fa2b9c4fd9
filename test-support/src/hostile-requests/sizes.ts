// Bodies over a limit: over-long fields, too many posts, too many bytes (raw or inflated), deep nesting.
import { gzipSync } from "node:zlib";
import { b, json, ndjson, type CaseBuilder } from "./builder.js";
import { ROUTES } from "./types.js";

/** Over-long fields, too many posts, too many bytes. */
export function sizeCases(k: CaseBuilder): void {
  const { add, marker, limits: L, valid, JSON_TYPE, ND_TYPE } = k;
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

}

/** Deep nesting (every case is otherwise invalid: unknown fields are dropped, so depth alone is not an error). */
export function nestingCases(k: CaseBuilder): void {
  const { add, marker, valid, JSON_TYPE, ND_TYPE } = k;
  for (const depth of [64, 10_000, 1_000_000]) {
    const arrays = "[".repeat(depth) + "]".repeat(depth);
    const objects = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    add({ group: "deep-nesting", name: `arrays ${depth} deep`, headers: JSON_TYPE, body: b(arrays), expect: [400] });
    add({ group: "deep-nesting", name: `objects ${depth} deep in an unknown field, content missing`, headers: JSON_TYPE, body: b(`{"publication":"${marker}","x":${objects}}`), expect: [400] });
    add({ group: "deep-nesting", name: `content is an object ${depth} deep`, headers: JSON_TYPE, body: b(`{"publication":"${marker}","content":${objects}}`), expect: [400] });
    add({ group: "deep-nesting", name: `NDJSON line ${depth} deep`, headers: ND_TYPE, body: b(`${JSON.stringify(valid(33))}\n${arrays}\n`), expect: [400] });
    add({ group: "deep-nesting", name: `{posts} holding arrays ${depth} deep`, headers: JSON_TYPE, body: b(`{"posts":[${arrays}]}`), expect: [400] });
  }

}
