// What the emulator harness hands to client processes, and where Hosting is.
export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run under the harness (node scripts/emulators.ts exec -- npm run test:browser --workspace web)`);
  return v;
}

/**
 * The Hosting emulator's URL: HOSTING_URL if the harness sets it, else asked
 * from the emulator hub (FIREBASE_EMULATOR_HUB), which lists what firebase-tools runs.
 */
export async function hostingUrl(): Promise<string> {
  if (process.env.HOSTING_URL) return process.env.HOSTING_URL.replace(/\/$/, "");
  const hub = requireEnv("FIREBASE_EMULATOR_HUB");
  const res = await fetch(`http://${hub}/emulators`);
  if (!res.ok) throw new Error(`emulator hub ${hub}: HTTP ${res.status}`);
  const emulators = (await res.json()) as Record<string, { host: string; port: number } | undefined>;
  const hosting = emulators.hosting;
  if (!hosting) throw new Error(`the Hosting emulator is not running (hub lists: ${Object.keys(emulators).join(", ")}); firebase.json needs a "hosting" section`);
  const host = hosting.host.includes(":") ? `[${hosting.host}]` : hosting.host;
  return `http://${host}:${hosting.port}`;
}
