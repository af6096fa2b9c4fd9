// Public types of the extraction module.
export type EntityType = "person" | "organization" | "place";

export interface Entity {
  /** Surface string exactly as written: input.slice(start, end). */
  text: string;
  /** The form that is counted: titles, possessives dropped; aliases and short mentions resolved. */
  canonical: string;
  type: EntityType;
  start: number;
  end: number;
}
