// Where the page finds the Firestore emulator when it is served locally.
//   1. ?firestore=HOST:PORT in the page URL (what the harness prints; any ports);
//   2. the Hosting emulator's /__/firebase/init.js?useEmulator=true, which lists
//      the emulators firebase-tools itself started (the Java 21 backend);
//   3. 127.0.0.1:8080, firebase.json's default.
// Only pages served from a loopback host use an emulator at all, and the
// parameter may only name a loopback host, so a link cannot point the
// deployed site at someone else's server.

export type HostPort = { host: string; port: number };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function parseHostPort(value: string | null | undefined): HostPort | null {
  const m = /^(\[[0-9a-f:]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(value?.trim() ?? "");
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!, port };
}

/** The firestore entry of `var firebaseEmulators = {...};` in the Hosting emulator's init.js. */
export function parseInitJsEmulators(js: string): HostPort | null {
  const m = /var firebaseEmulators = (\{[\s\S]*?\n\});/.exec(js);
  if (!m) return null;
  try {
    const parsed = JSON.parse(m[1]!) as Record<string, { host?: unknown; port?: unknown }>;
    const fs = parsed.firestore;
    if (fs && typeof fs.host === "string" && typeof fs.port === "number") {
      return { host: fs.host === "0.0.0.0" || fs.host === "::" ? "127.0.0.1" : fs.host, port: fs.port };
    }
  } catch {
    // not the template we know
  }
  return null;
}

export const DEFAULT_EMULATOR: HostPort = { host: "127.0.0.1", port: 8080 };

export type EmulatorChoice = { use: false } | { use: true; from: "query" | "build" | "hosting" | "default"; at: HostPort } | { use: "ask-hosting" };

/** Steps 1 and 3 (and a build-time VITE_FIRESTORE_EMULATOR_HOST for `vite dev`); "ask-hosting" means try step 2 first. */
export function chooseEmulator(pageHostname: string, search: string, buildTimeHost?: string): EmulatorChoice {
  if (!isLoopback(pageHostname)) return { use: false };
  const fromQuery = parseHostPort(new URLSearchParams(search).get("firestore"));
  if (fromQuery && isLoopback(fromQuery.host)) return { use: true, from: "query", at: fromQuery };
  const fromBuild = parseHostPort(buildTimeHost);
  if (fromBuild) return { use: true, from: "build", at: fromBuild };
  return { use: "ask-hosting" };
}
