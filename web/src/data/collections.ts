// The collection names the page reads, checked against the layout's own
// (@newsroom/core/firestore-schema's COLLECTIONS, by type: its runtime code is Node's).
import type { COLLECTIONS as LAYOUT } from "@newsroom/core/firestore-schema";

type Read = "publications" | "ents" | "years" | "rollup" | "global" | "entities";

export const COLLECTIONS: Pick<typeof LAYOUT, Read> = { publications: "publications", ents: "ents", years: "years", rollup: "rollup", global: "global", entities: "entities" };
