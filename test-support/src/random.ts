// A small seeded PRNG (mulberry32), the one every tool and test uses: the same seed gives the same corpus on
// every machine and Node version, which Math.random cannot promise.
export type Random = { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T };

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]! };
}
