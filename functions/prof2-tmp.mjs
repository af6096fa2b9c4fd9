import { extractOrThrow } from "./lib/nlp/extract.js";
import { hostileText } from "./lib/nlp/hostile.js";
const u = process.argv[2];
const t = hostileText(u, Number(process.argv[3] ?? 10000));
for (let i = 0; i < 60; i++) extractOrThrow(t);
let best = Infinity;
for (let i = 0; i < 40; i++) { const a = performance.now(); extractOrThrow(t); best = Math.min(best, performance.now() - a); }
console.log(u, best.toFixed(2));
