// The read API's answers as the page uses them: a hand-written mirror of the
// zod schemas in functions/src/api/schema.ts (R). Every API shape the web app
// needs lives here and only here, so one import can replace it once the
// schemas move to a shared package.
import type { EntityType } from "../logic/types.ts";

export type ApiPublication = { id: string; name: string; articleCount: number; updatedAt: string | null };
export type ApiEntity = { id: string; word: string; type: EntityType; mentions: number; articles: number };
export type ApiRankedEntity = ApiEntity & { rank: number };
export type ApiEntityRef = { id: string; word: string; type: EntityType };
export type RankedBy = "mentions" | "articles";

export type ApiError = { error: string; message: string; problems?: Array<{ path: string; message: string }> };

export type PublicationsAnswer = { publications: ApiPublication[]; next: string | null };

export type EntitiesAnswer = { publication: ApiPublication; by: RankedBy; type: EntityType | null; entities: ApiRankedEntity[]; next: string | null };

export type SeriesPoint = { day: string; mentions: number; articles: number; publicationArticles: number };
export type EntityAnswer = { publication: ApiPublication; entity: ApiEntity; series: SeriesPoint[] };

export type ApiArticle = {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  receivedAt: string;
  day: string;
  mentions: number;
};
export type ArticlesAnswer = { publication: ApiPublication; entity: ApiEntityRef; articles: ApiArticle[]; next: string | null };

export type ElsewhereAnswer = { entity: ApiEntityRef; publications: Array<{ id: string; mentions: number; articles: number }> };

export type DaysAnswer = { publication: ApiPublication; days: Array<{ day: string; articles: number }> };

export type ComparedEntity = { id: string; word: string; type: EntityType; mentionsA: number; mentionsB: number; zScore: number };
export type CompareAnswer = {
  a: ApiPublication;
  b: ApiPublication;
  type: EntityType | null;
  /** Entities read per publication (its most mentioned). */
  scanned: { a: number; b: number };
  distinctiveOfA: ComparedEntity[];
  distinctiveOfB: ComparedEntity[];
  shared: ComparedEntity[];
};

export type SearchAnswer = { publication: ApiPublication; query: string; entities: ApiEntity[] };
