// Latency statistics: exact nearest-rank percentiles over every sample.
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  // Nearest rank: the smallest value with at least p% of samples at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

/** The middle of the samples (the mean of the two middles for an even count); NaN for none. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

export type Summary = { count: number; min: number; mean: number; p50: number; p90: number; p99: number; max: number };

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Keeps samples for the final summary and a recent window for the live display. */
export class LatencyRecorder {
  readonly all: number[] = [];
  private recent: number[] = [];

  add(ms: number): void {
    this.all.push(ms);
    this.recent.push(ms);
    if (this.recent.length > 2_000) this.recent = this.recent.slice(-1_000);
  }

  live(): { p50: number; p99: number } {
    const sorted = [...this.recent].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }
}
