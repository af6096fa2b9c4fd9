// The NER benchmark's tables.
import { table } from "@newsroom/harness/table";
import type { EntityType } from "./conll.ts";
import type { Prf } from "./score.ts";
import type { ThreadCost } from "./threads.ts";

export interface SetResult {
  /** File name, or "all" for the sets together. */
  name: string;
  docs: number;
  tokens: number;
  strict: Record<EntityType | "micro", Prf>;
  lenient: Record<EntityType | "micro", Prf>;
  /** Share of the gold top 50 (by count over the set) that the predicted top 50 holds. */
  top50: number;
}

export interface RunResult {
  name: string;
  sets: SetResult[];
  tokensPerSec: number;
  mbPerSec: number;
  loadMs: number;
  peakRssMb: number;
  thread: ThreadCost;
}

const ROWS = ["person", "organization", "place", "micro"] as const;
const f3 = (x: number): string => x.toFixed(3);

export function formatTable(files: string[], results: RunResult[], ratio: number): string {
  const lines: string[] = [];
  lines.push(`files: ${files.join(", ")}`);
  for (const s of results[0]?.sets ?? []) lines.push(`  ${s.name}: ${s.docs} documents, ${s.tokens} tokens`);
  lines.push("");
  const setNames = results[0]?.sets.map((s) => s.name) ?? [];
  const scores: string[][] = [];
  for (const setName of setNames) {
    for (const r of results) {
      const s = r.sets.find((x) => x.name === setName)!;
      for (const mode of ["strict", "lenient"] as const) {
        for (const row of ROWS) {
          const m = s[mode][row];
          scores.push([setName, r.name, mode, row, f3(m.precision), f3(m.recall), f3(m.f1), String(m.tp), String(m.fp), String(m.fn)]);
        }
      }
    }
  }
  lines.push(table(["set", "extractor", "mode", "type", "P", "R", "F1", "tp", "fp", "fn"], scores, ["l", "l", "l", "l"]));
  lines.push("");
  lines.push("top-50 overlap with the gold top 50 (type + lenient string, ranked by count over the set)");
  lines.push(table(["set", ...results.map((r) => r.name)], setNames.map((setName) => [setName, ...results.map((r) => f3(r.sets.find((x) => x.name === setName)!.top50))])));
  lines.push("");
  lines.push(
    table(
      ["extractor", "tokens/s", "MB/s", "load ms", "peak RSS MB", "thread cold ms", "thread load ms", "thread heap MB", "thread RSS MB"],
      results.map((r) => [
        r.name,
        r.tokensPerSec.toFixed(0),
        r.mbPerSec.toFixed(3),
        r.loadMs.toFixed(0),
        r.peakRssMb.toFixed(0),
        r.thread.coldMs.toFixed(0),
        r.thread.loadMs.toFixed(0),
        r.thread.heapMb.toFixed(1),
        r.thread.rssMb.toFixed(1),
      ]),
    ),
  );
  lines.push("(speed: one core, best of passes; per thread: 2 threads started in turn, worst cold/load, RSS added per thread)");
  lines.push(`speed ratio product/compromise (tokens/s): ${ratio.toFixed(2)}`);
  return lines.join("\n");
}
