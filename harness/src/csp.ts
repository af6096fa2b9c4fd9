// The dashboard's Content-Security-Policy lives in firebase.json's hosting
// headers and is what production serves: Firestore's own origin only. On the
// emulators the page talks to a loopback Firestore, so the local config (and
// only it) adds the loopback sources to connect-src.
export const LOOPBACK_SOURCES = ["http://127.0.0.1:*", "http://localhost:*"] as const;

type Header = { key: string; value: string };
type HeaderRule = { source: string; headers: Header[] };
type Hosting = { headers?: HeaderRule[] } & Record<string, unknown>;
type Config = Record<string, unknown>; // firebase.json, read as JSON

/** The connect-src sources of every Content-Security-Policy header in the config's hosting section. */
export function connectSources(config: Config): string[][] {
  return cspHeaders(config).map((h) => directive(h.value, "connect-src"));
}

/** A copy of the config whose CSP headers also allow connections to loopback hosts. */
export function withLoopbackConnect<T extends Config>(config: T): T {
  const hosting = config.hosting as Hosting | undefined;
  if (!hosting?.headers) return config;
  const headers = hosting.headers.map((rule) => ({
    ...rule,
    headers: rule.headers.map((h) => (isCsp(h) ? { ...h, value: addSources(h.value, "connect-src", LOOPBACK_SOURCES) } : h)),
  }));
  return { ...config, hosting: { ...hosting, headers } };
}

const isCsp = (h: Header) => h.key.toLowerCase() === "content-security-policy";

function cspHeaders(config: Config): Header[] {
  return ((config.hosting as Hosting | undefined)?.headers ?? []).flatMap((rule) => rule.headers.filter(isCsp));
}

/** A policy as its directives, each [name, ...sources]. */
function parse(policy: string): string[][] {
  return policy.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0] !== "");
}

function directive(policy: string, name: string): string[] {
  return parse(policy).find(([n]) => n?.toLowerCase() === name)?.slice(1) ?? [];
}

function addSources(policy: string, name: string, sources: readonly string[]): string {
  const directives = parse(policy);
  const target = directives.find(([n]) => n?.toLowerCase() === name);
  // Without the directive default-src applies; adding one would replace it, not extend it.
  if (!target) throw new Error(`The Content-Security-Policy has no ${name} to extend: ${policy}`);
  target.push(...sources.filter((s) => !target.includes(s)));
  return directives.map((d) => d.join(" ")).join("; ");
}
