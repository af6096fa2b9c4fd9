// The one table printer of the tools and benchmarks: GitHub-flavoured markdown
// (markdown-table), which reads as well in a terminal as pasted into the README.
import { markdownTable } from "markdown-table";

export type Align = "l" | "r";

/** Columns align left for the first and right for the rest unless `align` says otherwise. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, align?: ReadonlyArray<Align>): string {
  return markdownTable([headers, ...rows.map((r) => r.map(String))], { align: headers.map((_, i) => align?.[i] ?? (i === 0 ? "l" : "r")) });
}
