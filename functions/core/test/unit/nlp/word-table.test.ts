// The packed word tables the lexicon is read through: exact matches only, values
// for maps, and the snapshot's bytes read back wherever they sit in memory.
import assert from "node:assert/strict";
import { test } from "node:test";
import { lexiconData, packLexicon, unpackLexicon } from "../../../src/nlp/build/snapshot-file.js";
import { buildLexiconData } from "../../../src/nlp/build/sources.js";
import { packList, WordTable } from "../../../src/nlp/word-table.js";

test("a set finds its words and nothing else: no prefix, extension, case change or empty string", () => {
  const words = ["oslo", "lagos", "são paulo", "köln", "x", "new york"];
  const table = new WordTable(packList(words));
  for (const w of words) assert.equal(table.has(w), true, w);
  for (const w of ["osl", "oslos", "Oslo", "", "new", "new york city", "sao paulo", "köl", "lagos\n"]) assert.equal(table.has(w), false, w);
  assert.equal(table.size, words.length);
  assert.deepEqual(table.keys(), words);
  assert.deepEqual([...table], words);
});

test("a map gives each key its own value, through collisions in a table of 10,000 keys", () => {
  const keys = Array.from({ length: 10_000 }, (_, i) => `w${i.toString(36)}`);
  const values = keys.map((_, i) => ["Verb", "Noun", "Adjective"][i % 3]!);
  const table = new WordTable(packList(keys, values));
  keys.forEach((k, i) => assert.equal(table.get(k), values[i], k));
  assert.equal(table.get("w"), undefined);
  assert.equal(table.has("zz-missing"), false);
  assert.deepEqual(table.entries(), keys.map((k, i) => [k, values[i]]));
  assert.deepEqual(new WordTable(packList([], [])).entries(), []);
});

test("packing refuses duplicates, line breaks, lone surrogates and mismatched values", () => {
  assert.throws(() => packList(["a", "b", "a"]), /duplicate/);
  assert.throws(() => packList(["a\nb"]), /line break/);
  assert.throws(() => packList(["\uD800x"]), /lone surrogate/);
  assert.throws(() => packList(["a", "b"], ["Verb"]), /2 keys but 1 values/);
});

test("a snapshot reads the same from a buffer that is not 4-byte aligned", () => {
  const data = buildLexiconData();
  const bytes = packLexicon(data);
  const shifted = new Uint8Array(bytes.length + 1).subarray(1);
  shifted.set(bytes);
  assert.notEqual(shifted.byteOffset % 4, 0);
  assert.deepEqual(lexiconData(unpackLexicon(shifted)), JSON.parse(JSON.stringify(data)));
});
