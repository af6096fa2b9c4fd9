// The live progress line on stderr: redrawn in place on a terminal, a plain
// line every few seconds otherwise (CI logs).
import type { Progress } from "./sender.ts";

export function progressPrinter(total: number | undefined, stream: NodeJS.WriteStream = process.stderr) {
  let lastPlain = 0;
  return (p: Progress) => {
    const rate = p.elapsedS > 0 ? p.accepted / p.elapsedS : 0;
    const fraction = total ? Math.min(1, p.sent / total) : undefined;
    const bar = fraction === undefined ? "" : `[${"#".repeat(Math.round(fraction * 24)).padEnd(24, ".")}] `;
    const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)}ms` : "-");
    const line =
      `${bar}sent ${p.sent}${total ? `/${total}` : ""}  accepted ${p.accepted}  errors ${p.errors}  ` +
      `${rate.toFixed(1)} posts/s  p50 ${ms(p.latency.p50)}  p99 ${ms(p.latency.p99)}  ${p.elapsedS.toFixed(0)}s`;
    if (stream.isTTY) {
      stream.write(`\r${line.padEnd(stream.columns ? Math.min(stream.columns - 1, 140) : 120)}`);
    } else if (p.elapsedS - lastPlain >= 5) {
      lastPlain = p.elapsedS;
      stream.write(`${line}\n`);
    }
  };
}

export function endProgress(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write("\n");
}
