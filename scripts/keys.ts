// npm run keys -- create --client NAME [--publications A,B] [--rate N] | list | revoke KEY_OR_CLIENT [--project ID]
// Issues, lists and revokes the ingest keys of clients (keys/ in Firestore,
// @newsroom/store/client-keys): against the local stack's Firestore emulator,
// or a real project with --project.
import { parseArgs } from "node:util";
import { createKey, listKeys, revokeKeys, type KeySpec, type StoredKey } from "@newsroom/store/client-keys";
import { table } from "@newsroom/harness/table";
import { operatorCommand, runAsCommand } from "@newsroom/harness/operator-cli";

export const HELP = `Usage: npm run keys -- COMMAND [--project ID]

  create --client NAME [--publications A,B] [--rate N]
      issue a key for a client, restricted to these publications (default: any)
      and N posts per minute (default: no limit of its own); the key is printed
      once, on stdout, and cannot be read back
  list
      every key: its prefix, client, publications, rate, when created and revoked
  revoke KEY_OR_CLIENT
      a key (in full, or the prefix a listing shows), or every key of a client

Where: the local stack's Firestore emulator ($FIRESTORE_EMULATOR_HOST, else
127.0.0.1:8080 shifted by EMULATOR_PORT_OFFSET; project $GCLOUD_PROJECT or
demo-newsroom), or with --project ID that project (application-default
credentials: gcloud auth application-default login).`;

export type KeysCommand = { command: "create"; spec: KeySpec } | { command: "list" } | { command: "revoke"; target: string } | { command: "help" };

export function commandFromArgs(argv: string[]): { cmd: KeysCommand; project: string | undefined } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      client: { type: "string" },
      publications: { type: "string", multiple: true },
      rate: { type: "string" },
      project: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  // --help anywhere, with or without a command, before the command is checked.
  if (values.help) return { cmd: { command: "help" }, project: values.project };
  const [command, ...rest] = positionals;
  const onlyFor = (name: string, allowed: KeysCommand["command"]) => {
    if (command !== allowed && values[name as keyof typeof values] !== undefined) throw new Error(`--${name} goes with create only`);
  };
  for (const name of ["client", "publications", "rate"]) onlyFor(name, "create");
  const expect = (n: number) => {
    if (rest.length !== n) throw new Error(`${command} takes ${n === 0 ? "no arguments" : "one argument"}; see --help`);
  };
  const project = values.project;
  switch (command) {
    case "create": {
      expect(0);
      if (values.client === undefined) throw new Error("create needs --client NAME");
      const publications = values.publications?.flatMap((p) => p.split(",")).map((p) => p.trim()).filter(Boolean);
      const rate = values.rate === undefined ? undefined : Number(values.rate);
      return { cmd: { command, spec: { client: values.client, ...(publications ? { publications } : {}), ...(rate !== undefined ? { ratePerMinute: rate } : {}) } }, project };
    }
    case "list":
      expect(0);
      return { cmd: { command }, project };
    case "revoke":
      expect(1);
      return { cmd: { command, target: rest[0]! }, project };
    default:
      throw new Error(command === undefined ? "name a command: create, list or revoke" : `unknown command "${command}": create, list or revoke`);
  }
}

const day = (d: Date | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "");

export function formatKeys(keys: readonly StoredKey[]): string {
  if (keys.length === 0) return "no keys";
  return table(
    ["key", "client", "publications", "posts/min", "created (UTC)", "revoked (UTC)"],
    keys.map((k) => [`${k.prefix}…`, k.client, k.publicationNames?.join(", ") ?? "any", k.ratePerMinute ?? "-", day(k.createdAt), day(k.revokedAt)]),
    ["l", "l", "l", "r", "l", "l"],
  );
}

async function main(argv: string[]): Promise<number> {
  return operatorCommand<Exclude<KeysCommand, { command: "help" }>>("keys", HELP, commandFromArgs(argv), async (cmd, db) => {
    switch (cmd.command) {
      case "create": {
        const k = await createKey(db, cmd.spec);
        const limits = [k.publicationNames ? `publications: ${k.publicationNames.join(", ")}` : "any publication", k.ratePerMinute ? `${k.ratePerMinute} posts/min` : "no rate of its own"];
        if (!k.publicationNames || !k.ratePerMinute) {
          console.error("keys: note: a key without --publications may post under any publication's name, and one without --rate as fast as an instance admits; give a client both unless it is trusted");
        }
        console.error(`keys: created ${k.prefix}… for ${k.client} (${limits.join("; ")}). The key is shown this once:`);
        console.log(k.key);
        return 0;
      }
      case "list":
        console.log(formatKeys(await listKeys(db)));
        return 0;
      case "revoke": {
        const revoked = await revokeKeys(db, cmd.target);
        for (const k of revoked) console.log(`revoked ${k.prefix}… (${k.client})`);
        if (revoked.length === 0) console.error(`keys: no active key matches ${cmd.target.startsWith("nk_") ? "that key" : JSON.stringify(cmd.target)}`);
        return revoked.length > 0 ? 0 : 1;
      }
    }
  });
}

if (import.meta.main) runAsCommand("keys", () => main(process.argv.slice(2)));
