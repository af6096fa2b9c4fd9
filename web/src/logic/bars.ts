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

/** Truncates a label to at most `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}
