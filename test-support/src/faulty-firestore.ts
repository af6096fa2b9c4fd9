// Fault injection from outside production code: a Firestore client wrapped so
// a test can fail a transaction before or after it commits (a lost
// acknowledgement), or refuse one write inside it, as the service would.
import type { DocumentReference, Firestore, Transaction } from "firebase-admin/firestore";

export type Faults = {
  /** Before transaction number n (1-based) runs: throw to fail it without committing. */
  before?: (n: number) => void | Promise<void>;
  /** After transaction n committed: throw to lose its acknowledgement. */
  after?: (n: number) => void | Promise<void>;
  /** On each create/set inside a transaction: throw to make that commit fail. */
  onWrite?: (path: string, data: unknown) => void;
};

/** An error as the Firestore client raises it (a gRPC status code). */
export function grpcError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}
export const UNAVAILABLE = 14;
export const INVALID_ARGUMENT = 3;

function wrapTransaction(tx: Transaction, faults: Faults): Transaction {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if ((prop === "create" || prop === "set") && typeof value === "function") {
        return (ref: DocumentReference, data: unknown, ...rest: unknown[]) => {
          faults.onWrite?.(ref.path, data);
          return (value as (...a: unknown[]) => unknown).call(target, ref, data, ...rest);
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function faultyFirestore(db: Firestore, faults: Faults): Firestore & { transactions: () => number } {
  let n = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "transactions") return () => n;
      if (prop === "runTransaction") {
        return async <T>(fn: (tx: Transaction) => Promise<T>, options?: object) => {
          const i = ++n;
          await faults.before?.(i);
          const result = await target.runTransaction((tx) => fn(wrapTransaction(tx, faults)), options);
          await faults.after?.(i);
          return result;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Firestore & { transactions: () => number };
}
