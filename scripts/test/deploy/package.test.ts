// What `firebase deploy` uploads must build in Cloud Build on its own: the
// functions directory minus firebase.json's ignore list, installed from the
// npm registry with production dependencies only (the shared @newsroom/core
// and @newsroom/store packages travel inside it, as file:./core and file:./store). This test assembles exactly that
// upload in a temporary directory, installs it, and loads it the way the
// platform does: discovery finds every function, and the extractor runs in a
// worker thread from the installed tree.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { FUNCTIONS_DIR, REPO_ROOT } from "@newsroom/harness/paths";
import { discoverManifest } from "@newsroom/harness/runtime/manifest";

const firebase = JSON.parse(readFileSync(path.join(REPO_ROOT, "firebase.json"), "utf8")) as { functions: Array<{ source: string; ignore: string[] }> };
const ignore = firebase.functions[0]!.ignore.map((g) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`));
const dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-deploy-"));

describe("the functions upload", { timeout: 10 * 60_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("installs from the registry with production dependencies only, and loads", async () => {
    assert.equal(path.resolve(REPO_ROOT, firebase.functions[0]!.source), FUNCTIONS_DIR);
    cpSync(FUNCTIONS_DIR, dir, { recursive: true, filter: (src) => !path.relative(FUNCTIONS_DIR, src).split(path.sep).some((part) => ignore.some((re) => re.test(part))) });
    execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir, stdio: "pipe", timeout: 8 * 60_000 });
    const manifest = await discoverManifest(dir, { PATH: process.env.PATH ?? "", GCLOUD_PROJECT: "demo-deploy" });
    assert.deepEqual(Object.keys(manifest.endpoints).sort(), ["api", "ingest", "pollFeeds", "processPosts", "rollup", "rollupSweep"]);
    const probe = `
      const { createExtractionPool } = await import(${JSON.stringify(path.join(dir, "node_modules/@newsroom/core/lib/extract-pool.js"))});
      const pool = createExtractionPool({ threads: 1 });
      const [r] = await pool.extractEach(["Angela Merkel met Emmanuel Macron in Paris."]);
      await pool.destroy();
      console.log(JSON.stringify(r));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as { ok: boolean; entities: Array<{ canonical: string }> };
    assert.ok(result.ok);
    assert.deepEqual(result.entities.map((e) => e.canonical), ["Angela Merkel", "Emmanuel Macron", "Paris"]);
  });

  // Test tooling lives in the test-support workspace; the upload must hold none of it
  // (a stale build output counts: `firebase deploy` would upload it as well).
  it("holds no test support", () => {
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.split(path.sep).includes("node_modules"));
    assert.ok(files.includes(path.join("core", "lib", "nlp", "extract.js")), "the upload was assembled by the test above");
    const tooling = /hostile|faulty-firestore|test-support|(^|\/)core\/lib\/testing(\/|$)/;
    assert.deepEqual(files.filter((f) => tooling.test(f.split(path.sep).join("/"))), [], "test tooling in the upload (rebuild from a clean lib/ if stale)");
    const core = JSON.parse(readFileSync(path.join(dir, "core", "package.json"), "utf8")) as { exports: Record<string, unknown> };
    assert.deepEqual(Object.keys(core.exports).filter((k) => /testing|hostile/.test(k)), []);
    const functions = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: object; devDependencies?: object };
    assert.ok(!Object.keys({ ...functions.dependencies, ...functions.devDependencies }).includes("@newsroom/test-support"), "a private workspace cannot install in Cloud Build");
    const imports = files.filter((f) => f.endsWith(".js")).filter((f) => /hostileCases|hostileText|faultyFirestore|@newsroom\/test-support/.test(readFileSync(path.join(dir, f), "utf8")));
    assert.deepEqual(imports, [], "production code names test tooling");
  });
});
