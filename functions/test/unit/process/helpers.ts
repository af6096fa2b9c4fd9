// Deterministic synthetic posts with known entities for the pure-logic tests.
import type { Entity, EntityType } from "@newsroom/core/extract";
import type { Post } from "@newsroom/core/post";

const TYPES: EntityType[] = ["person", "organization", "place"];

/** A post whose content lists `names`, with one Entity per listed name. */
export function syntheticPost(publication: string, names: readonly string[], id?: string): { post: Post; entities: Entity[] } {
  let content = "";
  const entities: Entity[] = [];
  names.forEach((name, i) => {
    if (content) content += ", ";
    const start = content.length;
    content += name;
    entities.push({ text: name, canonical: name, type: TYPES[i % 3]!, start, end: start + name.length });
  });
  content += ".";
  const post: Post = id === undefined ? { publication, content } : { publication, content, id };
  return { post, entities };
}

/** `n` posts over `pubs` publications, each mentioning `perPost` names from a pool of `vocab`. */
export function syntheticMessage(n: number, opts: { pubs?: number; perPost?: number; vocab?: number; ids?: boolean } = {}) {
  const { pubs = 3, perPost = 5, vocab = 50, ids = false } = opts;
  const items: Array<{ post: Post; entities: Entity[] }> = [];
  for (let i = 0; i < n; i++) {
    const names = Array.from({ length: perPost }, (_, k) => `Name${(i * 7 + k * 13) % vocab}`);
    items.push(syntheticPost(`Pub ${i % pubs}`, [...new Set(names)], ids ? `post-${i}` : undefined));
  }
  return items;
}
