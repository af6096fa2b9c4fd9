// The lexicon snapshot: the build writes it, threads load it, and it holds exactly
// what the packages give today (a stale snapshot would silently change the extractor).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { SNAPSHOT_FILE } from "../../../src/nlp/build/snapshot-file.js";
import { buildLexiconData } from "../../../src/nlp/build/sources.js";
import { lexiconOrigin } from "../../../src/nlp/lexicon.js";

test("the built tree has a snapshot, and the lexicon is read from it", () => {
  assert.equal(lexiconOrigin, "snapshot");
});

test("the snapshot equals the data built from the installed packages", () => {
  const snapshot: unknown = JSON.parse(readFileSync(new URL(`../../../src/nlp/${SNAPSHOT_FILE}`, import.meta.url), "utf8"));
  assert.deepEqual(snapshot, JSON.parse(JSON.stringify(buildLexiconData())));
});
