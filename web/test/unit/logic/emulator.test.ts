import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chooseEmulator, isLoopback, parseHostPort, parseInitJsEmulators } from "../../../src/logic/emulator.ts";

describe("finding the Firestore emulator", () => {
  it("a ?firestore= host:port wins on a local page, with shifted ports", () => {
    assert.deepEqual(chooseEmulator("127.0.0.1", "?firestore=127.0.0.1:9080"), { use: true, from: "query", at: { host: "127.0.0.1", port: 9080 } });
    assert.deepEqual(chooseEmulator("localhost", "?type=place&firestore=localhost:18080", "127.0.0.1:8080"), {
      use: true,
      from: "query",
      at: { host: "localhost", port: 18080 },
    });
  });

  it("a deployed page never uses an emulator, whatever its URL says", () => {
    assert.deepEqual(chooseEmulator("newsroom.web.app", "?firestore=127.0.0.1:8080"), { use: false });
  });

  it("the parameter may only name a loopback host", () => {
    assert.deepEqual(chooseEmulator("127.0.0.1", "?firestore=evil.example.com:443"), { use: "ask-hosting" });
  });

  it("falls back to a build-time host, then asks the Hosting emulator", () => {
    assert.deepEqual(chooseEmulator("127.0.0.1", "", "127.0.0.1:8180"), { use: true, from: "build", at: { host: "127.0.0.1", port: 8180 } });
    assert.deepEqual(chooseEmulator("127.0.0.1", "?firestore=nonsense"), { use: "ask-hosting" });
  });

  it("parses host:port strictly", () => {
    assert.deepEqual(parseHostPort("[::1]:8080"), { host: "[::1]", port: 8080 });
    assert.equal(parseHostPort("127.0.0.1"), null);
    assert.equal(parseHostPort("127.0.0.1:0"), null);
    assert.equal(parseHostPort("127.0.0.1:70000"), null);
    assert.equal(parseHostPort(null), null);
    assert.ok(isLoopback("127.0.0.2") && isLoopback("LOCALHOST") && !isLoopback("128.0.0.1"));
  });

  it("reads the firestore entry from the Hosting emulator's init.js", () => {
    const js = `/*x*/\nvar firebaseEmulators = {\n  "firestore": {\n    "host": "127.0.0.1",\n    "port": 9080,\n    "hostAndPort": "127.0.0.1:9080"\n  }\n};\nif (firebaseEmulators) {}`;
    assert.deepEqual(parseInitJsEmulators(js), { host: "127.0.0.1", port: 9080 });
    assert.equal(parseInitJsEmulators(`var firebaseEmulators = {\n  "hosting": {"host": "127.0.0.1", "port": 5000}\n};`), null);
    assert.equal(parseInitJsEmulators("var firebaseEmulators = undefined;"), null);
  });
});
