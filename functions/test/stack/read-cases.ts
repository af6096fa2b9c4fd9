// Hostile requests for the read API, generated from the OpenAPI document it
// serves: every route, every path and query parameter, each given hostile
// values (escaped slashes, ids Firestore reserves, very long, NUL, invalid
// percent-encoding, huge, negative and non-numbers, arrays), and every cursor
// parameter given forged cursors (another route's, and each value of a real
// one replaced). Pure: the test sends them.

export type ReadCase = { route: string; param: string; what: string; path: string };

type Parameter = { name: string; in: "path" | "query"; required?: boolean };
export type OpenApi = { paths: Record<string, { get?: { operationId?: string; description?: string; parameters?: Parameter[] } }> };

/** Raw (already percent-encoded) values, each tried in every parameter. */
export const HOSTILE_VALUES: Record<string, string> = {
  "escaped slash": "a%2Fb",
  "lone escaped slash": "%2F",
  "trailing escaped slash": "abc%2F",
  __proto__: "__proto__",
  "reserved __x__": "__x__",
  "reserved ____": "____",
  dot: ".",
  "dot dot": "..",
  "escaped dots": "%2E%2E",
  "1,600 characters": "x".repeat(1_600),
  "1,600 bytes of escapes": "%E2%82%AC".repeat(534),
  NUL: "%00",
  "NUL inside": "a%00b",
  "C1 control": "%C2%85",
  "invalid percent-encoding": "%ZZ",
  "truncated escape": "%E2%82",
  "encoded surrogate": "%ED%A0%80",
  "overlong slash": "%C0%AF",
  empty: "",
  space: "%20",
  "huge number": "1e309",
  "400 digits": "9".repeat(400),
  "max safe + 2": "9007199254740993",
  negative: "-1",
  "negative zero": "-0",
  NaN: "NaN",
  Infinity: "Infinity",
  hex: "0x10",
  fraction: "1.5",
  "day 0000": "0000-01-01",
  "day 10000": "10000-01-01",
  "invalid day": "2026-02-30",
  "percent sign": "%25",
  "hash-like": `x~${"a".repeat(40)}`,
  "upper-case hex id": "A".repeat(40),
};

/** Leaves put in place of each value of a real cursor. */
const CURSOR_LEAVES: Record<string, unknown> = {
  "a/b": "a/b",
  __proto__: "__proto__",
  __x__: "__x__",
  ".": ".",
  "..": "..",
  empty: "",
  long: "x".repeat(1_600),
  NUL: "\u0000",
  "lone surrogate": "\ud800",
  negative: -1,
  fraction: 1.5,
  huge: 1e308,
  "before year 1": -62_135_596_800_001,
  "after year 9999": 253_402_300_800_000,
  "beyond Date": 8.64e15 + 1,
  null: null,
  array: [],
  object: { a: 1 },
  true: true,
};

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v), "utf8").toString("base64url");

/** Forged cursors from real ones: each leaf of each replaced, plus shapes that are no cursor at all. */
export function forgedCursors(real: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {
    "not base64": "!!!!",
    "not JSON": b64("not json"),
    "JSON object": b64({ a: 1 }),
    "empty array": b64([]),
    "long array": b64(Array.from({ length: 50 }, () => 1)),
  };
  for (const [route, cursor] of Object.entries(real)) {
    out[`${route}'s cursor`] = cursor;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      continue;
    }
    // Every leaf of the decoded JSON, by its path of keys.
    const leaves: Array<Array<string | number>> = [];
    const walk = (v: unknown, at: Array<string | number>) => {
      if (v !== null && typeof v === "object") for (const [k, c] of Object.entries(v)) walk(c, [...at, Array.isArray(v) ? Number(k) : k]);
      else leaves.push(at);
    };
    walk(decoded, []);
    for (const at of leaves) {
      for (const [name, leaf] of Object.entries(CURSOR_LEAVES)) {
        const copy = structuredClone(decoded) as Record<string | number, unknown>;
        let parent = copy;
        for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        if (at.length === 0) continue;
        parent[at.at(-1)!] = leaf;
        out[`${route}'s cursor, ${at.join(".")} = ${name}`] = b64(copy);
      }
    }
  }
  return out;
}

const query = (params: Record<string, string>) => {
  const q = Object.entries(params).map(([k, v]) => `${k}=${v}`).join("&");
  return q ? `?${q}` : "";
};

/**
 * Every route of `doc` × every parameter × every hostile value; other
 * parameters keep their `valid` values (required query parameters and path
 * parameters must have one). Arrays: a parameter given twice, with [] and as
 * an object. `cursors`: forged cursors for parameters named cursor.
 */
export function readCases(doc: OpenApi, valid: Record<string, string>, cursors: Record<string, string>): ReadCase[] {
  const cases: ReadCase[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op) continue;
    const route = op.operationId ?? template;
    const params = op.parameters ?? [];
    const build = (override: Record<string, string>, extra = "") => {
      let path = template;
      const q: Record<string, string> = {};
      for (const p of params) {
        const value = p.name in override ? override[p.name] : valid[p.name];
        if (p.in === "path") path = path.replace(`{${p.name}}`, value ?? "x");
        else if (value !== undefined && (p.required || p.name in override)) q[p.name] = value;
      }
      const qs = query(q);
      return `${path}${qs}${extra ? (qs ? "&" : "?") + extra : ""}`;
    };
    for (const p of params) {
      const values: Record<string, string> = { ...HOSTILE_VALUES, ...(p.name === "cursor" ? cursors : {}) };
      for (const [what, value] of Object.entries(values)) cases.push({ route, param: p.name, what, path: build({ [p.name]: value }) });
      if (p.in === "query") {
        const v = valid[p.name] ?? "1";
        cases.push({ route, param: p.name, what: "given twice", path: build({}, `${p.name}=${v}&${p.name}=${v}`) });
        cases.push({ route, param: p.name, what: "as an array", path: build({}, `${p.name}[]=${v}`) });
        cases.push({ route, param: p.name, what: "as an object", path: build({}, `${p.name}[a]=${v}`) });
      }
    }
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "a%00b"]) cases.push({ route, param: name, what: "unknown parameter", path: build({}, `${name}=1`) });
  }
  return cases;
}

/** The read budget an operation's description states ("At most N Firestore reads."). */
export function readBudget(doc: OpenApi, route: string): number {
  const op = Object.values(doc.paths).find((i) => i.get?.operationId === route)?.get;
  const m = /At most (\d+) Firestore reads/.exec(op?.description ?? "");
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}
