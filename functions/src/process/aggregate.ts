// Aggregation of posts and their extracted entities into per-publication
// counters. Pure: no I/O, no clock, deterministic.
//
// Per publication: articleCount += posts.
// Per entity (type + normalised canonical form): count += mentions,
// articles += posts that mention it. Every entity is kept (no top-N cut).
// Display forms (publication name, entity word) are chosen deterministically:
// the most frequent form, ties broken by the smallest string in code-unit order.
import type { Entity, EntityType } from "../nlp/extract.js";
import type { Post } from "../shared/post.js";
import { clientIdKey, entityId, entityKey, publicationDisplayName, publicationKey } from "./keys.js";

/** One distinct entity of one post. */
export interface PostEntity {
  id: string;
  type: EntityType;
  /** Display forms (trimmed canonical) with their mention counts. */
  forms: ReadonlyMap<string, number>;
  mentions: number;
}

/** A post reduced to what counting needs. */
export interface PostUnit {
  /** Position of the post in its message. */
  index: number;
  pubKey: string;
  publication: string;
  /** `clientIds/{clientKey}` when the post carries a client id. */
  clientKey?: string;
  /** Distinct entities, sorted by id. */
  entities: readonly PostEntity[];
}

/** A post, or a slice of a very large post's entities (see chunk.ts). */
export interface Part {
  unit: PostUnit;
  /** Entity slice [from, to) of unit.entities. */
  from: number;
  to: number;
  /** True for the part that counts the article (the first part of a post). */
  head: boolean;
}

export interface EntityAggregate {
  id: string;
  word: string;
  type: EntityType;
  count: number;
  articles: number;
}

export interface PublicationAggregate {
  pubKey: string;
  name: string;
  articleCount: number;
  /** Keyed by entity id, in ascending id order. */
  ents: Map<string, EntityAggregate>;
}

function addForm(forms: Map<string, number>, form: string, n: number): void {
  forms.set(form, (forms.get(form) ?? 0) + n);
}

/** Most frequent form; ties go to the smallest string (code-unit order). */
export function pickDisplayForm(forms: ReadonlyMap<string, number>): string {
  let best: string | undefined;
  let bestN = -1;
  for (const [form, n] of forms) {
    if (n > bestN || (n === bestN && best !== undefined && form < best)) {
      best = form;
      bestN = n;
    }
  }
  if (best === undefined) throw new Error("pickDisplayForm: no forms");
  return best;
}

/** Reduces one post and its extracted entities to a PostUnit. */
export function summarisePost(index: number, post: Post, entities: readonly Entity[]): PostUnit {
  const pubKey = publicationKey(post.publication);
  const byId = new Map<string, { type: EntityType; forms: Map<string, number>; mentions: number }>();
  for (const e of entities) {
    if (entityKey(e.canonical) === "") continue;
    const id = entityId(e.type, e.canonical);
    let acc = byId.get(id);
    if (!acc) byId.set(id, (acc = { type: e.type, forms: new Map(), mentions: 0 }));
    acc.mentions += 1;
    addForm(acc.forms, e.canonical.normalize("NFKC").trim().replace(/\s+/gu, " "), 1);
  }
  const ids = [...byId.keys()].sort();
  const unit: PostUnit = {
    index,
    pubKey,
    publication: publicationDisplayName(post.publication),
    entities: ids.map((id) => {
      const a = byId.get(id)!;
      return { id, type: a.type, forms: a.forms, mentions: a.mentions };
    }),
  };
  if (post.id !== undefined) unit.clientKey = clientIdKey(pubKey, post.id);
  return unit;
}

/** Whole-post parts for a list of units. */
export function wholeParts(units: readonly PostUnit[]): Part[] {
  return units.map((unit) => ({ unit, from: 0, to: unit.entities.length, head: true }));
}

/** Aggregates parts into per-publication counters, publications in ascending key order. */
export function aggregate(parts: readonly Part[]): Map<string, PublicationAggregate> {
  type EntAcc = { type: EntityType; forms: Map<string, number>; count: number; articles: number };
  type PubAcc = { names: Map<string, number>; articleCount: number; ents: Map<string, EntAcc> };
  const pubs = new Map<string, PubAcc>();
  for (const { unit, from, to, head } of parts) {
    let pub = pubs.get(unit.pubKey);
    if (!pub) pubs.set(unit.pubKey, (pub = { names: new Map(), articleCount: 0, ents: new Map() }));
    if (head) {
      pub.articleCount += 1;
      addForm(pub.names, unit.publication, 1);
    }
    for (let i = from; i < to; i++) {
      const e = unit.entities[i]!;
      let acc = pub.ents.get(e.id);
      if (!acc) pub.ents.set(e.id, (acc = { type: e.type, forms: new Map(), count: 0, articles: 0 }));
      acc.count += e.mentions;
      acc.articles += 1;
      for (const [form, n] of e.forms) addForm(acc.forms, form, n);
    }
    // A tail part still names its publication, for a display name if no head is present.
    if (!head && pub.names.size === 0) addForm(pub.names, unit.publication, 0);
  }
  const out = new Map<string, PublicationAggregate>();
  for (const pubKey of [...pubs.keys()].sort()) {
    const p = pubs.get(pubKey)!;
    const ents = new Map<string, EntityAggregate>();
    for (const id of [...p.ents.keys()].sort()) {
      const e = p.ents.get(id)!;
      ents.set(id, { id, word: pickDisplayForm(e.forms), type: e.type, count: e.count, articles: e.articles });
    }
    out.set(pubKey, { pubKey, name: pickDisplayForm(p.names), articleCount: p.articleCount, ents });
  }
  return out;
}

/** Convenience for whole posts: summarise then aggregate. */
export function aggregatePosts(
  items: ReadonlyArray<{ post: Post; entities: readonly Entity[] }>,
): Map<string, PublicationAggregate> {
  return aggregate(wholeParts(items.map((it, i) => summarisePost(i, it.post, it.entities))));
}
