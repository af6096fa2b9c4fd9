// What every command line shares on top of node:util parseArgs: number flags
// checked once, with one message. A bad value is an error naming the flag;
// an absent one is undefined (the caller's default applies).

/** A whole number of at least `min` (default 1: `{ min: 0 }` allows zero). */
export function wholeNumber(name: string, raw: string | undefined, { min = 1 }: { min?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** A number, fractions allowed, above 0 (`{ orZero: true }` also allows 0). */
export function positiveNumber(name: string, raw: string | undefined, { orZero = false }: { orZero?: boolean } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0 || (!orZero && n === 0)) throw new Error(`--${name} must be a number ${orZero ? "of at least 0" : "above 0"}, got "${raw}"`);
  return n;
}
