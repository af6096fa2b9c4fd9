// Benchmark, not a test: does keysMatch take the same time whatever the wrong
// key looks like? Interleaves the cases in many short rounds (so machine noise
// hits them alike) and prints the median time per call and each case's ratio
// to the right key. Ratios near 1.00 for every case: no timing signal.
//   node scripts/reliability/key-timing.ts [--rounds 41] [--calls 20000] [--json]
import { parseArgs } from "node:util";
import { keysMatch } from "@newsroom/core/key-auth";
import { wholeNumber } from "@newsroom/harness/args";
import { table } from "@newsroom/harness/table";
import { median } from "newsroom-load-test/stats";

export type KeyTiming = { name: string; nsPerCall: number; ratio: number };

export function measureKeyTiming(rounds = 41, calls = 20_000): KeyTiming[] {
  const key = "k3y-" + "0123456789abcdef".repeat(4);
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "x" ? "y" : "x") + s.slice(i + 1);
  const cases: Array<[string, string]> = [
    ["right key", key],
    ["first character wrong", flip(key, 0)],
    ["last character wrong", flip(key, key.length - 1)],
    ["half the key", key.slice(0, key.length / 2)],
    ["one character", "k"],
    ["empty", ""],
    ["twice as long", key + key],
  ];
  const samples = cases.map(() => [] as number[]);
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order every round, so no case always runs first or last.
    for (let j = 0; j < cases.length; j++) {
      const i = (j + r) % cases.length;
      const presented = cases[i]![1];
      const t0 = process.hrtime.bigint();
      for (let n = 0; n < calls; n++) if (keysMatch(presented, key)) sink++;
      samples[i]!.push(Number(process.hrtime.bigint() - t0) / calls);
    }
  }
  if (sink !== rounds * calls) throw new Error("the right key did not match");
  const base = median(samples[0]!);
  return cases.map(([name], i) => ({ name, nsPerCall: median(samples[i]!), ratio: median(samples[i]!) / base }));
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "41" }, calls: { type: "string", default: "20000" }, json: { type: "boolean", default: false } } });
  let rounds: number, calls: number;
  try {
    rounds = wholeNumber("rounds", values.rounds)!;
    calls = wholeNumber("calls", values.calls)!;
  } catch (err) {
    console.error(`key-timing: ${(err as Error).message}`);
    process.exit(2);
  }
  const result = measureKeyTiming(rounds, calls);
  if (values.json) console.log(JSON.stringify(result));
  else console.log(table(["case", "ns/call", "× the right key"], result.map((r) => [r.name, r.nsPerCall.toFixed(0), r.ratio.toFixed(3)])));
}
