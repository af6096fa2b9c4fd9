// Which entities set two publications apart: the log-odds ratio with an
// informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words",
// §3.5), from stored mention counts. Pure.
//
// For entity w with y_a, y_b mentions in publications a, b (n_a, n_b in all)
// and prior α_w = α0·(y_a + y_b)/(n_a + n_b), α0 = n_a + n_b (the pooled
// counts as the prior, as the paper's informative prior suggests):
//   δ_w = log((y_a + α_w) / (n_a + α0 − y_a − α_w)) − log((y_b + α_w) / (n_b + α0 − y_b − α_w))
//   σ²_w ≈ 1/(y_a + α_w) + 1/(y_b + α_w),   z_w = δ_w / σ_w.
// z > 0 leans to a, z < 0 to b; |z| < 1.96 is no evidence either way.

export type Counted = { id: string; word: string; type: string; mentions: number };
export type Compared = { id: string; word: string; type: string; mentionsA: number; mentionsB: number; zScore: number };

export const SIGNIFICANT_Z = 1.96;

export function fightinWords(a: readonly Counted[], b: readonly Counted[]): Compared[] {
  const byId = new Map<string, { word: string; type: string; ya: number; yb: number }>();
  for (const e of a) byId.set(e.id, { word: e.word, type: e.type, ya: e.mentions, yb: 0 });
  for (const e of b) {
    const cur = byId.get(e.id);
    if (cur) cur.yb = e.mentions;
    else byId.set(e.id, { word: e.word, type: e.type, ya: 0, yb: e.mentions });
  }
  let na = 0;
  let nb = 0;
  for (const v of byId.values()) {
    na += v.ya;
    nb += v.yb;
  }
  if (na === 0 || nb === 0) return [...byId].map(([id, v]) => ({ id, word: v.word, type: v.type, mentionsA: v.ya, mentionsB: v.yb, zScore: 0 }));
  const a0 = na + nb;
  const out: Compared[] = [];
  for (const [id, v] of byId) {
    const alpha = (a0 * (v.ya + v.yb)) / (na + nb);
    const delta = Math.log((v.ya + alpha) / (na + a0 - v.ya - alpha)) - Math.log((v.yb + alpha) / (nb + a0 - v.yb - alpha));
    const variance = 1 / (v.ya + alpha) + 1 / (v.yb + alpha);
    const z = delta / Math.sqrt(variance);
    // An entity that is every mention of both sides (the only one under a type filter) has nothing to be
    // set against: its log-odds are ∞ − ∞. It is no evidence either way.
    out.push({ id, word: v.word, type: v.type, mentionsA: v.ya, mentionsB: v.yb, zScore: Number.isFinite(z) ? Math.round(z * 1000) / 1000 : 0 });
  }
  return out;
}

/** The three lists the compare view shows, `limit` each. */
export function compareLists(scored: readonly Compared[], limit: number): { distinctiveOfA: Compared[]; distinctiveOfB: Compared[]; shared: Compared[] } {
  const byZ = [...scored].sort((x, y) => y.zScore - x.zScore || (x.id < y.id ? -1 : 1));
  const na = scored.reduce((n, e) => n + e.mentionsA, 0) || 1;
  const nb = scored.reduce((n, e) => n + e.mentionsB, 0) || 1;
  const share = (e: Compared) => Math.min(e.mentionsA / na, e.mentionsB / nb);
  return {
    distinctiveOfA: byZ.filter((e) => e.zScore >= SIGNIFICANT_Z).slice(0, limit),
    distinctiveOfB: byZ.filter((e) => e.zScore <= -SIGNIFICANT_Z).reverse().slice(0, limit),
    shared: scored
      .filter((e) => e.mentionsA > 0 && e.mentionsB > 0 && Math.abs(e.zScore) < SIGNIFICANT_Z)
      .sort((x, y) => share(y) - share(x) || (x.id < y.id ? -1 : 1))
      .slice(0, limit),
  };
}
