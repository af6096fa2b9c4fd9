// Bytes and keys a parser may mishandle: invalid UTF-8, NUL, unpaired surrogates, __proto__ and constructor.
import { b, json, ndjson, type CaseBuilder } from "./builder.js";
import { ROUTES } from "./types.js";

/** Invalid UTF-8, NUL bytes, unpaired surrogates. */
export function byteCases(k: CaseBuilder): void {
  const { add, marker, valid, content, AUTH, JSON_TYPE, ND_TYPE } = k;
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

}

/** __proto__ and constructor: the required fields only reachable through them. */
export function prototypeCases(k: CaseBuilder): void {
  const { add, marker, valid, content, JSON_TYPE, ND_TYPE } = k;
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

}
