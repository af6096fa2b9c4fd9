// A tiny flag parser for the bench scripts: --name value, --name=value, --flag.
export interface Flags {
  has(name: string): boolean;
  string(name: string): string | undefined;
  int(name: string, fallback: number): number;
}

export function parseFlags(argv: readonly string[], booleans: readonly string[] = []): Flags {
  const values = new Map<string, string>();
  const present = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    present.add(name);
    if (eq >= 0) values.set(name, arg.slice(eq + 1));
    else if (!booleans.includes(name)) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new Error(`--${name} needs a value`);
      values.set(name, next);
      i++;
    }
  }
  return {
    has: (name) => present.has(name),
    string: (name) => values.get(name),
    int: (name, fallback) => {
      const raw = values.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
      return n;
    },
  };
}
