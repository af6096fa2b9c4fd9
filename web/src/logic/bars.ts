// Horizontal bar chart geometry: one row per entity, bar length proportional
// to its count against the largest count shown.

export type BarOptions = { width: number; labelWidth: number; valueWidth: number; rowHeight: number; gap: number };
export type BarRow<T> = { item: T; y: number; barX: number; barWidth: number; barHeight: number };
export type BarLayout<T> = { rows: BarRow<T>[]; height: number; scaleMax: number };

export function layoutBars<T extends { count: number }>(items: readonly T[], o: BarOptions): BarLayout<T> {
  const scaleMax = Math.max(0, ...items.map((i) => i.count));
  const track = Math.max(0, o.width - o.labelWidth - o.valueWidth);
  const rows = items.map((item, i) => ({
    item,
    y: i * (o.rowHeight + o.gap),
    barX: o.labelWidth,
    // Anything counted at all stays visible as at least a sliver.
    barWidth: scaleMax === 0 ? 0 : Math.max(item.count > 0 ? 2 : 0, (item.count / scaleMax) * track),
    barHeight: o.rowHeight,
  }));
  return { rows, height: items.length === 0 ? 0 : items.length * (o.rowHeight + o.gap) - o.gap, scaleMax };
}

/**
 * Labels longer than this are cut before anything is measured: no chart row
 * shows that many characters, and hostile entity words can be 100k long.
 */
export const MAX_LABEL_CHARS = 200;

/** The text, or its longest prefix plus an ellipsis, that `width` says fits in `maxWidth`. */
export function fitLabel(text: string, maxWidth: number, width: (s: string) => number): string {
  const chars = firstChars(text, MAX_LABEL_CHARS + 1);
  if (chars.length <= MAX_LABEL_CHARS && width(text) <= maxWidth) return text;
  const cut = (n: number) => `${chars.slice(0, n).join("").trimEnd()}…`;
  // Binary search for the longest fitting prefix (a longer prefix is never
  // narrower): about log2(MAX_LABEL_CHARS) measurements instead of one per prefix.
  // Candidates are 1..chars.length-1 characters: the whole text did not fit,
  // or it is over the cap and its first MAX_LABEL_CHARS characters are the longest try.
  let fits = 0; // 0: not even one character fits
  let tooLong = chars.length;
  while (tooLong - fits > 1) {
    const mid = (fits + tooLong) >>> 1;
    if (width(cut(mid)) <= maxWidth) fits = mid;
    else tooLong = mid;
  }
  return fits === 0 ? "…" : cut(fits);
}

/** The first `n` characters (code points) of `text`, without walking the rest of it. */
function firstChars(text: string, n: number): string[] {
  const chars: string[] = [];
  for (const c of text) {
    if (chars.length === n) break;
    chars.push(c);
  }
  return chars;
}
