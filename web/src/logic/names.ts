// Names and addresses made from data the page does not control: download
// file names from publication keys and entity words, and article URLs from
// posts. Pure.

/** A file name from parts: lower case, letters and digits joined by "-", nothing a file system might refuse. */
export const fileName = (...parts: string[]): string =>
  parts
    .map((p) => p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, ""))
    .filter((p) => p !== "")
    .join("-")
    .slice(0, 100) || "chart";

/** `url` when it is a web link; a post's javascript:, data: or relative URL is never made a link. */
export function webUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}
