// The security rules refuse a list query without a limit or with a larger one
// (firestore.rules, boundedList): every query of the dashboard goes through queryLimit.
export const MAX_QUERY_LIMIT = 100;

/** `wanted` documents, or as many as the rules allow in one query. */
export function queryLimit(wanted: number): number {
  if (!Number.isInteger(wanted) || wanted < 1) throw new RangeError(`a query limit must be a positive integer, got ${wanted}`);
  return Math.min(wanted, MAX_QUERY_LIMIT);
}
