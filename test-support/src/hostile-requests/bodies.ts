// Bodies the endpoint must refuse with 400: malformed JSON and NDJSON, wrong types, missing, blank and bad fields.
import { b, json, ndjson, type CaseBuilder } from "./builder.js";
import { ROUTES } from "./types.js";

/** Malformed JSON (the framework's parser answers a plain 400) and NDJSON (the handler's 400). */
export function malformedBodyCases(k: CaseBuilder): void {
  const { add, marker, valid, JSON_TYPE, ND_TYPE } = k;
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

}

/** Wrong types, missing and blank fields: every field, both routes, JSON and NDJSON. */
export function fieldCases(k: CaseBuilder): void {
  const { add, marker, valid, content, JSON_TYPE, ND_TYPE } = k;
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

}
