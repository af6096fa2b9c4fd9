import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserUnsafe, resolvePorts } from "../../src/ports.ts";

const config = { emulators: { functions: { port: 5001 }, firestore: { port: 8080 }, hosting: { port: 5000 } } };

describe("resolvePorts", () => {
  it("takes firebase.json's ports, then the built-in defaults", () => {
    const ports = resolvePorts(config, {});
    assert.equal(ports.functions, 5001);
    assert.equal(ports.firestore, 8080);
    assert.equal(ports.pubsub, 8085);
  });
  it("shifts every port by EMULATOR_PORT_OFFSET and lets <NAME>_PORT set one", () => {
    const ports = resolvePorts(config, { EMULATOR_PORT_OFFSET: "100", PUBSUB_PORT: "9999" });
    assert.equal(ports.functions, 5101);
    assert.equal(ports.pubsub, 9999);
  });
  it("moves a shifted port off the browsers' blocked list, never onto another emulator's port", () => {
    const ports = resolvePorts(config, { EMULATOR_PORT_OFFSET: "2000" }); // firestore would be 10080
    assert.equal(ports.firestore, 10081);
    const shifted = resolvePorts(config, { EMULATOR_PORT_OFFSET: "1000" }); // hosting would be 6000, then 6001 (functions)
    assert.equal(shifted.hosting, 6002);
    assert.equal(new Set(Object.values(shifted)).size, Object.values(shifted).length);
    assert.deepEqual(browserUnsafe(ports), []);
  });
  it("keeps an explicit port even when browsers refuse it, and says so", () => {
    const ports = resolvePorts(config, { HOSTING_PORT: "6000" });
    assert.equal(ports.hosting, 6000);
    assert.deepEqual(browserUnsafe({ hosting: ports.hosting }), ["hosting (6000)"]);
  });
  it("rejects values that are not ports", () => {
    assert.throws(() => resolvePorts(config, { FUNCTIONS_PORT: "70000" }), /FUNCTIONS_PORT/);
    assert.throws(() => resolvePorts(config, { EMULATOR_PORT_OFFSET: "-5" }), /EMULATOR_PORT_OFFSET/);
  });
});
