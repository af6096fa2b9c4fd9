// Page cursors: the route they page, a digest of the query they page (its
// publication, entity, order and type), and the sort key of the page's last
// item, as base64url JSON. Clients can forge them, so a cursor of another
// route or query is refused and every value is range-checked (document ids as
// the layout makes them, instants within Firestore's range) before it
// reaches a query. Pure.
import { createHash } from "node:crypto";
import { isDocumentId, isPublicationKey, isSha1Hex } from "@newsroom/core/keys";
import { badRequest } from "./errors.js";

/** Firestore's Timestamp range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, in epoch ms. */
export const FIRESTORE_MIN_MS = -62_135_596_800_000;
export const FIRESTORE_MAX_MS = 253_402_300_799_999;
/** Ranks and counts a cursor may carry: far above any real one, far below where doubles lose integers. */
const MAX_COUNT = 2 ** 48;

const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_COUNT;
const text = (check: (s: string) => boolean) => (v: unknown): v is string => typeof v === "string" && check(v);

/** What each value of a cursor may be. */
export const CURSOR_VALUES = {
  count,
  publicationId: text(isPublicationKey),
  entityId: text(isSha1Hex),
  documentId: text(isDocumentId),
  instantMs: (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= FIRESTORE_MIN_MS && (v as number) <= FIRESTORE_MAX_MS,
} as const;

type Check = (typeof CURSOR_VALUES)[keyof typeof CURSOR_VALUES];
type Checked<C extends readonly Check[]> = { [K in keyof C]: C[K] extends (v: unknown) => v is infer T ? T : never };

/** What a cursor pages: the route's name, then the parameters that pick and order its list. */
export type CursorScope = readonly [route: string, ...query: Array<string | null>];

const digest = (scope: CursorScope) => createHash("sha256").update(JSON.stringify(scope.slice(1))).digest("base64url").slice(0, 16);

export function encodeCursor(scope: CursorScope, values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([scope[0], digest(scope), ...values]), "utf8").toString("base64url");
}

/** The values of `cursor`, if it pages `scope` and each value passes its check; otherwise a 400 saying which is wrong. */
export function decodeCursor<C extends readonly Check[]>(cursor: string, scope: CursorScope, checks: C): Checked<C> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== "string") throw badRequest("cursor is not one this API gave out");
  const [route, scopeDigest, ...values] = parsed as [string, unknown, ...unknown[]];
  if (route !== scope[0]) throw badRequest(`cursor pages another route (${JSON.stringify(route.slice(0, 40))}), not ${scope[0]}`);
  if (scopeDigest !== digest(scope)) throw badRequest("cursor pages another query: keep the parameters other than limit as they were");
  if (values.length !== checks.length) throw badRequest("cursor is not one this API gave out");
  checks.forEach((check, i) => {
    if (!check(values[i])) throw badRequest(`cursor value ${i + 1} is out of range`);
  });
  return values as Checked<C>;
}
