// Debian's Chromium driven by playwright-core (no browser download). The flags
// keep it from reaching for Google's services, which this network refuses.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * `ports`: the local ports the page will use. Chromium refuses some ports
 * outright (ERR_UNSAFE_PORT: 6000 is X11, which is where Hosting's 5000 lands
 * with EMULATOR_PORT_OFFSET=1000), so they are allowed explicitly.
 */
export async function launchChromium(ports: number[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  // Playwright gives every launch a new, empty profile directory of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(ports.length > 0 ? [`--explicitly-allowed-ports=${ports.join(",")}`] : []),
    ],
  });
}
