// Upgrading a deployment whose data predates the rollup layout:
//   node scripts/migrate.ts [--dry-run] [--project ID]
// (with FIRESTORE_EMULATOR_HOST for the emulator, or application-default
// credentials for a project). Idempotent; safe to run while the pipeline runs.
//
// What carries over as it is: publications/{pub} {name, articleCount} and
// publications/{pub}/ents/{id} {word, type, count, articles} keep their
// counts, and the rollup's increments add to them; client ids counted before
// the upgrade (clientIds/) and messages the old code counted (ledger/) are
// honoured by processPosts while READ_LEGACY_LEDGER is on (30 days, their TTL).
// What this adds: the `key` field (the lower-cased name) that the read API's
// prefix search needs on every entity document, and a person's `aliases` (the
// surnames it claims) that the rollup's alias lookup needs, for documents the
// rollup has not rewritten since. And the layout of the daily series (issue 19):
// documents from before it kept every day they counted in `days`; the days of
// past years move into their year documents and `yearly` is computed from all
// of them, in one transaction per document (@newsroom/store/series-compaction, as the sweep's
// compaction does; safe beside a running rollup, and a second run finds
// nothing to do). The layout before the rollup kept no days at all.
import { parseArgs } from "node:util";
import { getApps, initializeApp } from "firebase-admin/app";
import { FieldPath, getFirestore, type Firestore, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import { entityKey } from "@newsroom/core/keys";
import { COLLECTIONS, yearOfMs } from "@newsroom/core/firestore-schema";
import { personAliases } from "@newsroom/core/alias-merges";
import { compactDocument, SERIES_VERSION } from "@newsroom/store/series-compaction";

export type MigrationReport = { publications: number; entities: number; keyed: number; aliased: number; series: number };

/** The fields an entity document lacks, or undefined when it needs nothing. */
function missingFields(doc: { get(field: string): unknown }): { key?: string; aliases?: string[] } | undefined {
  const word = doc.get("word");
  const type = doc.get("type");
  if (typeof word !== "string") return undefined;
  const out: { key?: string; aliases?: string[] } = {};
  if (doc.get("key") === undefined) out.key = entityKey(word);
  const aliases = type === "person" && doc.get("aliases") === undefined ? personAliases("person", word) : [];
  if (aliases.length > 0) out.aliases = aliases;
  return Object.keys(out).length > 0 ? out : undefined;
}

export async function migrate(db: Firestore, { dryRun = false, log = () => undefined }: { dryRun?: boolean; log?: (s: string) => void } = {}): Promise<MigrationReport> {
  const report: MigrationReport = { publications: 0, entities: 0, keyed: 0, aliased: 0, series: 0 };
  const year = Number(yearOfMs(Date.now()));
  // A totals document with a series not marked as computed by this layout: its yearly totals recomputed from
  // every day it has, the days of past years moved into their year documents. One that counts no days is left.
  const series = async (doc: QueryDocumentSnapshot) => {
    if (doc.get("seriesV") === SERIES_VERSION || (doc.get("days") === undefined && doc.get("yearly") === undefined)) return;
    report.series++;
    if (!dryRun) await compactDocument({ db }, doc.ref, year, { recomputeYearly: true });
  };
  let after: string | undefined;
  for (;;) {
    let q = db.collection(COLLECTIONS.publications).orderBy(FieldPath.documentId()).limit(100);
    if (after) q = q.startAfter(after);
    const pubs = await q.get();
    for (const pub of pubs.docs) {
      report.publications++;
      await series(pub);
      let entAfter: string | undefined;
      for (;;) {
        let eq = pub.ref.collection(COLLECTIONS.ents).orderBy(FieldPath.documentId()).limit(400);
        if (entAfter) eq = eq.startAfter(entAfter);
        const ents = await eq.get();
        const batch = db.batch();
        let pending = 0;
        for (const e of ents.docs) {
          report.entities++;
          await series(e);
          const missing = missingFields(e);
          if (!missing) continue;
          pending++;
          if (missing.key !== undefined) report.keyed++;
          if (missing.aliases) report.aliased++;
          if (!dryRun) batch.update(e.ref, missing);
        }
        if (pending > 0 && !dryRun) await batch.commit();
        if (ents.size < 400) break;
        entAfter = ents.docs.at(-1)!.id;
      }
      log(`${pub.id}: done`);
    }
    if (pubs.size < 100) break;
    after = pubs.docs.at(-1)!.id;
  }
  return report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, project: { type: "string" } } });
  const projectId = values.project ?? process.env.GCLOUD_PROJECT;
  if (!projectId) throw new Error("set --project or GCLOUD_PROJECT");
  const app = getApps()[0] ?? initializeApp({ projectId });
  const r = await migrate(getFirestore(app), { dryRun: values["dry-run"], log: (s) => console.error(s) });
  console.log(
    `${r.entities} entity documents in ${r.publications} publications: ${values["dry-run"] ? "would add" : "added"} the key to ${r.keyed}, aliases to ${r.aliased}; ` +
      `${values["dry-run"] ? "would move" : "moved"} the daily series of ${r.series} documents into year documents`,
  );
}

if (import.meta.main) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`migrate: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
