// `bench:ner --adversarial`: extraction time of hostile inputs (functions/src/nlp/hostile.ts)
// over the time of ordinary news of the same length, per generator class and overall.
// Exit code 1 when the worst ratio exceeds LIMIT.
import { benchCorpus } from "../lib/corpus.ts";

export const LIMIT = 3;
const SIZES = [1_000, 10_000, 100_000];

interface Hostile {
  hostileUnits(): { cls: string; unit: string }[];
  hostileText(unit: string, chars: number): string;
}
interface Extractor {
  extractEntities(text: string): { text: string; canonical: string }[];
  MAX_ENTITY_CHARS?: number;
}

/** Best of `runs` timings of fn, ms. */
function best(fn: () => void, runs: number): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

export async function runAdversarial(json: boolean): Promise<number> {
  const { extractEntities, MAX_ENTITY_CHARS = Infinity } = (await import("../../functions/lib/nlp/extract.js")) as Extractor;
  const { hostileUnits, hostileText } = (await import("../../functions/lib/nlp/hostile.js")) as Hostile;
  const news = benchCorpus(0).map((a) => a.content).join("\n\n");
  const runsFor = (size: number): number => (size <= 10_000 ? 7 : 3);
  const ordinary = new Map(SIZES.map((size) => {
    const text = news.slice(0, size);
    extractEntities(text);
    return [size, best(() => extractEntities(text), runsFor(size))] as const;
  }));
  const worst = new Map<string, { ratio: number; unit: string; size: number }>();
  const failures: string[] = [];
  for (const { cls, unit } of hostileUnits()) {
    for (const size of SIZES) {
      const text = hostileText(unit, size);
      let ms: number;
      try {
        const t0 = performance.now();
        const out = extractEntities(text);
        const first = performance.now() - t0;
        if (out.some((e) => e.text.length > MAX_ENTITY_CHARS || e.canonical.length > MAX_ENTITY_CHARS)) {
          failures.push(`${cls} ${JSON.stringify(unit)} × ${size}: a name longer than ${MAX_ENTITY_CHARS}`);
        }
        // Far over the limit already: do not spend minutes confirming it.
        ms = first > LIMIT * 3 * ordinary.get(size)! ? first : best(() => extractEntities(text), runsFor(size));
      } catch (e) {
        failures.push(`${cls} ${JSON.stringify(unit)} × ${size}: threw ${(e as Error).name}: ${(e as Error).message.slice(0, 80)}`);
        ms = Infinity;
      }
      const ratio = ms / ordinary.get(size)!;
      const w = worst.get(cls);
      if (!w || ratio > w.ratio) worst.set(cls, { ratio, unit, size });
    }
  }
  const overall = Math.max(...[...worst.values()].map((w) => w.ratio));
  if (json) {
    console.log(JSON.stringify({ limit: LIMIT, sizes: SIZES, ordinaryMs: Object.fromEntries(ordinary), worst: Object.fromEntries(worst), overall, failures }));
  } else {
    console.log(`ordinary news (SOTU), best-of ms: ${SIZES.map((s) => `${s} chars ${ordinary.get(s)!.toFixed(2)}`).join(", ")}`);
    console.log("class           worst ratio  at      unit");
    for (const [cls, w] of worst) {
      console.log(`${cls.padEnd(15)} ${w.ratio.toFixed(2).padStart(11)}  ${String(w.size).padStart(6)}  ${JSON.stringify(w.unit)}`);
    }
    console.log(`overall worst ratio: ${overall.toFixed(2)} (limit ${LIMIT})`);
    for (const f of failures) console.log(`FAIL ${f}`);
  }
  return overall > LIMIT || failures.length > 0 ? 1 : 0;
}
