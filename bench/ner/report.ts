// Plain-text table for the NER benchmark.
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
  lines.push(
    ["set", "extractor", "mode", "type", "P", "R", "F1", "tp", "fp", "fn"]
      .map((h, i) => (i < 4 ? h.padEnd([18, 11, 8, 13][i]!) : h.padStart(6)))
      .join(" "),
  );
  const setNames = results[0]?.sets.map((s) => s.name) ?? [];
  for (const setName of setNames) {
    for (const r of results) {
      const s = r.sets.find((x) => x.name === setName)!;
      for (const mode of ["strict", "lenient"] as const) {
        for (const row of ROWS) {
          const m = s[mode][row];
          lines.push(
            [
              setName.padEnd(18),
              r.name.padEnd(11),
              mode.padEnd(8),
              row.padEnd(13),
              ...[f3(m.precision), f3(m.recall), f3(m.f1)].map((x) => x.padStart(6)),
              ...[m.tp, m.fp, m.fn].map((n) => String(n).padStart(6)),
            ].join(" "),
          );
        }
      }
    }
    lines.push("");
  }
  lines.push("top-50 overlap with the gold top 50 (type + lenient string, ranked by count over the set)");
  for (const setName of setNames) {
    lines.push(`  ${setName.padEnd(18)} ${results.map((r) => `${r.name} ${f3(r.sets.find((x) => x.name === setName)!.top50)}`).join("   ")}`);
  }
  lines.push("");
  lines.push("extractor   tokens/s     MB/s   load ms  peak RSS MB | per thread: cold ms  load ms  heap MB  RSS MB");
  for (const r of results) {
    lines.push(
      [
        r.name.padEnd(11),
        r.tokensPerSec.toFixed(0).padStart(8),
        r.mbPerSec.toFixed(3).padStart(8),
        r.loadMs.toFixed(0).padStart(9),
        r.peakRssMb.toFixed(0).padStart(12),
        " |            ",
        r.thread.coldMs.toFixed(0).padStart(7),
        r.thread.loadMs.toFixed(0).padStart(8),
        r.thread.heapMb.toFixed(1).padStart(8),
        r.thread.rssMb.toFixed(1).padStart(7),
      ].join(" "),
    );
  }
  lines.push("(speed: one core, best of passes; per thread: 2 threads started in turn, worst cold/load, RSS added per thread)");
  lines.push(`speed ratio product/compromise (tokens/s): ${ratio.toFixed(2)}`);
  return lines.join("\n");
}
