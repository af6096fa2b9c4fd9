import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createIngestHandler, LOGGED_PATH_CHARS, type IngestLog } from "../../../src/ingest/handler.js";

const KEY = "s3cret-key";

/** Runs one request through the handler as the framework would hand it over; returns the status and the log entry. */
async function run(path: string, headers: Record<string, string>): Promise<{ status: number; log: IngestLog }> {
  const logs: IngestLog[] = [];
  const handler = createIngestHandler({ apiKey: () => KEY, submit: async () => ["m1"], log: (entry) => logs.push(entry) });
  let status = 0;
  const req = { path, method: "POST", headers, rawBody: Buffer.alloc(0), body: {}, get: (name: string) => headers[name.toLowerCase()] };
  const res = {
    status: (s: number) => ((status = s), res),
    setHeader: () => res,
    json: () => res,
  };
  await handler(req as never, res as never);
  assert.equal(logs.length, 1, "one log entry per request");
  return { status, log: logs[0]! };
}

describe("ingest request log", () => {
  const long = `/${"a".repeat(50_000)}`;

  it("logs at most LOGGED_PATH_CHARS of a client's path, marked as cut, on 401, 403 and 404", async () => {
    for (const [headers, expected] of [
      [{}, 401],
      [{ "x-api-key": "wrong" }, 403],
      [{ "x-api-key": KEY }, 404],
    ] as const) {
      const { status, log } = await run(long, headers);
      assert.equal(status, expected);
      assert.ok(log.route.startsWith(long.slice(0, LOGGED_PATH_CHARS)), "keeps the start of the path");
      assert.ok(log.route.length < LOGGED_PATH_CHARS + 40, `logged ${log.route.length} characters`);
      assert.match(log.route, new RegExp(`…\\[${long.length - LOGGED_PATH_CHARS} more characters\\]$`));
    }
  });

  it("logs a path up to the limit as it is", async () => {
    const path = `/${"b".repeat(LOGGED_PATH_CHARS - 1)}`;
    assert.equal((await run(path, {})).log.route, path);
    assert.equal((await run("/posts", { "x-api-key": KEY })).log.route, "/posts");
  });
});
