import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { envKey, readEnvValue } from "../../src/dotenv.ts";

const file = path.join(mkdtempSync(path.join(tmpdir(), "dotenv-")), ".env");
writeFileSync(file, '# comment\nREGION=europe-west1\n  POSTS_TOPIC = "news"  \nREGION=us-east1\nEMPTY=\nQUOTED=\'a b\'\n');

describe("dotenv files", () => {
  it("reads a value, the last line winning, quotes and spaces removed", () => {
    assert.equal(readEnvValue(file, "REGION"), "us-east1");
    assert.equal(readEnvValue(file, "POSTS_TOPIC"), "news");
    assert.equal(readEnvValue(file, "QUOTED"), "a b");
    assert.equal(readEnvValue(file, "EMPTY"), "");
  });
  it("answers undefined for a missing key or file", () => {
    assert.equal(readEnvValue(file, "NOPE"), undefined);
    assert.equal(readEnvValue(`${file}.missing`, "REGION"), undefined);
  });
  it("names the key a line sets", () => {
    assert.equal(envKey(" EXTRACT_THREADS=1"), "EXTRACT_THREADS");
    assert.equal(envKey("# EXTRACT_THREADS=1"), undefined);
  });
});
