// PNG downloads of the SVG charts (this replaces the original app's
// server-side word-cloud images). The chart is copied with the styles it
// gets from the page's CSS written onto it as presentation attributes (an SVG
// drawn as an image sees no stylesheet), drawn on a canvas over white, and
// saved with canvas.toBlob. The image comes from a data: URL, which the
// Content-Security-Policy's img-src allows; a blob: one it would not.
import { h } from "./dom.ts";

const STYLED = ["fill", "stroke", "stroke-width", "font-family", "font-size", "font-weight", "opacity", "text-anchor", "dominant-baseline"] as const;

function inlineStyles(source: Element, copy: Element): void {
  const cs = getComputedStyle(source);
  for (const p of STYLED) {
    const v = cs.getPropertyValue(p);
    if (v) copy.setAttribute(p, v);
  }
  const [a, b] = [source.children, copy.children];
  for (let i = 0; i < a.length; i++) inlineStyles(a[i]!, b[i]!);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const box = svg.viewBox.baseVal;
  const [width, height] = box && box.width > 0 ? [box.width, box.height] : [svg.clientWidth, svg.clientHeight];
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  const xml = new XMLSerializer().serializeToString(copy);
  const img = new Image();
  img.decoding = "async";
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser cannot draw on a canvas");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the chart could not be encoded as PNG"))), "image/png"));
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; a little later is safe for every browser.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Download PNG" for the chart `find` returns when clicked (charts are redrawn, so it is looked up then). */
export function pngButton(find: () => SVGSVGElement | null, filename: () => string, what: string): HTMLButtonElement {
  const button = h("button", { type: "button", class: "png", "data-action": "png", "aria-label": `Download the ${what} as PNG` }, "PNG");
  button.addEventListener("click", async () => {
    const svg = find();
    if (!svg) return;
    button.disabled = true;
    try {
      saveBlob(await svgToPng(svg), `${filename()}.png`);
      button.removeAttribute("title");
    } catch (err) {
      button.title = `Could not make the PNG: ${(err as Error).message}`;
      button.textContent = "PNG failed";
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
