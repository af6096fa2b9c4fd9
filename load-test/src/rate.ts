// When each post may be sent: a target rate reached by a linear ramp-up.
// With rate r (posts/s) and ramp R (s), posts allowed by time t are
//   N(t) = r·t²/(2R)          for t < R
//   N(t) = r·R/2 + r·(t − R)  after,
// so the n-th post (0-based) is due at the inverse of N at n.
export type RatePlan = { rate: number; rampSeconds: number };

/** Seconds after the start at which post `n` is due; 0 for an unlimited rate. */
export function dueAt(n: number, plan: RatePlan): number {
  const { rate, rampSeconds } = plan;
  if (!(rate > 0) || !Number.isFinite(rate)) return 0;
  if (rampSeconds <= 0) return n / rate;
  const rampPosts = (rate * rampSeconds) / 2;
  if (n < rampPosts) return Math.sqrt((2 * rampSeconds * n) / rate);
  return rampSeconds + (n - rampPosts) / rate;
}

/** Posts allowed by time t (seconds): the forward form of dueAt, for reporting. */
export function allowedBy(t: number, plan: RatePlan): number {
  const { rate, rampSeconds } = plan;
  if (!(rate > 0) || !Number.isFinite(rate)) return Infinity;
  if (t <= 0) return 0;
  if (rampSeconds <= 0) return rate * t;
  if (t < rampSeconds) return (rate * t * t) / (2 * rampSeconds);
  return (rate * rampSeconds) / 2 + rate * (t - rampSeconds);
}
