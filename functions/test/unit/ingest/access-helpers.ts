// Ingest's access for unit tests: the operator's key, and client keys held in
// memory (the keyring's lookups go to a Map instead of Firestore).
import { IngestAccess } from "../../../src/ingest/access.js";
import { Keyring } from "../../../src/keys/keyring.js";
import { clientKeyId } from "@newsroom/core/layout";
import type { ClientGrant } from "../../../src/keys/store.js";
import { newClientKey } from "../../../src/keys/token.js";

export function testAccess(operatorKey: string, options: { operatorPostsPerMinute?: number; now?: () => number } = {}) {
  const grants = new Map<string, ClientGrant>();
  const lookups: string[] = [];
  const access = new IngestAccess({
    operatorKey: () => operatorKey,
    operatorPostsPerMinute: () => options.operatorPostsPerMinute ?? 0,
    keyring: new Keyring({
      load: async (id) => {
        lookups.push(id);
        return grants.get(id);
      },
      ttlMs: 30_000,
      missTtlMs: 5_000,
      failedLookupsPerMinute: 3,
      ...(options.now ? { now: options.now } : {}),
    }),
    ...(options.now ? { now: options.now } : {}),
  });
  /** A client key with this grant, as `npm run keys -- create` would issue it. */
  const issue = (grant: Partial<ClientGrant> = {}) => {
    const key = newClientKey();
    grants.set(clientKeyId(key), { client: "test client", revoked: false, ...grant });
    return key;
  };
  return { access, issue, grants, lookups };
}
