// The read API's answers as the page uses them, inferred from the API's own
// zod schemas (@newsroom/core/api-schema, R): a type-only import, so
// no schema code reaches the bundle, and a change to the API's
// contract fails this app's typecheck instead of its readers.
import type { R } from "@newsroom/core/api-schema";
import type { ADMIN } from "@newsroom/core/admin-schema";
import type { output } from "zod";
import type { ApiProblem } from "@newsroom/core/api-error";

type Answer<K extends keyof typeof R> = output<(typeof R)[K]>;

// The error answer is core's ApiProblem (@newsroom/core/api-error, which both
// sides use); this fails the typecheck if the schema's says otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ErrorAnswerIsCores = Assert<Same<Answer<"error">, ApiProblem>>;
export type EntitiesAnswer = Answer<"entities">;
export type RankedBy = EntitiesAnswer["by"];
export type EntityAnswer = Answer<"entity">;
/** The entity's whole history, one entry per year. */
export type YearPoint = EntityAnswer["years"][number];
export type ApiPublication = EntityAnswer["publication"];
export type SeriesPoint = EntityAnswer["series"][number];
/** One entity over all publications, with the publications that mention it most. */
export type GlobalEntityAnswer = Answer<"globalEntity">;
export type ArticlesAnswer = Answer<"articles">;
export type ApiArticle = ArticlesAnswer["articles"][number];
export type ElsewhereAnswer = Answer<"elsewhere">;
export type CompareAnswer = Answer<"compare">;
export type ComparedEntity = CompareAnswer["shared"][number];
export type SearchAnswer = Answer<"search">;
export type RisingAnswer = Answer<"rising">;
export type RisingEntry = RisingAnswer["entities"][number];

// The operator's routes (@newsroom/core/admin-schema), the same way.
export type SourcesAnswer = output<(typeof ADMIN)["answers"]["list"]>;
export type ApiSource = SourcesAnswer["sources"][number];
export type SourceHealth = ApiSource["health"];
export type SourceFlag = SourceHealth["flag"];
