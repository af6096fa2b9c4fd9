// Number and time formats shared by the charts, lists and status lines.
export const formatCount = (n: number): string => new Intl.NumberFormat("en").format(n);
/** A count in a few characters (9e12: "9T"), where the full figure does not fit. */
export const formatCountShort = (n: number): string => new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(n);

/** A share in 0..1 as a percentage with the digits that matter at its size. */
export function formatShare(v: number): string {
  const pct = v * 100;
  if (pct === 0) return "0%";
  if (pct < 1) return `${pct.toFixed(2)}%`;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}
