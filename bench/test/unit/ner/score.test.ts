// Unit tests for the pure scoring logic. Run: node --test bench/ner/
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConll } from "../../../ner/conll.ts";
import { emptyTally, normalizeLenient, prf, scoreLenient, scoreStrict, summarize } from "../../../ner/score.ts";
import { topKeys, topOverlap } from "../../../ner/rank.ts";

test("IO tags: adjacent I- tokens of one label form one span; MISC is ignored", () => {
  const docs = parseConll(
    "-DOCSTART- O\n\nAnna I-PER\nKarlsson I-PER\nvisited O\nOld I-LOC\nTown I-LOC\nfor O\nEaster I-MISC\n.\tO\n",
  );
  assert.equal(docs.length, 1);
  const doc = docs[0]!;
  assert.equal(doc.text, "Anna Karlsson visited Old Town for Easter .");
  assert.deepEqual(
    doc.gold.map((g) => [g.type, g.text, doc.text.slice(g.start, g.end)]),
    [
      ["person", "Anna Karlsson", "Anna Karlsson"],
      ["place", "Old Town", "Old Town"],
    ],
  );
  assert.equal(doc.tokens, 8);
});

test("BIO tags: B- starts a new span; WNUT labels map to product types", () => {
  const docs = parseConll(
    "Ana\tB-person\nLee\tB-person\nat\tO\nAcme\tB-corporation\nBand\tB-group\nin\tO\nOslo\tB-location\nplays\tO\nGame\tB-product\n\nnext\tO\npost\tO\n",
  );
  assert.equal(docs.length, 2, "blank lines separate posts when there is no -DOCSTART-");
  assert.deepEqual(
    docs[0]!.gold.map((g) => [g.type, g.text]),
    [
      ["person", "Ana"],
      ["person", "Lee"],
      ["organization", "Acme"],
      ["organization", "Band"],
      ["place", "Oslo"],
    ],
  );
});

test("sentences join with a newline and spans never cross them", () => {
  const docs = parseConll("-DOCSTART- O\n\nSeen I-LOC\n\nRiver I-LOC\nbank O\n");
  assert.equal(docs[0]!.text, "Seen\nRiver bank");
  assert.deepEqual(docs[0]!.gold.map((g) => g.text), ["Seen", "River"]);
});

test("lenient normalisation folds case, possessives and outer punctuation", () => {
  assert.equal(normalizeLenient("Acme's"), "acme");
  assert.equal(normalizeLenient('"Berlin,"'), "berlin");
  assert.equal(normalizeLenient("(U.S.)"), "u.s");
  assert.equal(normalizeLenient("New  York"), "new york");
});

test("strict scoring needs exact span and type", () => {
  const t = emptyTally();
  const gold = [{ start: 0, end: 5, type: "person" as const, text: "Ann B" }];
  scoreStrict(gold, [
    { start: 0, end: 5, type: "person", text: "Ann B" },
    { start: 0, end: 3, type: "person", text: "Ann" },
    { start: 0, end: 5, type: "place", text: "Ann B" },
  ], t);
  assert.deepEqual(t.person, { tp: 1, fp: 1, fn: 0 });
  assert.deepEqual(t.place, { tp: 0, fp: 1, fn: 0 });
});

test("lenient scoring is a per-type multiset intersection", () => {
  const t = emptyTally();
  const g = (text: string) => ({ start: 0, end: 0, type: "organization" as const, text });
  scoreLenient([g("Acme"), g("Acme"), g("Zeta")], [g("ACME's"), g("Beta")], t);
  assert.deepEqual(t.organization, { tp: 1, fp: 1, fn: 2 });
});

test("P/R/F1 and micro-averaging", () => {
  const r = prf({ tp: 2, fp: 2, fn: 6 });
  assert.equal(r.precision, 0.5);
  assert.equal(r.recall, 0.25);
  assert.ok(Math.abs(r.f1 - 1 / 3) < 1e-12);
  assert.equal(prf({ tp: 0, fp: 0, fn: 0 }).f1, 0);
  const t = emptyTally();
  t.person = { tp: 1, fp: 0, fn: 1 };
  t.place = { tp: 1, fp: 2, fn: 0 };
  assert.deepEqual(
    [summarize(t).micro.tp, summarize(t).micro.fp, summarize(t).micro.fn],
    [2, 2, 1],
  );
});

test("top-N overlap: type and lenient string, ranked by count over the set", () => {
  const s = (type: "person" | "place", text: string) => ({ start: 0, end: 0, type, text });
  const gold = [[s("person", "Ann"), s("person", "Ann"), s("place", "Oslo")], [s("place", "Rome")]];
  const pred = [[s("person", "ANN"), s("place", "Ann")], [s("place", "Rome"), s("place", "Rome")]];
  assert.deepEqual(topKeys(gold, 2), ["person:ann", "place:oslo"]);
  assert.equal(topOverlap(gold, pred, 2), 0.5); // person:ann kept, place:oslo missed
  assert.equal(topOverlap(gold, pred, 3), 2 / 3);
  assert.equal(topOverlap([], pred, 3), 0);
});
