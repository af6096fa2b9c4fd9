// Word-cloud layout: biggest word in the middle, the others placed along an
// Archimedean spiral at the first spot where their box overlaps nothing.
// Deterministic (no randomness), so the cloud does not jump on live updates
// unless the ranking itself changes. Measuring text is injected: canvas in the
// browser, an estimate in tests.

export type Measure = (text: string, fontSize: number) => { width: number; height: number };
export type CloudOptions = {
  width: number;
  height: number;
  minFont?: number;
  maxFont?: number;
  padding?: number;
  measure: Measure;
};
export type Box = { x: number; y: number; width: number; height: number }; // top-left corner
export type PlacedWord<T> = { item: T; fontSize: number; box: Box; cx: number; cy: number };
export type CloudLayout<T> = { placed: PlacedWord<T>[]; dropped: T[] };

/** Font sizes on a square-root scale of weight (area grows with weight). */
export function fontSizes(weights: readonly number[], minFont: number, maxFont: number): number[] {
  const max = Math.max(0, ...weights);
  const min = Math.min(max, ...weights);
  return weights.map((w) => {
    if (max === min) return max > 0 ? maxFont : minFont;
    const t = (Math.sqrt(w) - Math.sqrt(min)) / (Math.sqrt(max) - Math.sqrt(min));
    return Math.round((minFont + t * (maxFont - minFont)) * 10) / 10;
  });
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

const inside = (b: Box, width: number, height: number) => b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height;

/**
 * Lays the words out; when words that matter do not fit, tries again with
 * every font smaller (down to half size). Keeps the first layout that drops
 * at most `tolerance` of the total weight (only light words), or else the one
 * that shows the most weight. Heavier words are placed first, so they are the
 * last to be dropped.
 */
export function layoutCloud<T extends { text: string; weight: number }>(items: readonly T[], options: CloudOptions & { tolerance?: number }): CloudLayout<T> {
  const total = items.reduce((sum, i) => sum + Math.max(0, i.weight), 0);
  const shown = (l: CloudLayout<T>) => l.placed.reduce((sum, p) => sum + Math.max(0, p.item.weight), 0);
  const tolerance = options.tolerance ?? 0.03;
  let best: CloudLayout<T> | null = null;
  for (const scale of [1, 0.85, 0.72, 0.6, 0.5]) {
    const layout = layoutOnce(items, options, scale);
    if (layout.dropped.length === 0 || total - shown(layout) <= tolerance * total) return layout;
    if (!best || shown(layout) > shown(best)) best = layout;
  }
  return best!;
}

function layoutOnce<T extends { text: string; weight: number }>(items: readonly T[], options: CloudOptions, scale: number): CloudLayout<T> {
  const { width, height, measure } = options;
  const minFont = options.minFont ?? 11;
  const maxFont = Math.max(minFont, (options.maxFont ?? Math.min(48, height / 4)) * scale);
  const padding = options.padding ?? 2;
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => b.item.weight - a.item.weight || a.index - b.index);
  const sizes = fontSizes(order.map((o) => o.item.weight), minFont, maxFont);
  const placed: PlacedWord<T>[] = [];
  const dropped: T[] = [];
  const cx = width / 2;
  const cy = height / 2;
  const aspect = Math.sqrt(width / Math.max(1, height));
  const maxRadius = Math.hypot(width, height) / 2;

  order.forEach(({ item }, i) => {
    let fontSize = sizes[i]!;
    let size = measure(item.text, fontSize);
    // A word wider than the cloud shrinks until it fits, or is dropped.
    while (size.width > width && fontSize > minFont) {
      fontSize = Math.max(minFont, fontSize * 0.85);
      size = measure(item.text, fontSize);
    }
    // Along the spiral in steps of about 3 units of arc length.
    for (let t = 0; ; t += Math.min(0.3, 3 / (1 + 1.2 * t))) {
      const r = 1.2 * t;
      if (r > maxRadius) {
        dropped.push(item);
        return;
      }
      const x = cx + r * Math.cos(t) * aspect;
      const y = cy + (r * Math.sin(t)) / aspect;
      const box = { x: x - size.width / 2, y: y - size.height / 2, width: size.width, height: size.height };
      if (!inside(box, width, height)) continue;
      if (placed.some((p) => overlaps(p.box, box, padding))) continue;
      placed.push({ item, fontSize, box, cx: x, cy: y });
      return;
    }
  });
  return { placed, dropped };
}

/** A rough text measure (average glyph ~0.56 em) for tests and non-DOM use. */
export const estimateMeasure: Measure = (text, fontSize) => ({ width: text.length * fontSize * 0.56, height: fontSize * 1.1 });
