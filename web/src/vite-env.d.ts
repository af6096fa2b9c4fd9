/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_FIREBASE_PROJECT_ID?: string;
  readonly VITE_FIREBASE_API_KEY?: string;
  readonly VITE_FIREBASE_APP_ID?: string;
  readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
  /** For `vite dev` against a running emulator, e.g. 127.0.0.1:8080. */
  readonly VITE_FIRESTORE_EMULATOR_HOST?: string;
}
