// What the harness (scripts/emulators.ts exec) tells the emulator tests.
export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run emulator tests through "npm run test:emulators"`);
  return value;
}

export const emulator = {
  project: () => required("GCLOUD_PROJECT"),
  pubsubHost: () => required("PUBSUB_EMULATOR_HOST"),
  firestoreHost: () => required("FIRESTORE_EMULATOR_HOST"),
  ingestUrl: () => required("INGEST_URL"),
  apiKey: () => required("INGEST_API_KEY"),
  logFile: () => required("EMULATOR_LOG_FILE"),
};
