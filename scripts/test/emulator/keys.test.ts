// `npm run keys` (scripts/keys.ts) against the Firestore emulator, as an
// operator runs it: create prints the key once, list shows it without the key,
// revoke takes the key, its listed prefix or the client's name.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, it } from "node:test";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { clientKeyId, COLLECTIONS, paths } from "@newsroom/core/firestore-schema";
import { firestoreTarget } from "@newsroom/harness/firestore-target";
import { commandFromArgs } from "../../keys.ts";
import { runCli } from "../support/cli.ts";

const CLI = path.resolve(import.meta.dirname, "../../keys.ts");

const keys = (...args: string[]) => runCli(CLI, args);

describe("keys CLI arguments", () => {
  it("reads create's client, publications (comma-separated or repeated) and rate", () => {
    assert.deepEqual(commandFromArgs(["create", "--client", "Acme", "--publications", "A, B", "--publications", "C", "--rate", "60"]).cmd, {
      command: "create",
      spec: { client: "Acme", publications: ["A", "B", "C"], ratePerMinute: 60 },
    });
    assert.deepEqual(commandFromArgs(["revoke", "Acme", "--project", "p"]), { cmd: { command: "revoke", target: "Acme" }, project: "p" });
  });
  it("refuses what it cannot mean", () => {
    assert.throws(() => commandFromArgs(["create"]), /--client/);
    assert.throws(() => commandFromArgs(["list", "--rate", "5"]), /create only/);
    assert.throws(() => commandFromArgs(["revoke"]), /one argument/);
    assert.throws(() => commandFromArgs(["rotate"]), /unknown command/);
  });
  it("finds the local emulator as the other CLIs do, and a real project only with --project", () => {
    assert.deepEqual(firestoreTarget(undefined, {}), { projectId: "demo-newsroom", emulatorHost: "127.0.0.1:8080" });
    assert.deepEqual(firestoreTarget(undefined, { EMULATOR_PORT_OFFSET: "200" }), { projectId: "demo-newsroom", emulatorHost: "127.0.0.1:8280" });
    assert.deepEqual(firestoreTarget(undefined, { FIRESTORE_EMULATOR_HOST: "127.0.0.1:9", GCLOUD_PROJECT: "demo-x" }), { projectId: "demo-x", emulatorHost: "127.0.0.1:9" });
    assert.deepEqual(firestoreTarget("my-project", { FIRESTORE_EMULATOR_HOST: "127.0.0.1:9" }), { projectId: "my-project", emulatorHost: undefined });
  });
});

describe("npm run keys on the emulator", { skip: process.env.FIRESTORE_EMULATOR_HOST ? false : "needs the Firestore emulator (npm run test:emulators)" }, () => {
  const db = () => getFirestore(getApps()[0] ?? initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? "demo-newsroom" }));
  const client = `CLI client ${randomBytes(3).toString("hex")}`;

  it("creates a key, prints it once, stores only its hash, lists it without the key, and revokes it", async () => {
    const created = await keys("create", "--client", client, "--publications", "The Example Times,Daily Sample", "--rate", "60");
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trim();
    assert.match(key, /^nk_[A-Za-z0-9_-]{43}$/, "stdout is the key alone");

    const doc = (await db().doc(paths.clientKey(clientKeyId(key))).get()).data()!;
    assert.equal(doc.client, client);
    assert.deepEqual(doc.publications, [publicationKey("The Example Times"), publicationKey("Daily Sample")]);
    assert.equal(doc.ratePerMinute, 60);
    assert.ok(!JSON.stringify(doc).includes(key.slice(10)), "the document does not hold the key");

    const listed = await keys("list");
    assert.equal(listed.code, 0, listed.stderr);
    const line = listed.stdout.split("\n").find((l) => l.includes(client))!;
    assert.ok(line.includes(`${key.slice(0, 9)}…`), line);
    assert.ok(line.includes("The Example Times, Daily Sample") && line.includes("60"), line);
    assert.ok(!listed.stdout.includes(key.slice(9, 20)), "the listing shows no more of the key than its prefix");

    const revoked = await keys("revoke", key);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, new RegExp(`revoked ${key.slice(0, 9)}… \\(${client}\\)`));
    assert.ok((await db().doc(paths.clientKey(clientKeyId(key))).get()).get("revokedAt"));
    assert.equal((await keys("revoke", key)).code, 1, "revoking it again finds no active key");
  });

  it("revokes by the listed prefix, and every active key of a client by name", async () => {
    const one = (await keys("create", "--client", `${client} b`)).stdout.trim();
    const two = (await keys("create", "--client", `${client} b`)).stdout.trim();
    const three = (await keys("create", "--client", `${client} b`)).stdout.trim();
    assert.equal((await keys("revoke", one.slice(0, 9))).code, 0);
    const byName = await keys("revoke", `${client} b`);
    assert.equal(byName.code, 0, byName.stderr);
    assert.equal(byName.stdout.trim().split("\n").length, 2, "the two keys still active");
    for (const k of [one, two, three]) assert.ok((await db().doc(paths.clientKey(clientKeyId(k))).get()).get("revokedAt"), k.slice(0, 9));
    const listed = (await db().collection(COLLECTIONS.clientKeys).where("client", "==", `${client} b`).get()).size;
    assert.equal(listed, 3);
  });

  it("refuses a key it cannot issue, and prints no key", async () => {
    for (const args of [["--rate", "0"], ["--rate", "1.5"], ["--publications", ","]]) {
      const r = await keys("create", "--client", client, ...args);
      assert.equal(r.code, 2, args.join(" "));
      assert.equal(r.stdout, "");
    }
  });
});
