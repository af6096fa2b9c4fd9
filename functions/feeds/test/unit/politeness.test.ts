import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HostQueue, hostOf } from "../../src/politeness.js";

const tick = () => new Promise((r) => setImmediate(r));

describe("HostQueue", () => {
  it("runs one request at a time per host, with the pause between, and hosts in parallel", async () => {
    const events: string[] = [];
    const pauses: number[] = [];
    const q = new HostQueue({ delayMs: 250, sleep: async (ms) => void pauses.push(ms) });
    const gates = new Map<string, () => void>();
    const job = (name: string) => () =>
      new Promise<string>((resolve) => {
        events.push(`start ${name}`);
        gates.set(name, () => {
          events.push(`end ${name}`);
          resolve(name);
        });
      });
    const a1 = q.run("https://a.example/1", job("a1"));
    const a2 = q.run("https://A.example/2", job("a2"));
    const b1 = q.run("https://b.example/1", job("b1"));
    await tick();
    assert.deepEqual(events, ["start a1", "start b1"], "a2 waits for a1; b1 does not");
    gates.get("a1")!();
    await a1;
    await tick();
    await tick();
    assert.deepEqual(events, ["start a1", "start b1", "end a1", "start a2"]);
    assert.ok(pauses.includes(250));
    gates.get("a2")!();
    gates.get("b1")!();
    assert.deepEqual(await Promise.all([a2, b1]), ["a2", "b1"]);
    await tick();
    await tick();
    assert.equal(q.busyHosts, 0, "idle hosts leave the map");
  });

  it("keeps the queue going after a failure", async () => {
    const q = new HostQueue({ delayMs: 0 });
    await assert.rejects(q.run("https://a.example/", async () => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await q.run("https://a.example/", async () => "next"), "next");
  });

  it("names hosts with their port, and none for what is not a URL", () => {
    assert.equal(hostOf("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    assert.equal(hostOf("not a url"), undefined);
  });
});
