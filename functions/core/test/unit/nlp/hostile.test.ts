// Hostile inputs (issue 10 §4): repetitions of every lexicon word class and
// punctuation class must never throw, never yield a name over the bounds, and
// cost work linear in their length. Work is read from a meter passed to the
// extractor (deterministic), not from a clock: time ratios are checked by
// `npm run bench:ner -- --adversarial` (house rule: speed goals live in benchmarks).
import assert from "node:assert/strict";
import { describe, mock, test } from "node:test";
import { hostileText, hostileUnits, type HostileClass } from "@newsroom/test-support/hostile-text";
import { seeded } from "@newsroom/test-support/random";
import { extractEntities, MAX_ENTITY_CHARS, MAX_SPAN_TOKENS, type Entity, type WorkMeter } from "../../../src/nlp/extract.js";
import { NO_METER } from "../../../src/nlp/limits.js";
import { tokenize } from "../../../src/nlp/tokenize.js";

/**
 * The real entry, failing the test where its last-resort guard fires: the guard logs
 * every error of the pipeline and returns [], so a silent guard means nothing threw.
 */
function extractUnguarded(text: string, meter: WorkMeter = NO_METER): Entity[] {
  const guard = mock.method(console, "error", () => {});
  try {
    const entities = extractEntities(text, { meter });
    assert.equal(guard.mock.callCount(), 0, String(guard.mock.calls[0]?.arguments[0]));
    return entities;
  } finally {
    guard.mock.restore();
  }
}

/** Steps of work for one extraction, and its entities. */
function measure(text: string): { steps: number; count: number } {
  let steps = 0;
  const entities = extractUnguarded(text, { tick: (n = 1) => void (steps += n) });
  for (const e of entities) {
    assert.equal(text.slice(e.start, e.end), e.text);
    assert.ok(e.text.length <= MAX_ENTITY_CHARS && e.canonical.length <= MAX_ENTITY_CHARS, `over-long name: ${e.text.slice(0, 40)}...`);
    const words = tokenize(e.text, NO_METER).filter((t) => t.kind !== "poss");
    assert.ok(words.length <= MAX_SPAN_TOKENS, `span of ${words.length} tokens: ${e.text.slice(0, 80)}`);
  }
  return { steps, count: entities.length };
}

const perChar = (steps: number, chars: number): number => steps / chars;
// Each stage visits a token a bounded number of times (tokenize, context, headlines, chunking,
// typing, article resolution): a few steps per character at most, whatever the text.
const MAX_STEPS_PER_CHAR = 6;

describe("hostile inputs", () => {
  const units = hostileUnits();

  test("the generator covers every class", () => {
    const classes = new Set<HostileClass>(units.map((u) => u.cls));
    assert.deepEqual([...classes].sort(), ["capitalised", "connector", "function-word", "particle", "punctuation", "title"]);
    assert.ok(units.length > 300);
  });

  test("every unit at 1k and 10k chars: no throw, bounded names and spans, work linear in length", () => {
    let worst = { steps: 0, unit: "" };
    for (const { unit } of units) {
      const small = perChar(measure(hostileText(unit, 1_000)).steps, 1_000);
      const large = perChar(measure(hostileText(unit, 10_000)).steps, 10_000);
      // Linear: ten times the text is at most ten times the work (plus rounding of the last unit).
      assert.ok(large <= small * 1.05 + 0.01, `${JSON.stringify(unit)}: ${small.toFixed(2)} -> ${large.toFixed(2)} steps/char`);
      if (large > worst.steps) worst = { steps: large, unit };
    }
    assert.ok(worst.steps <= MAX_STEPS_PER_CHAR, `${JSON.stringify(worst.unit)}: ${worst.steps.toFixed(2)} steps/char`);
  });

  test("the first units of each class, and the inputs of issue 10, at 100k chars", () => {
    const byClass = new Map<HostileClass, string[]>();
    for (const { cls, unit } of units) byClass.set(cls, [...(byClass.get(cls) ?? []), unit].slice(0, 4));
    const chosen = [...byClass.values()].flat().concat(["The ", "Late ", "Xyz de ", "Bank of ", "Former "]);
    for (const unit of new Set(chosen)) {
      const mid = perChar(measure(hostileText(unit, 10_000)).steps, 10_000);
      const big = perChar(measure(hostileText(unit, 100_000)).steps, 100_000);
      assert.ok(big <= mid * 1.05 + 0.01, `${JSON.stringify(unit)}: ${mid.toFixed(2)} -> ${big.toFixed(2)} steps/char`);
    }
  });

  test("the longest name: a candidate over the bound is dropped, not cut", () => {
    const long = "Xyz".repeat(60); // 180 letters: one capitalised word longer than any name
    assert.deepEqual(extractUnguarded(`Visitors met ${long} in Lagos.`).map((e) => e.text), ["Lagos"]);
    const many = Array.from({ length: 14 }, (_, k) => `Q${"wxyz"[k % 4]}rn`).join(" "); // 14 capitalised words
    assert.ok(extractUnguarded(`Then ${many} arrived.`).every((e) => e.text.split(" ").length <= MAX_SPAN_TOKENS));
  });

  test("random Unicode (no NUL, no unpaired surrogates) never throws", () => {
    const rand = seeded(42).int;
    const pools = ["The Bank of de la ", "ABC. ", "\n", "’s ", "İstanbul ", "ß", "\uFDFA", "😀", "\u0301", "&", "  "];
    for (let round = 0; round < 200; round++) {
      let s = "";
      while (s.length < 2_000) {
        const r = rand(3);
        if (r === 0) s += pools[rand(pools.length)];
        else if (r === 1) s += String.fromCodePoint(1 + rand(0xd7ff));
        else s += String.fromCodePoint(0xe000 + rand(0x10ffff - 0xe000));
      }
      measure(s);
    }
  });
});
