// Requests without the right key: refused (401/403) on every route and method, before the body is read.
import { b, json, swapCase, type CaseBuilder } from "./builder.js";
import { ROUTES } from "./types.js";

/** Missing and wrong keys: every route (and some that are not), every method. */
export function keyCases(k: CaseBuilder): void {
  const { add, apiKey, wrong, valid } = k;
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

}

/** The key is checked before the body is read: bodies that would be 400/413/415 get 401/403. */
export function keyBeforeBodyCases(k: CaseBuilder): void {
  const { add, marker, limits: L, wrong, valid } = k;
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

}
