// Plain-text table for the NER benchmark.
import type { EntityType } from "./conll.ts";
import type { Prf } from "./score.ts";

export interface RunResult {
  name: string;
  docs: number;
  tokens: number;
  strict: Record<EntityType | "micro", Prf>;
  lenient: Record<EntityType | "micro", Prf>;
  tokensPerSec: number;
  mbPerSec: number;
  loadMs: number;
  peakRssMb: number;
}

const ROWS = ["person", "organization", "place", "micro"] as const;
const f3 = (x: number): string => x.toFixed(3);

export function formatTable(files: string[], results: RunResult[], ratio: number): string {
  const lines: string[] = [];
  const first = results[0];
  lines.push(`files: ${files.join(", ")}`);
  if (first) lines.push(`documents: ${first.docs}, tokens: ${first.tokens}`);
  lines.push("");
  lines.push(
    ["extractor", "mode", "type", "P", "R", "F1", "tp", "fp", "fn"]
      .map((h, i) => (i < 3 ? h.padEnd(i === 2 ? 13 : 11) : h.padStart(6)))
      .join(" "),
  );
  for (const r of results) {
    for (const mode of ["strict", "lenient"] as const) {
      for (const row of ROWS) {
        const m = r[mode][row];
        lines.push(
          [
            r.name.padEnd(11),
            mode.padEnd(11),
            row.padEnd(13),
            ...[f3(m.precision), f3(m.recall), f3(m.f1)].map((s) => s.padStart(6)),
            ...[m.tp, m.fp, m.fn].map((n) => String(n).padStart(6)),
          ].join(" "),
        );
      }
    }
  }
  lines.push("");
  lines.push("extractor   tokens/s     MB/s   load ms  peak RSS MB  (one core, best of passes)");
  for (const r of results) {
    lines.push(
      [
        r.name.padEnd(11),
        r.tokensPerSec.toFixed(0).padStart(8),
        r.mbPerSec.toFixed(3).padStart(8),
        r.loadMs.toFixed(0).padStart(9),
        r.peakRssMb.toFixed(0).padStart(12),
      ].join(" "),
    );
  }
  lines.push(`speed ratio product/compromise (tokens/s): ${ratio.toFixed(2)}`);
  return lines.join("\n");
}
