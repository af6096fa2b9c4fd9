// Firebase app + Firestore for this page: the web config comes from Vite env
// (VITE_FIREBASE_*) when built with it, else from Hosting's
// /__/firebase/init.json (production and the Hosting emulator both serve it).
// On a loopback host the page talks to the Firestore emulator (see
// logic/emulator.ts for how it finds it).
import { initializeApp, type FirebaseOptions } from "firebase/app";
import { connectFirestoreEmulator, getFirestore, type Firestore } from "firebase/firestore";
import { chooseEmulator, DEFAULT_EMULATOR, parseInitJsEmulators, type HostPort } from "../logic/emulator.ts";

export type Connection = { db: Firestore; projectId: string; emulator: (HostPort & { from: string }) | null };

export async function connect(location: Location = window.location): Promise<Connection> {
  const choice = chooseEmulator(location.hostname, location.search, import.meta.env.VITE_FIRESTORE_EMULATOR_HOST);
  let emulator: Connection["emulator"] = null;
  if (choice.use === "ask-hosting") {
    const fromHosting = await fetchText("/__/firebase/init.js?useEmulator=true").then((js) => (js ? parseInitJsEmulators(js) : null));
    emulator = fromHosting ? { ...fromHosting, from: "hosting" } : { ...DEFAULT_EMULATOR, from: "default" };
  } else if (choice.use) {
    emulator = { ...choice.at, from: choice.from };
  }

  const options = await webConfig(emulator !== null);
  if (!options.projectId) throw new Error("The Firebase web config has no projectId");
  const app = initializeApp(options);
  const db = getFirestore(app);
  if (emulator) connectFirestoreEmulator(db, emulator.host, emulator.port);
  return { db, projectId: options.projectId, emulator };
}

async function webConfig(local: boolean): Promise<FirebaseOptions> {
  const env = import.meta.env;
  if (env.VITE_FIREBASE_PROJECT_ID) {
    return {
      projectId: env.VITE_FIREBASE_PROJECT_ID,
      apiKey: env.VITE_FIREBASE_API_KEY,
      appId: env.VITE_FIREBASE_APP_ID,
      authDomain: env.VITE_FIREBASE_AUTH_DOMAIN,
    };
  }
  const text = await fetchText("/__/firebase/init.json");
  if (text) {
    try {
      const parsed = JSON.parse(text) as FirebaseOptions | null;
      if (parsed && typeof parsed.projectId === "string") return parsed;
    } catch {
      // fall through
    }
  }
  // `vite dev` on its own has no Hosting: the local demo project.
  if (local) return { projectId: "demo-newsroom", apiKey: "fake-api-key" };
  throw new Error("No Firebase web config: /__/firebase/init.json is missing and the app was built without VITE_FIREBASE_PROJECT_ID");
}

async function fetchText(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { cache: "no-store" });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}
