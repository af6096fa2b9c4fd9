// The Firestore and Pub/Sub emulators on their own (the runtime stack serves
// the functions itself): the gcloud components where they are installed,
// else firebase-tools' downloaded ones (Java 21+ and internet).
import type { WriteStream } from "node:fs";
import path from "node:path";
import type { Backend } from "./backend.ts";
import { FIREBASE_BIN, REPO_ROOT } from "./paths.ts";
import type { Ports } from "./ports.ts";
import { startGroup, waitForHttp, type Group } from "./processes.ts";

export type DataEmulatorOptions = {
  backend: Backend;
  ports: Pick<Ports, "firestore" | "pubsub">;
  project: string;
  log: WriteStream;
  echo?: boolean;
  /** firebase.json with the resolved ports, for the firebase backend. */
  configFile: string;
};

/** The gcloud Firestore emulator, with the project's security rules. */
export function startGcloudFirestore(binary: string, port: number, project: string, log: WriteStream, { echo = false }: { echo?: boolean } = {}): Group {
  return startGroup(
    "firestore",
    binary,
    ["--host=127.0.0.1", `--port=${port}`, `--project_id=${project}`, `--rules=${path.join(REPO_ROOT, "firestore.rules")}`],
    process.env,
    log,
    { echo },
  );
}

/** Starts both and resolves once both answer; `started` receives each group as soon as it exists (for cleanup). */
export async function startDataEmulators(o: DataEmulatorOptions, started: (g: Group) => void): Promise<void> {
  const firestoreUrl = `http://127.0.0.1:${o.ports.firestore}/`;
  const pubsubUrl = `http://127.0.0.1:${o.ports.pubsub}/`;
  if (o.backend.kind === "gcloud") {
    const firestore = startGcloudFirestore(o.backend.firestoreBinary, o.ports.firestore, o.project, o.log, { echo: o.echo ?? false });
    started(firestore);
    const quiet = { ...process.env, JAVA_TOOL_OPTIONS: `-Djava.util.logging.config.file=${path.join(import.meta.dirname, "jvm-logging.properties")}` };
    const pubsub = startGroup("pubsub", o.backend.pubsubBinary, ["--host=127.0.0.1", `--port=${o.ports.pubsub}`], quiet, o.log, { echo: o.echo ?? false });
    started(pubsub);
    await Promise.all([waitForHttp(firestoreUrl, 90_000, firestore), waitForHttp(pubsubUrl, 90_000, pubsub)]);
    return;
  }
  const firebase = startGroup(
    "firebase",
    process.execPath,
    [FIREBASE_BIN, "emulators:start", "--project", o.project, "--config", o.configFile, "--only", "firestore,pubsub"],
    { ...process.env, FIRESTORE_EMULATOR_HOST: "", PUBSUB_EMULATOR_HOST: "" },
    o.log,
    { echo: o.echo ?? false },
  );
  started(firebase);
  await Promise.all([waitForHttp(firestoreUrl, 180_000, firebase), waitForHttp(pubsubUrl, 180_000, firebase)]);
}
