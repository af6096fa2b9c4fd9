// One Firestore transaction, one attempt: retries (and their time budget) are
// the caller's, with the backoff of @newsroom/core/retry, so a contended
// transaction waits as every other retried write does.
import type { Firestore, Transaction } from "firebase-admin/firestore";
import { withRetry, type RetryOptions } from "@newsroom/core/retry";

export interface TransactionTarget {
  db: Firestore;
  retry?: Partial<RetryOptions>;
}

export const txn = <T>(target: TransactionTarget, fn: (tx: Transaction) => Promise<T>) => withRetry(() => target.db.runTransaction(fn, { maxAttempts: 1 }), target.retry);
