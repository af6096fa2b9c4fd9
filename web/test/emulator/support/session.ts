// One Chromium for a suite, pointed at the stack's Hosting and Firestore
// emulators, with pages that record every browser error (console errors,
// uncaught exceptions, HTTP >= 400, CSP violations: Chromium logs those as
// console errors) so a suite can assert there were none.
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { hostingUrl, requireEnv } from "./env.ts";

export type Viewport = { width: number; height: number };
export type PageOptions = { mobile?: boolean; watchErrors?: boolean };

export type Session = {
  browser: Browser;
  /** Hosting's origin, e.g. http://127.0.0.1:5000. */
  hosting: string;
  /** What went wrong in any watched page so far. */
  problems: string[];
  /** The dashboard's address with the page's own parameters (pub, entity, ...) after ?firestore=. */
  url(params?: Record<string, string>): string;
  page(viewport: Viewport, options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
};

export async function startSession(): Promise<Session> {
  const hosting = await hostingUrl();
  const firestore = requireEnv("FIRESTORE_EMULATOR_HOST");
  const browser = await launchChromium([Number(new URL(hosting).port), Number(firestore.split(":").pop())]);
  const problems: string[] = [];
  return {
    browser,
    hosting,
    problems,
    url: (params = {}) => `${hosting}/?${new URLSearchParams({ firestore, ...params }).toString()}`,
    async page(viewport, { mobile = false, watchErrors = true } = {}) {
      const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1, acceptDownloads: true });
      const p = await context.newPage();
      // The machine is shared: waits are on conditions, with room for a slow one.
      p.setDefaultTimeout(30_000);
      if (!watchErrors) return p;
      p.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
      p.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
      return p;
    },
    close: () => browser.close(),
  };
}
