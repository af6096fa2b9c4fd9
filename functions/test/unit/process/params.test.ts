import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { encodeMessage, decodeMessage } from "@newsroom/core/message";
import { inputFromPubsub } from "../../../src/process/handler.js";
import { processCpu, processParams, processPostsOptions } from "../../../src/process/params.js";

describe("processPosts options and params", () => {
  it("defaults: retry, 8 vCPU, 300 s timeout, params for concurrency, memory and instances", () => {
    assert.equal(processPostsOptions.retry, true);
    assert.equal(processPostsOptions.timeoutSeconds, 300);
    assert.equal(processPostsOptions.concurrency, processParams.concurrency);
    assert.equal(processPostsOptions.memory, processParams.memoryMb);
    assert.equal(processPostsOptions.maxInstances, processParams.maxInstances);
    assert.equal(processCpu({}), 8);
  });

  it("reads PROCESS_CPU and rejects values Cloud Run functions do not offer", () => {
    assert.equal(processCpu({ PROCESS_CPU: "4" }), 4);
    assert.throws(() => processCpu({ PROCESS_CPU: "16" }), /one of 1, 2, 4, 6, 8/);
    assert.throws(() => processCpu({ PROCESS_CPU: "lots" }), /PROCESS_CPU/);
  });
});

describe("inputFromPubsub", () => {
  it("decodes the base64 data of a Pub/Sub message and keeps its messageId", () => {
    const body = encodeMessage([{ publication: "P", content: "Hello" }], new Date("2026-01-01T00:00:00Z"));
    const input = inputFromPubsub({ messageId: "42", data: body.toString("base64") });
    assert.equal(input.messageId, "42");
    assert.deepEqual(input.data, body);
    const decoded = decodeMessage(input.data);
    assert.ok(decoded.ok);
    assert.equal(inputFromPubsub({ messageId: "43" }).data.length, 0);
  });
});
