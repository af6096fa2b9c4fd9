// The shapes the dashboard works with, decoded from Firestore documents. The
// document shapes themselves are @newsroom/core/firestore-schema's (type imports only:
// its runtime code is Node's); here they are narrowed to what the page needs.
import type { EntityDoc, EntityType, GLOBAL_NAME, PublicationDoc, PublicationYearDoc, RollupFailure, RollupStatusDoc } from "@newsroom/core/firestore-schema";

export type { EntityType };

export const ENTITY_TYPES = ["person", "organization", "place"] as const satisfies readonly EntityType[];
// Fails to compile if the layout gains a type this list lacks.
type Unlisted = Exclude<EntityType, (typeof ENTITY_TYPES)[number]>;
const allTypesListed: [Unlisted] extends [never] ? true : never = true;
void allTypesListed;

export type TypeFilter = EntityType | "all";

/** Whose counts: one publication's (its key), or null for all publications (the rollup's fold into global/ and entities/). */
export type Scope = string | null;

/** What the page calls the counts over all publications: the layout's name for global/totals (checked by type). */
export const ALL_PUBLICATIONS: typeof GLOBAL_NAME = "All publications";

/**
 * `yearly`: articles per UTC year ("YYYY"), by publishedAt else receipt;
 * `days`: the days the document itself holds (this year's, as the rollup
 * writes them); the other days are in its year documents.
 */
export type Publication = Pick<PublicationDoc, "name" | "articleCount"> & { key: string; yearly: NonNullable<PublicationDoc["yearly"]>; days: NonNullable<PublicationDoc["days"]> };
export type Entity = Pick<EntityDoc, "word" | "type" | "count" | "articles"> & { id: string };

/** A document's fields as read from Firestore: named as the layout names them, of any value until decoded. */
type Fields<Doc> = { readonly [K in keyof Doc]?: unknown };

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === "string" && (ENTITY_TYPES as readonly string[]).includes(value);
}

export function parseTypeFilter(value: string | null | undefined): TypeFilter {
  return isEntityType(value) ? value : "all";
}

const isCount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** A publications/{key} document, or null when it lacks the fields the page needs. */
export function decodePublication(key: string, data: Fields<PublicationDoc>): Publication | null {
  const name = typeof data.name === "string" && data.name.trim() !== "" ? data.name : null;
  const articleCount = data.articleCount ?? 0;
  if (!isCount(articleCount)) return null;
  return { key, name: name ?? key, articleCount, yearly: counts(data.yearly), days: counts(data.days) };
}

/**
 * A map of counts; entries whose value is no count, or whose key fails
 * `isKey`, are dropped (one bad entry spoils nothing else). Keys are kept as
 * stored: the charts leave out what is no day or year, and say how much.
 */
function counts(value: unknown, isKey: (k: string) => boolean = () => true): Record<string, number> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => isKey(k) && isCount(v)));
}

/** A publications/{key}/years/{yyyy} document: its articles per day; a day of another year (firestore-schema.ts's yearOf: its first four characters) is not this document's to count. */
export function decodeYearDays(year: string, data: Fields<PublicationYearDoc> | undefined): Record<string, number> {
  return counts(data?.days, (day) => day.slice(0, 4) === year);
}

/** A publications/{key}/ents/{id} document, or null when it is malformed. */
export function decodeEntity(id: string, data: Fields<EntityDoc>): Entity | null {
  const { word, type, count } = data;
  const articles = data.articles ?? 0;
  if (typeof word !== "string" || word === "" || !isEntityType(type) || !isCount(count) || !isCount(articles)) return null;
  return { id, word, type, count, articles };
}

/** rollup/status: counts include every post committed before completeThrough (epoch ms); later batches may be applied (appliedThrough) with writes that failed for good. */
export type RollupStatus = Pick<RollupStatusDoc, "completeThrough" | "windowSeconds"> & { appliedThrough: number | null; failures: RollupFailure[] };

export function decodeRollupStatus(data: Fields<RollupStatusDoc> | undefined): RollupStatus | null {
  const completeThrough = data?.completeThrough;
  const windowSeconds = data?.windowSeconds ?? 30;
  if (!isCount(completeThrough) || !isCount(windowSeconds)) return null;
  const appliedThrough = isCount(data?.appliedThrough) ? data.appliedThrough : null;
  const failures = Array.isArray(data?.failures) ? data.failures.flatMap((f: unknown) => decodeFailure(f) ?? []) : [];
  return { completeThrough, windowSeconds, appliedThrough, failures };
}

function decodeFailure(value: unknown): RollupFailure | null {
  if (typeof value !== "object" || value === null) return null;
  const f = value as Fields<RollupFailure>;
  if (!isCount(f.windowEnd) || !isCount(f.items) || !isCount(f.at)) return null;
  return { windowEnd: f.windowEnd, items: f.items, at: f.at, range: typeof f.range === "string" ? f.range : "", reason: typeof f.reason === "string" ? f.reason : "" };
}
