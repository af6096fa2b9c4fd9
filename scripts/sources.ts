// npm run sources -- add URL --publication NAME | list | pause SOURCE | resume SOURCE | remove SOURCE [--project ID]
// Manages the feeds and sitemaps the poller collects articles from (sources/
// in Firestore, @newsroom/store/sources): against the local stack's Firestore
// emulator, or a real project with --project. `add` checks the URL once and
// says what it found, or why it cannot be a source.
import { parseArgs } from "node:util";
import type { Firestore } from "firebase-admin/firestore";
import { checkSource } from "@newsroom/feeds/check";
import { FETCH_DEFAULTS, userAgent } from "@newsroom/feeds/defaults";
import { createFetcher } from "@newsroom/feeds/fetch";
import { healthOf } from "@newsroom/feeds/health";
import { normaliseUrl } from "@newsroom/feeds/url";
import { addSource, listSources, removeSource, setSourceState, type StoredSource } from "@newsroom/store/sources";
import { NEVER_MS } from "@newsroom/core/firestore-schema";
import { operatorCommand, runAsCommand } from "@newsroom/harness/operator-cli";
import { table } from "@newsroom/harness/table";

export const HELP = `Usage: npm run sources -- COMMAND [--project ID]

  add URL --publication NAME
      check the feed or sitemap at URL once (RSS, Atom, JSON Feed, a news
      sitemap, a sitemap or a sitemap index) and add it: the poller collects
      its new articles for the publication from the next minute on
  list
      every source: its publication, URL, kind, state, last poll, failures,
      items today and the health flag
  pause SOURCE | resume SOURCE | remove SOURCE
      SOURCE is the id a listing shows, or the source's URL

Where: the local stack's Firestore emulator ($FIRESTORE_EMULATOR_HOST, else
127.0.0.1:8080 shifted by EMULATOR_PORT_OFFSET; project $GCLOUD_PROJECT or
demo-newsroom), or with --project ID that project (application-default
credentials). Against the local stack, add may fetch from 127.0.0.1 (a local
feed server); against a project, only public addresses.`;

export type SourcesCommand =
  | { command: "add"; url: string; publication: string }
  | { command: "list" }
  | { command: "pause" | "resume" | "remove"; source: string }
  | { command: "help" };

export function commandFromArgs(argv: string[]): { cmd: SourcesCommand; project: string | undefined } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      publication: { type: "string" },
      project: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const project = values.project;
  if (values.help) return { cmd: { command: "help" }, project };
  const [command, ...rest] = positionals;
  if (command !== "add" && values.publication !== undefined) throw new Error("--publication goes with add only");
  const expect = (n: number, what: string) => {
    if (rest.length !== n) throw new Error(`${command} takes ${what}; see --help`);
  };
  switch (command) {
    case "add":
      expect(1, "one URL");
      if (values.publication === undefined || values.publication.trim() === "") throw new Error("add needs --publication NAME");
      return { cmd: { command, url: rest[0]!, publication: values.publication }, project };
    case "list":
      expect(0, "no arguments");
      return { cmd: { command }, project };
    case "pause":
    case "resume":
    case "remove":
      expect(1, "one source (its id or URL)");
      return { cmd: { command, source: rest[0]! }, project };
    default:
      throw new Error(command === undefined ? "name a command: add, list, pause, resume or remove" : `unknown command "${command}": add, list, pause, resume or remove`);
  }
}

const when = (d: Date | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 16) : "-");

export function formatSources(sources: readonly StoredSource[], now: Date): string {
  if (sources.length === 0) return "no sources";
  return table(
    ["id", "publication", "url", "kind", "state", "last poll (UTC)", "next (UTC)", "failures", "today", "total", "health"],
    sources.map((s) => {
      const health = healthOf(s, now);
      return [
        s.id,
        s.publication,
        s.url.length > 70 ? `${s.url.slice(0, 69)}…` : s.url,
        s.kind ?? "-",
        s.state,
        when(s.lastPollAt),
        s.nextPollAtMs >= NEVER_MS ? "-" : when(new Date(s.nextPollAtMs)),
        s.consecutiveFailures > 0 ? `${s.consecutiveFailures}: ${(s.lastError ?? "").slice(0, 60)}` : "0",
        health.today,
        s.itemsTotal,
        health.flag,
      ];
    }),
    ["l", "l", "l", "l", "l", "l", "l", "l", "r", "r", "l"],
  );
}

/** The source a SOURCE argument names: its id, or its URL (as added or as polled now). */
async function findSource(db: Firestore, ref: string): Promise<StoredSource | undefined> {
  const url = normaliseUrl(ref);
  const all = await listSources(db);
  const matches = all.filter((s) => s.id === ref || (url !== undefined && (normaliseUrl(s.url) === url || normaliseUrl(s.addedUrl) === url)));
  if (matches.length > 1) throw new Error(`${ref} names ${matches.length} sources (one per publication): give the id`);
  return matches[0];
}

async function main(argv: string[]): Promise<number> {
  return operatorCommand<Exclude<SourcesCommand, { command: "help" }>>("sources", HELP, commandFromArgs(argv), async (cmd, db, target) => {
    switch (cmd.command) {
      case "add": {
        // Loopback only against the local stack (a local feed server), as its pollFeeds may.
        const fetch = createFetcher({
          userAgent: userAgent(FETCH_DEFAULTS.contactUrl),
          allowLoopback: target.emulatorHost !== undefined,
          connectTimeoutMs: FETCH_DEFAULTS.connectTimeoutMs,
          totalTimeoutMs: FETCH_DEFAULTS.fetchTimeoutMs,
          maxBytes: FETCH_DEFAULTS.maxFeedBytes,
        });
        const check = await checkSource(fetch, cmd.url, FETCH_DEFAULTS.maxFeedBytes);
        if (!check.ok) {
          console.error(`sources: ${cmd.url} cannot be a source: ${check.error}`);
          return 1;
        }
        const added = await addSource(db, { url: check.url, normalisedUrl: check.normalisedUrl, publication: cmd.publication, kind: check.kind, ...(check.title ? { title: check.title } : {}) });
        const found = check.kind === "sitemap-index" ? `${check.sitemaps} sitemaps` : `${check.items} items${check.newest ? `, the newest from ${check.newest}` : ""}`;
        console.log(`added ${added.id}: ${check.kind}${check.title ? ` "${check.title}"` : ""} at ${check.url}, ${found}; polled for ${added.publication} from the next minute`);
        return 0;
      }
      case "list":
        console.log(formatSources(await listSources(db), new Date()));
        return 0;
      case "pause":
      case "resume":
      case "remove": {
        const source = await findSource(db, cmd.source);
        if (!source) {
          console.error(`sources: no source ${JSON.stringify(cmd.source)}`);
          return 1;
        }
        if (cmd.command === "remove") {
          await removeSource(db, source.id);
          console.log(`removed ${source.id} (${source.url}); what it collected stays counted`);
        } else {
          await setSourceState(db, source.id, cmd.command === "pause" ? "paused" : "active");
          console.log(`${cmd.command === "pause" ? "paused" : "resumed"} ${source.id} (${source.url})${cmd.command === "resume" ? ": due at once" : ""}`);
        }
        return 0;
      }
    }
  });
}

if (import.meta.main) runAsCommand("sources", () => main(process.argv.slice(2)));
