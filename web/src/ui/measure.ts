// Text width in CSS pixels, measured on a canvas with the font the SVG charts use.
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

let context: CanvasRenderingContext2D | null | undefined;

export function textWidth(text: string, fontSize: number, weight = 400): number {
  context ??= document.createElement("canvas").getContext("2d");
  if (!context) return text.length * fontSize * 0.56;
  context.font = `${weight} ${fontSize}px ${CHART_FONT}`;
  return context.measureText(text).width;
}
