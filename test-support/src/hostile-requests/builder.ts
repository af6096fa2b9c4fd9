// What every group of hostile cases is built from: the options, the shared
// bodies and headers, deterministic wrong keys, and `add`, which numbers each
// case within its group (ids stay stable as long as the order of calls does).
import { seeded } from "../random.js";
import { DEFAULT_LIMITS, type HostileCase, type HostileOptions, type Limits } from "./types.js";

export const b = (s: string | Buffer) => (typeof s === "string" ? Buffer.from(s, "utf8") : s);
export const json = (v: unknown) => b(JSON.stringify(v));
export const ndjson = (lines: unknown[]) => b(lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
}

type Headers = Record<string, string>;
export type CaseInput = Omit<HostileCase, "id" | "method" | "path" | "headers"> & Partial<Pick<HostileCase, "method" | "path" | "headers">>;

export type CaseBuilder = {
  apiKey: string;
  marker: string;
  limits: Limits;
  add: (c: CaseInput) => void;
  /** A wrong key (deterministic for the marker), remembered as a secret. */
  wrong: (prefix: string) => string;
  /** A valid post: sent wherever something else must refuse it (auth, route, method, media type), so a bypass would publish the marker. */
  valid: (n?: number) => { publication: string; content: string; id: string };
  content: (tag: string) => string;
  AUTH: Headers;
  JSON_TYPE: Headers;
  ND_TYPE: Headers;
};

export function caseBuilder(options: HostileOptions): { builder: CaseBuilder; cases: HostileCase[]; secrets: Set<string> } {
  const { apiKey, marker } = options;
  if (apiKey.length < 8) throw new Error("hostileCases needs the real key (at least 8 characters) to build near misses");
  const rnd = seeded(seedOf(marker)).next;
  const wrongKey = (prefix: string) => `${prefix}-${Array.from({ length: 24 }, () => Math.floor(rnd() * 16).toString(16)).join("")}`;
  // The key and its near misses too: a log holding any of them leaks most of the key.
  const secrets = new Set<string>([apiKey, apiKey.slice(0, -1), swapCase(apiKey), apiKey.slice(0, -1) + (apiKey.endsWith("A") ? "B" : "A")]);
  const cases: HostileCase[] = [];
  const counters = new Map<string, number>();
  const AUTH = { authorization: `Bearer ${apiKey}` };
  const builder: CaseBuilder = {
    apiKey,
    marker,
    limits: options.limits ?? DEFAULT_LIMITS,
    add: (c) => {
      const n = (counters.get(c.group) ?? 0) + 1;
      counters.set(c.group, n);
      cases.push({ method: "POST", path: "/posts", headers: {}, ...c, id: `${c.group}/${n}` });
    },
    wrong: (prefix) => {
      const k = wrongKey(prefix);
      secrets.add(k);
      return k;
    },
    valid: (n = 0) => ({ publication: marker, content: `Angela Merkel met Emmanuel Macron in Paris (${marker}, ${n}).`, id: `${marker}-${n}` }),
    content: (tag) => `hostile ${tag} ${marker}`,
    AUTH,
    JSON_TYPE: { ...AUTH, "content-type": "application/json" },
    ND_TYPE: { ...AUTH, "content-type": "application/x-ndjson" },
  };
  return { builder, cases, secrets };
}
