// Pins the design of the API-key comparison: both sides are hashed (SHA-256,
// so equal 32-byte inputs whatever the key lengths) and compared with
// crypto.timingSafeEqual; the presented key is never compared directly or by
// length. Timing itself is measured by `node scripts/reliability/key-timing.ts`
// (a benchmark: timings on a shared machine are too noisy for a test).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keysMatch } from "../../src/key-auth.js";

const source = keysMatch.toString();

describe("keysMatch (constant-time design)", () => {
  it("hashes both sides with SHA-256 and compares the digests with timingSafeEqual", () => {
    assert.equal(source.match(/createHash\(["']sha256["']\)/g)?.length, 2, source);
    assert.match(source, /timingSafeEqual\(\s*\w+\s*,\s*\w+\s*\)/);
  });

  it("never compares the keys themselves, or the presented key's length", () => {
    const [presented, expected] = /^function\s*\w*\s*\(\s*(\w+)\s*,\s*(\w+)/.exec(source)!.slice(1) as [string, string];
    assert.doesNotMatch(source, new RegExp(`\\b${presented}\\b\\s*[!=]==?|[!=]==?\\s*\\b${presented}\\b`), "no === on the presented key");
    assert.doesNotMatch(source, new RegExp(`\\b${presented}\\.length\\b`), "no look at the presented key's length");
    assert.doesNotMatch(source, /\.(startsWith|endsWith|includes|indexOf|localeCompare)\(/);
    // The only early exit, the empty-key guard, depends on the configured key alone and runs after the comparison.
    assert.match(source, new RegExp(`timingSafeEqual\\([^)]*\\)\\s*&&\\s*${expected}\\.length\\s*>\\s*0`));
  });

  it("compares keys of any length without throwing (timingSafeEqual would on unequal lengths)", () => {
    const key = "k".repeat(40);
    for (const presented of ["", "k", key.slice(0, -1), `${key}k`, "k".repeat(1_000_000), "\u00e9\u{1F600}", key]) {
      assert.equal(keysMatch(presented, key), presented === key, JSON.stringify(presented.slice(0, 10)));
    }
    assert.equal(keysMatch(key, ""), false, "no configured key matches nothing");
  });
});
