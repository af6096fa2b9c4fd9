import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { connectSources, LOOPBACK_SOURCES, withLoopbackConnect } from "../../src/csp.ts";
import { readFirebaseJson } from "../../src/ports.ts";

const config = readFirebaseJson(path.resolve(import.meta.dirname, "../../../firebase.json"));
const loopback = /^(https?|wss?):\/\/(127\.|localhost|\[::1\])|^(https?|wss?):$|^\*$/i;

describe("the dashboard's Content-Security-Policy", () => {
  it("in firebase.json (production) lets the page connect to itself and Firestore only", () => {
    const sources = connectSources(config);
    assert.ok(sources.length > 0, "firebase.json has a CSP header with connect-src");
    for (const s of sources) {
      assert.deepEqual(s.filter((src) => loopback.test(src)), [], "no loopback or scheme-wide source");
      assert.deepEqual(s, ["'self'", "https://firestore.googleapis.com"]);
    }
  });

  it("in the local emulator config also allows the loopback emulators, and changes nothing else", () => {
    const local = withLoopbackConnect(config);
    for (const s of connectSources(local)) assert.deepEqual(s, ["'self'", "https://firestore.googleapis.com", ...LOOPBACK_SOURCES]);
    const withoutLoopback = (c: Record<string, unknown>) => JSON.stringify(c).replaceAll(` ${LOOPBACK_SOURCES.join(" ")}`, "");
    assert.equal(withoutLoopback(local), JSON.stringify(config), "only the loopback sources differ");
    assert.deepEqual(connectSources(config)[0], ["'self'", "https://firestore.googleapis.com"], "firebase.json's copy is not changed");
    assert.deepEqual(withLoopbackConnect(local), local, "adding twice adds nothing");
  });

  it("refuses a policy without connect-src (default-src would apply; adding one would narrow it)", () => {
    const bare = { hosting: { headers: [{ source: "**", headers: [{ key: "Content-Security-Policy", value: "default-src 'self'" }] }] } };
    assert.throws(() => withLoopbackConnect(bare), /no connect-src/);
  });
});
