// Screenshots for a person to look at (CI keeps artifacts/); they assert nothing.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

export const ARTIFACTS = path.resolve(import.meta.dirname, "../../../../artifacts");

/** The whole page as artifacts/{name}.png. */
export async function screenshot(p: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await p.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
