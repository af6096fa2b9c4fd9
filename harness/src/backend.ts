// Which Firestore and Pub/Sub emulators can run here.
//
// - "gcloud": the Google Cloud CLI emulator components (Debian packages
//   google-cloud-cli-firestore-emulator / -pubsub-emulator). They work offline
//   and under Java 17; we start Firestore ourselves and point firebase-tools at
//   the Pub/Sub launcher (PUBSUB_EMULATOR_BINARY_PATH).
// - "firebase": firebase-tools downloads and runs its own emulators; needs
//   Java >= 21 (its check) and internet on first use.
// Preferred order: EMULATORS_BACKEND if set, else gcloud, else firebase.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export type Backend =
  | { kind: "gcloud"; firestoreBinary: string; pubsubBinary: string }
  | { kind: "firebase" };

export function javaMajorVersion(): number | undefined {
  // `java -version` prints to stderr, e.g. openjdk version "17.0.15" 2025-04-15
  const result = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 15_000 });
  return result.error ? undefined : parseJavaVersion(`${result.stderr}${result.stdout}`);
}

function parseJavaVersion(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m?.[1]) return undefined;
  const major = Number(m[1]);
  return major === 1 && m[2] ? Number(m[2]) : major; // "1.8" means Java 8
}

function gcloudSdkRoots(env: NodeJS.ProcessEnv): string[] {
  const roots: string[] = [];
  if (env.CLOUDSDK_ROOT_DIR) roots.push(env.CLOUDSDK_ROOT_DIR);
  try {
    const root = execFileSync("gcloud", ["info", "--format=value(installation.sdk_root)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 15_000,
    }).trim();
    if (root) roots.push(root);
  } catch {
    // gcloud not installed or not answering: fall back to the Debian location.
  }
  roots.push("/usr/lib/google-cloud-sdk");
  return roots;
}

function findGcloudEmulators(env: NodeJS.ProcessEnv): Backend | undefined {
  for (const root of gcloudSdkRoots(env)) {
    const firestoreBinary = path.join(root, "platform/cloud-firestore-emulator/cloud_firestore_emulator");
    const pubsubBinary = path.join(root, "platform/pubsub-emulator/bin/cloud-pubsub-emulator");
    if (existsSync(firestoreBinary) && existsSync(pubsubBinary)) {
      return { kind: "gcloud", firestoreBinary, pubsubBinary };
    }
  }
  return undefined;
}

export const INSTALL_HELP = `No Firestore/Pub/Sub emulator can run on this machine. Install one of:
  - Java (11+) and the Google Cloud CLI emulator components, e.g. on Debian/Ubuntu:
      apt-get install google-cloud-cli-firestore-emulator google-cloud-cli-pubsub-emulator openjdk-17-jre-headless
  - or Java 21+ with internet access, so firebase-tools can download its own emulators.
Set EMULATORS_BACKEND=gcloud|firebase to force a choice.`;

export function detectBackend(env: NodeJS.ProcessEnv): Backend {
  const forced = env.EMULATORS_BACKEND;
  const java = javaMajorVersion();
  if (forced && forced !== "gcloud" && forced !== "firebase") {
    throw new Error(`EMULATORS_BACKEND must be "gcloud" or "firebase", got "${forced}"`);
  }
  if (forced !== "firebase") {
    const gcloud = findGcloudEmulators(env);
    if (gcloud && java !== undefined) return gcloud;
    if (forced === "gcloud") {
      throw new Error(
        gcloud ? `EMULATORS_BACKEND=gcloud but no java on PATH.\n${INSTALL_HELP}` : `EMULATORS_BACKEND=gcloud but the emulator components are missing.\n${INSTALL_HELP}`,
      );
    }
  }
  if (java !== undefined && java >= 21) return { kind: "firebase" };
  throw new Error(
    `${INSTALL_HELP}\n(found: java ${java ?? "none"}; gcloud emulator components: ${findGcloudEmulators(env) ? "yes" : "no"})`,
  );
}
