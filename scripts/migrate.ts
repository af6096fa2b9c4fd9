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
// prefix search needs on every entity document. Daily series start at the
// upgrade: the old layout kept no days.
import { parseArgs } from "node:util";
import { getApps, initializeApp } from "firebase-admin/app";
import { FieldPath, getFirestore, type Firestore } from "firebase-admin/firestore";
import { entityKey } from "@newsroom/core/keys";
import { COLLECTIONS } from "@newsroom/core/layout";

export type MigrationReport = { publications: number; entities: number; keyed: number };

export async function migrate(db: Firestore, dryRun: boolean, log: (s: string) => void = () => undefined): Promise<MigrationReport> {
  const report: MigrationReport = { publications: 0, entities: 0, keyed: 0 };
  let after: string | undefined;
  for (;;) {
    let q = db.collection(COLLECTIONS.publications).orderBy(FieldPath.documentId()).limit(100);
    if (after) q = q.startAfter(after);
    const pubs = await q.get();
    for (const pub of pubs.docs) {
      report.publications++;
      let entAfter: string | undefined;
      for (;;) {
        let eq = pub.ref.collection(COLLECTIONS.ents).orderBy(FieldPath.documentId()).limit(400);
        if (entAfter) eq = eq.startAfter(entAfter);
        const ents = await eq.get();
        const batch = db.batch();
        let pending = 0;
        for (const e of ents.docs) {
          report.entities++;
          const word = e.get("word");
          if (typeof word === "string" && e.get("key") === undefined) {
            pending++;
            if (!dryRun) batch.update(e.ref, { key: entityKey(word) });
          }
        }
        if (pending > 0 && !dryRun) await batch.commit();
        report.keyed += pending;
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
  const r = await migrate(getFirestore(app), values["dry-run"]!, (s) => console.error(s));
  console.log(`${values["dry-run"] ? "would key" : "keyed"} ${r.keyed} of ${r.entities} entity documents in ${r.publications} publications`);
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
