// Ingest's access for unit tests: the operator's key, and client keys held in
// memory (the keyring's lookups go to a Map instead of Firestore).
import { IngestAccess } from "../../../src/ingest/access.js";
import { Keyring } from "../../../src/keys/keyring.js";
import { fakeKeyStore } from "../keys/fake-store.js";

export function testAccess(operatorKey: string, options: { operatorPostsPerMinute?: number; now?: () => number } = {}) {
  const store = fakeKeyStore();
  const clock = options.now ? { now: options.now } : {};
  const access = new IngestAccess({
    operatorKey: () => operatorKey,
    operatorPostsPerMinute: () => options.operatorPostsPerMinute ?? 0,
    keyring: new Keyring({ load: store.load, ttlMs: 30_000, missTtlMs: 5_000, failedLookupsPerMinute: 3, ...clock }),
    ...clock,
  });
  return { access, ...store };
}
