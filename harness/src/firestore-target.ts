// Which Firestore an operator's CLI (`npm run keys`, `npm run sources`) works
// on, found the same way by each: a real project for `--project ID` (unless it
// is a demo- project, which lives only in an emulator), else the local stack's
// emulator.
import path from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore, type Firestore } from "firebase-admin/firestore";
import { REPO_ROOT } from "./paths.ts";
import { readFirebaseJson, resolvePorts } from "./ports.ts";

export type FirestoreTarget = { projectId: string; emulatorHost: string | undefined };

export function firestoreTarget(project: string | undefined, env: NodeJS.ProcessEnv): FirestoreTarget {
  if (project !== undefined && !project.startsWith("demo-")) return { projectId: project, emulatorHost: undefined };
  const local = resolvePorts(readFirebaseJson(path.join(REPO_ROOT, "firebase.json")), env).firestore;
  return { projectId: project ?? env.GCLOUD_PROJECT ?? "demo-newsroom", emulatorHost: env.FIRESTORE_EMULATOR_HOST || `127.0.0.1:${local}` };
}

/** The Admin SDK's Firestore for the target, in an app of its own named `appName`. */
export function openFirestore(target: FirestoreTarget, appName: string): Firestore {
  if (target.emulatorHost) {
    process.env.FIRESTORE_EMULATOR_HOST = target.emulatorHost;
    process.env.METADATA_SERVER_DETECTION ??= "none"; // no credentials to look for
  } else {
    delete process.env.FIRESTORE_EMULATOR_HOST; // --project means that project, whatever the shell holds
  }
  const app = getApps().find((a) => a.name === appName) ?? initializeApp({ projectId: target.projectId }, appName);
  return getFirestore(app);
}

/** The line a CLI prints first, on stderr: where it works. */
export const describeTarget = (tool: string, target: FirestoreTarget) =>
  `${tool}: ${target.emulatorHost ? `Firestore emulator ${target.emulatorHost}, project ${target.projectId}` : `project ${target.projectId}`}`;
