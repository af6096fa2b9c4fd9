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

/** The text, or its longest prefix plus an ellipsis, that `width` says fits in `maxWidth`. */
export function fitLabel(text: string, maxWidth: number, width: (s: string) => number): string {
  if (width(text) <= maxWidth) return text;
  const chars = [...text];
  for (let n = chars.length - 1; n >= 1; n--) {
    const candidate = `${chars.slice(0, n).join("").trimEnd()}…`;
    if (width(candidate) <= maxWidth) return candidate;
  }
  return "…";
}
