// Colour by entity type (Okabe-Ito hues, distinguishable with the common
// colour-vision deficiencies), darkened so text meets WCAG contrast on white.
import type { EntityType } from "./types.ts";

export const TYPE_COLOURS: Readonly<Record<EntityType, string>> = {
  person: "#0067a5", // blue
  organization: "#b34700", // vermillion
  place: "#00785a", // bluish green
};

export const TYPE_LABELS: Readonly<Record<EntityType, string>> = {
  person: "Person",
  organization: "Organisation",
  place: "Place",
};

const UNKNOWN = "#6b7280";

export function colourFor(type: string): string {
  return (TYPE_COLOURS as Record<string, string>)[type] ?? UNKNOWN;
}

type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, "0")).join("")}`;
}

/** Linear blend from a (t = 0) to b (t = 1). */
export function mix(a: string, b: string, t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const [x, y] = [parseHex(a), parseHex(b)];
  return toHex([0, 1, 2].map((i) => x[i]! + (y[i]! - x[i]!) * k) as Rgb);
}

/**
 * The scale: an entity's type gives the hue; its weight (0 = least, 1 = most
 * mentioned on screen) the strength, from a lighter tint up to the full colour.
 * Lighter tints are only for fills, never for text (see contrastRatio).
 */
export function entityColour(type: string, weight: number): string {
  return mix("#ffffff", colourFor(type), 0.45 + 0.55 * Math.min(1, Math.max(0, weight)));
}

function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}
