// What every corpus source yields: posts as the ingest endpoint takes them.
export type LoadPost = {
  publication: string;
  content: string;
  title?: string;
  url?: string;
  publishedAt?: string;
  /** Stable id within the source; the sender prefixes it with the run id. */
  id: string;
};

/** Entity mentions a synthetic post was built with, keyed by type + name. */
export type PlantedEntity = { type: "person" | "organization" | "place"; name: string };
