// Expected entity documents of a synthetic run: each distinct text of the pool
// is extracted once with the product's own extractor, then multiplied by how
// often each publication's accepted posts used it.
import { extractEntities } from "@newsroom/core/extract";
import { entityId } from "@newsroom/core/keys";
import type { SyntheticText } from "./corpus/synthetic.ts";
import type { ExpectedEntity } from "./verify.ts";

export type TextUses = Map<string, Map<number, number>>; // publication -> text index -> accepted posts

export function expectedEntities(pool: readonly SyntheticText[], uses: TextUses): Map<string, Map<string, ExpectedEntity>> {
  const perText = new Map<number, Map<string, ExpectedEntity>>();
  const entitiesOf = (index: number) => {
    let entities = perText.get(index);
    if (!entities) {
      entities = new Map();
      for (const e of extractEntities(pool[index]!.content)) {
        const id = entityId(e.type, e.canonical);
        const entry = entities.get(id) ?? { word: e.canonical, count: 0, articles: 1 };
        entry.count++;
        entities.set(id, entry);
      }
      perText.set(index, entities);
    }
    return entities;
  };
  const expected = new Map<string, Map<string, ExpectedEntity>>();
  for (const [publication, texts] of uses) {
    const total = new Map<string, ExpectedEntity>();
    for (const [index, posts] of texts) {
      for (const [id, e] of entitiesOf(index)) {
        const entry = total.get(id) ?? { word: e.word, count: 0, articles: 0 };
        entry.count += e.count * posts;
        entry.articles += e.articles * posts;
        total.set(id, entry);
      }
    }
    expected.set(publication, total);
  }
  return expected;
}

/** Share of planted mentions that the extractor finds under the planted type (a check on the synthetic corpus itself). */
export function plantedRecall(pool: readonly SyntheticText[]): number {
  let planted = 0;
  let found = 0;
  for (const text of pool) {
    const extracted = extractEntities(text.content).map((e) => `${e.type}:${e.canonical.toLowerCase()}`);
    for (const p of text.planted) {
      planted++;
      const i = extracted.indexOf(`${p.type}:${p.name.toLowerCase()}`);
      if (i >= 0) {
        found++;
        extracted.splice(i, 1);
      }
    }
  }
  return planted === 0 ? 1 : found / planted;
}
