// The lexicon snapshot: the build writes it, threads load it, and it holds exactly
// what the packages give today (a stale snapshot would silently change the extractor).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { lexiconData, packLexicon, SNAPSHOT_FILE, unpackLexicon } from "../../../src/nlp/build/snapshot-file.js";
import { buildLexiconData } from "../../../src/nlp/build/sources.js";
import { lexiconOrigin } from "../../../src/nlp/lexicon.js";

test("the built tree has a snapshot, and the lexicon is read from it", () => {
  assert.equal(lexiconOrigin, "snapshot");
});

test("the snapshot equals the data built from the installed packages", () => {
  const snapshot = lexiconData(unpackLexicon(readFileSync(new URL(`../../../src/nlp/${SNAPSHOT_FILE}`, import.meta.url))));
  assert.deepEqual(snapshot, JSON.parse(JSON.stringify(buildLexiconData())));
});

test("packing keeps every list and pair list, empty ones included, and refuses an entry with a line break", () => {
  const data = { ...buildLexiconData(), demonyms: [], wellKnownSurnames: [["merkel", "angela merkel"]] as [string, string][] };
  assert.deepEqual(lexiconData(unpackLexicon(packLexicon(data))), data);
  assert.throws(() => packLexicon({ ...data, cities: ["Oslo\nLagos"] }), /line break/);
});
