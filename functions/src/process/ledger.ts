// The exactly-once ledger, read inside a chunk's transaction:
//   ledger/{ledgerId}    one per chunk of a message; present = already counted
//   clientIds/{key}      one per publication + client post id; holds the
//                        messageId that counted the post
// Both carry `expireAt` (a Timestamp) for a Firestore TTL policy.
import type { Firestore, Transaction } from "firebase-admin/firestore";
import type { Chunk } from "./chunk.js";
import { clientKeysOf, COLLECTIONS } from "./plan.js";

export interface LedgerState {
  /** The chunk's ledger document exists: its increments are already committed. */
  done: boolean;
  /** For each client key of the chunk: the owning messageId, or undefined when no document exists. */
  owners: Map<string, string | undefined>;
}

/** Reads the chunk's ledger document and its client-id documents in one round trip. */
export async function readLedger(db: Firestore, tx: Transaction, chunk: Chunk): Promise<LedgerState> {
  const keys = clientKeysOf(chunk);
  const refs = [
    db.collection(COLLECTIONS.ledger).doc(chunk.ledgerId),
    ...keys.map((k) => db.collection(COLLECTIONS.clientIds).doc(k)),
  ];
  const snaps = await tx.getAll(...refs);
  const owners = new Map<string, string | undefined>();
  keys.forEach((k, i) => {
    const snap = snaps[i + 1]!;
    if (!snap.exists) owners.set(k, undefined);
    else {
      const owner = snap.get("messageId");
      // A document without an owner (never written that way) counts as owned by someone else.
      owners.set(k, typeof owner === "string" ? owner : "");
    }
  });
  return { done: snaps[0]!.exists, owners };
}
