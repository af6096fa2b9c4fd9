import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ensureLocalSecret } from "../../src/secret.ts";

const dir = mkdtempSync(path.join(tmpdir(), "secret-"));
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("the local secret file", () => {
  it("is created with a random key, readable by its owner only", () => {
    const file = path.join(dir, "fresh.secret.local");
    const key = ensureLocalSecret(file, "INGEST_API_KEY");
    assert.match(key, /^dev-[\w-]{32}$/);
    assert.equal(readFileSync(file, "utf8"), `INGEST_API_KEY=${key}\n`);
    assert.equal(modeOf(file), 0o600);
  });

  it("keeps an existing key and makes a world-readable file private again", () => {
    const file = path.join(dir, "existing.secret.local");
    writeFileSync(file, "OTHER=1\nINGEST_API_KEY=kept\n");
    chmodSync(file, 0o644);
    assert.equal(ensureLocalSecret(file, "INGEST_API_KEY"), "kept");
    assert.equal(modeOf(file), 0o600);
    assert.equal(readFileSync(file, "utf8"), "OTHER=1\nINGEST_API_KEY=kept\n", "content unchanged");
  });

  it("adds a key to an existing file without one, and makes it private", () => {
    const file = path.join(dir, "other.secret.local");
    writeFileSync(file, "OTHER=1");
    chmodSync(file, 0o664);
    const key = ensureLocalSecret(file, "INGEST_API_KEY");
    assert.equal(readFileSync(file, "utf8"), `OTHER=1\nINGEST_API_KEY=${key}\n`);
    assert.equal(modeOf(file), 0o600);
  });
});
