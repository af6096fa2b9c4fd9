// Where things are in the checkout, for every script.
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const FUNCTIONS_DIR = path.join(REPO_ROOT, "functions");
export const FIREBASE_BIN = path.join(REPO_ROOT, "node_modules/firebase-tools/lib/bin/firebase.js");
