// Client keys held in memory, as the keyring's `load` sees them, instead of Firestore.
import { clientKeyId } from "@newsroom/core/firestore-schema";
import type { ClientGrant } from "@newsroom/store/client-keys";
import { newClientKey } from "@newsroom/core/client-key";

export function fakeKeyStore() {
  const grants = new Map<string, ClientGrant>();
  /** Ids looked up, in order. */
  const lookups: string[] = [];
  const load = async (id: string) => {
    lookups.push(id);
    return grants.get(id);
  };
  /** A client key with this grant, as `npm run keys -- create` would issue it. */
  const issue = (grant: Partial<ClientGrant> = {}) => {
    const key = newClientKey();
    grants.set(clientKeyId(key), { client: "test client", revoked: false, ...grant });
    return key;
  };
  return { grants, lookups, load, issue };
}
