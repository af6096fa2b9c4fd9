// `npm run sources` (scripts/sources.ts) against a running local stack, as an
// operator runs it: add checks the URL once and says what it found (or why it
// cannot be a source), the stack's own minute picks the source up, list shows
// its health, and pause, resume and remove take its id or its URL.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { NEVER_MS } from "@newsroom/core/firestore-schema";
import { getSource } from "@newsroom/store/sources";
import { startFeedServer, type FeedServer } from "@newsroom/harness/feed-server";
import { commandFromArgs } from "../../sources.ts";
import { runCli } from "../support/cli.ts";

const CLI = path.resolve(import.meta.dirname, "../../sources.ts");
const sources = (...args: string[]) => runCli(CLI, args);

describe("sources CLI arguments", () => {
  it("reads add's URL and publication, and the source the others name", () => {
    assert.deepEqual(commandFromArgs(["add", "https://example.com/feed.xml", "--publication", "Example Times"]).cmd, { command: "add", url: "https://example.com/feed.xml", publication: "Example Times" });
    assert.deepEqual(commandFromArgs(["pause", "0123456789abcdef0123", "--project", "p"]), { cmd: { command: "pause", source: "0123456789abcdef0123" }, project: "p" });
    assert.deepEqual(commandFromArgs(["list", "-h"]).cmd, { command: "help" });
  });
  it("refuses what it cannot mean", () => {
    assert.throws(() => commandFromArgs(["add", "https://example.com/feed.xml"]), /--publication/);
    assert.throws(() => commandFromArgs(["add"]), /one URL/);
    assert.throws(() => commandFromArgs(["list", "--publication", "X"]), /add only/);
    assert.throws(() => commandFromArgs(["remove"]), /one source/);
    assert.throws(() => commandFromArgs(["purge", "x"]), /unknown command "purge"/);
  });
});

describe("npm run sources on a local stack", { skip: process.env.POLL_FEEDS_URL ? false : "needs a local stack (npm run test:emulators)", timeout: 5 * 60_000 }, () => {
  const db = () => getFirestore(getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }));
  const publication = `CLI feeds ${randomBytes(3).toString("hex")}`;
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server?.close());

  it("adds a feed after checking it, and the stack's own minute polls it", async () => {
    const url = `${server.url}/fixtures/rss.xml`;
    const added = await sources("add", url, "--publication", publication);
    assert.equal(added.code, 0, added.stderr);
    const [, id] = /^added ([0-9a-f]{20}): rss "[^"]+" at (\S+), 3 items, the newest from 20\d\d-/.exec(added.stdout) ?? [];
    assert.ok(id, added.stdout);

    // No test call runs the poller here: the harness's scheduler does, every minute.
    const deadline = Date.now() + 75_000;
    let polled = await getSource(db(), id);
    while (!polled?.lastPollAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      polled = await getSource(db(), id);
    }
    assert.ok(polled?.lastPollAt, "polled within a minute of being added");

    const listed = await sources("list");
    assert.equal(listed.code, 0, listed.stderr);
    const line = listed.stdout.split("\n").find((l) => l.includes(id))!;
    assert.ok(line.includes(publication) && line.includes("rss") && line.includes("active"), line);

    assert.equal((await sources("pause", url)).code, 0, "the URL names it");
    assert.equal((await getSource(db(), id))?.nextPollAtMs, NEVER_MS);
    const resumed = await sources("resume", id);
    assert.match(resumed.stdout, /resumed .*due at once/);
    assert.equal((await sources("add", url, "--publication", publication)).code, 2, "the same feed twice for one publication");
    assert.equal((await sources("remove", id)).code, 0);
    assert.equal(await getSource(db(), id), undefined);
    assert.equal((await sources("remove", id)).code, 1, "nothing left to remove");
  });

  it("says why a URL cannot be a source, and adds nothing", async () => {
    for (const [path, reason] of [["/fixtures/gone.xml", /HTTP 410/], ["/fixtures/laughs.xml", /not a feed/], ["/fixtures/articles/rss-1.html", /not a feed/]] as const) {
      const r = await sources("add", `${server.url}${path}`, "--publication", publication);
      assert.equal(r.code, 1, path);
      assert.match(r.stderr, reason, path);
    }
    const refused = await sources("add", "http://10.0.0.5/feed.xml", "--publication", publication);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /forbidden-address/);
  });
});
