// npm start: boot the emulators, replay the State of the Union corpus through
// the pipeline, verify every post was counted once (and the counts over all
// publications are the publications' summed), print each publication's top
// entities, stop. --keep leaves everything up (with the dashboard) until Ctrl-C.
import { parseArgs } from "node:util";
import { formatDays, formatReport } from "newsroom-load-test/cli";
import { firestoreFor, localRunOptions, runLoadTest } from "newsroom-load-test/run";
import { formatTopEntities, topEntities } from "newsroom-load-test/top";
import { describeGlobalCheck, untilGlobalAgrees } from "newsroom-load-test/verify-global";
import { evenSample, sotuArticles } from "newsroom-load-test/corpus/sotu";
import { FEEDS_DEMO_PARAMS, runFeedsDemo } from "./demo-feeds.ts";
import { wholeNumber } from "@newsroom/harness/args";
import { startStack } from "@newsroom/harness/emulator-stack";
import { interruptSignal, untilSignal } from "@newsroom/harness/signals";

const signal = interruptSignal(); // before anything starts: Ctrl-C during start-up stops cleanly

const USAGE = `Usage: npm start -- [--sample N] [--by party|president] [--top N] [--feeds] [--keep]
  --sample N     replay N State of the Union articles spread evenly over the years (default: all)
  --by KIND      publication of each article: party (default) or president
  --top N        top entities to print per publication (default 10)
  --feeds        collect the articles from a local feed server (one RSS feed and
                 article pages per publication) with the feed poller, instead of POSTing them
  --keep         leave the emulators and the dashboard up until Ctrl-C`;

function readArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: "boolean", short: "h", default: false },
      keep: { type: "boolean", default: false },
      feeds: { type: "boolean", default: false },
      sample: { type: "string" },
      by: { type: "string", default: "party" },
      top: { type: "string", default: "10" },
    },
  });
  return {
    help: values.help,
    keep: values.keep,
    feeds: values.feeds,
    by: values.by === "president" ? ("president" as const) : ("party" as const),
    sample: wholeNumber("sample", values.sample),
    top: wholeNumber("top", values.top)!,
  };
}

async function main(): Promise<number> {
  const values = readArgs(process.argv.slice(2));
  if (values.help) return (console.log(USAGE), 0);
  const { by, sample } = values;
  console.log("starting the emulators...");
  // The counts over all publications folded at every sweep (5 s here), not every 5 minutes: the demo shows them at once.
  const stack = await startStack({ signal, params: { GLOBAL_FOLD_SECONDS: "0", ...(values.feeds ? FEEDS_DEMO_PARAMS : {}) } });
  for (const note of stack.notes ?? []) console.log(note);
  Object.assign(process.env, stack.env); // this process reads Firestore too (verification, top entities)
  console.log(`emulators up (backend: ${stack.backend}; log: ${stack.logFile})`);
  if (stack.dashboardUrl) console.log(`dashboard (watch the counts arrive): ${stack.dashboardUrl}`);
  // Ctrl-C at any point stops the emulators before exiting.
  let keeping = false;
  const interrupted = untilSignal();
  void interrupted.then(async () => {
    if (keeping) return; // the --keep wait below handles it
    console.log("\ninterrupted: stopping the emulators...");
    await stack.stop();
    process.exit(130);
  });
  let code = 1;
  try {
    let publications: string[];
    if (values.feeds) {
      const articles = sotuArticles({ publication: by });
      const chosen = sample ? evenSample(articles, sample) : articles;
      console.log(`collecting the State of the Union corpus from a local feed server (${chosen.length} articles, publication = ${by})...`);
      const result = await runFeedsDemo({ articles: chosen, apiUrl: stack.apiUrl, apiKey: stack.apiKey, db: firestoreFor(stack.project), log: (line) => console.log(line), timeoutMs: 30 * 60_000 });
      console.log(`\n${result.pass ? "PASS" : "FAIL"}: ${result.publications.length} publications, every article in their feeds counted ${result.counted ? "exactly once" : "NOT exactly once"} (${result.seconds.toFixed(0)} s)`);
      console.log(`${formatDays(result.days).join("\n")}\n`);
      publications = result.publications;
      code = result.pass ? 0 : 1;
    } else {
      console.log(`replaying the State of the Union corpus (${sample ? `${sample} articles sampled evenly` : "all articles"}, publication = ${by})...`);
      const report = await runLoadTest(
        localRunOptions(stack, {
          corpus: { kind: "sotu", by, ...(sample ? { sample } : {}) },
          postsPerRequest: 20,
          verifyTimeoutMs: 30 * 60_000,
          progress: true,
        }),
      );
      console.log(`\n${formatReport(report)}\n`);
      publications = report.publications;
      code = report.verification?.pass ? 0 : 1;
    }
    const global = await untilGlobalAgrees(firestoreFor(stack.project), 120_000);
    console.log(`Over all publications: ${global.ok ? "the publications' counts, summed exactly" : "NOT the publications' counts summed"}: ${describeGlobalCheck(global).join("; ")}\n`);
    if (!global.ok) code = 1;
    const top = await topEntities(firestoreFor(stack.project), publications, values.top);
    console.log(`Top ${values.top} entities per publication:\n\n${formatTopEntities(top)}\n`);
    if (values.keep) {
      console.log(`Dashboard: ${stack.dashboardUrl}\nIngest:    ${stack.ingestUrl}/posts (key in functions/.secret.local)\nCtrl-C stops everything.`);
      keeping = true;
      await interrupted;
    }
  } finally {
    console.log("stopping the emulators...");
    await stack.stop();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`demo: ${(err as Error).message}`);
    process.exit(1);
  },
);
