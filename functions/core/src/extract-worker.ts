// Worker-thread side of the extraction pool: one task = a batch of texts.
import { extractEntities, type Entity } from "./nlp/extract.js";

export default function extractBatch(texts: readonly string[]): Entity[][] {
  return texts.map((t) => extractEntities(t));
}
