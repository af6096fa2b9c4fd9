import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publicationKey } from "@newsroom/core/keys";
import type { Post } from "@newsroom/core/post";
import { PublishError } from "@newsroom/core/batcher";
import { createIngestHandler, LOGGED_PATH_CHARS, UNCONFIRMED_MESSAGE, type IngestLog } from "../../../src/ingest/handler.js";
import { testAccess } from "./access-helpers.js";

const KEY = "s3cret-key";
const t = testAccess(KEY);

type Run = { status: number; log: IngestLog; body: any; headers: Record<string, string> };

/** Runs one request through the handler as the framework would hand it over (JSON already parsed). */
async function run(path: string, headers: Record<string, string>, json: unknown = {}, submit: (posts: readonly Post[]) => Promise<string[]> = async () => ["m1"]): Promise<Run> {
  const logs: IngestLog[] = [];
  const handler = createIngestHandler({ access: () => t.access, clientAddress: () => "127.0.0.1", submit, log: (entry) => logs.push(entry) });
  const out = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const rawBody = Buffer.from(JSON.stringify(json));
  const req = { path, method: "POST", headers: { "content-type": "application/json", ...headers }, rawBody, body: json, get: (name: string) => headers[name.toLowerCase()] };
  const res = {
    status: (s: number) => ((out.status = s), res),
    setHeader: (name: string, value: string) => ((out.headers[name] = value), res),
    json: (body: unknown) => ((out.body = body), res),
  };
  await handler(req as never, res as never);
  assert.equal(logs.length, 1, "one log entry per request");
  return { ...out, log: logs[0]! };
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

describe("ingest with a client key", () => {
  const post = (publication: string) => ({ publication, content: "Angela Merkel met Emmanuel Macron in Paris." });

  it("answers 403 listing the posts for publications the key may not post to, submits none, and logs the client, not the key", async () => {
    const key = t.issue({ client: "Acme", publications: new Set([publicationKey("The Times")]) });
    let submitted = 0;
    const r = await run("/posts", { authorization: `Bearer ${key}` }, [post("The Times"), post("Elsewhere")], async (posts) => {
      submitted += posts.length;
      return ["m1"];
    });
    assert.equal(r.status, 403);
    assert.equal(r.body.error, "forbidden");
    assert.deepEqual(r.body.problems, [{ index: 1, path: "publication", message: 'this key may not post to "Elsewhere"' }]);
    assert.equal(submitted, 0);
    assert.equal(r.log.client, "Acme");
    assert.ok(!JSON.stringify(r.log).includes(key));
    assert.equal((await run("/posts", { authorization: `Bearer ${key}` }, [post("The Times")])).status, 202);
  });

  it("answers 202 with the key's RateLimit fields, and 429 with Retry-After before submitting anything over its rate", async () => {
    const key = t.issue({ ratePerMinute: 2 });
    const ok = await run("/posts", { "x-api-key": key }, [post("A")]);
    assert.equal(ok.status, 202);
    assert.match(ok.headers["RateLimit"] ?? "", /^"posts-per-key";r=1;t=\d+$/);
    let submitted = 0;
    const over = await run("/posts", { "x-api-key": key }, [post("A"), post("B")], async () => {
      submitted++;
      return ["m"];
    });
    assert.equal(over.status, 429);
    assert.equal(over.headers["Retry-After"], "30");
    assert.equal(submitted, 0);
  });
});

describe("ingest when Pub/Sub does not confirm", () => {
  it("answers 503 saying the posts may have been published, and that only posts with ids are safe to send again", async () => {
    const r = await run("/posts", { authorization: `Bearer ${KEY}` }, [{ publication: "A", content: "x" }], async () => {
      throw new PublishError(new Error("timed out"));
    });
    assert.equal(r.status, 503);
    assert.equal(r.headers["Retry-After"], "5");
    assert.equal(r.body.message, UNCONFIRMED_MESSAGE);
    assert.match(r.body.message, /may have been published/);
    assert.match(r.body.message, /without one may be counted twice/);
  });
});
