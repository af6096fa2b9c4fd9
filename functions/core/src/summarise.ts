// A post and its extracted mentions, reduced to what is stored: the article's
// id and day, and its distinct entities with their mentions, every string
// bounded after NFKC (STORED_LIMITS). Pure and deterministic.
import type { Entity } from "./nlp/extract.js";
import { entityId, entityKey, publicationDisplayName, publicationKey } from "./keys.js";
import { articleId, dayOf, instantOf, STORED_LIMITS, type Day, type EntityType } from "./firestore-schema.js";
import type { Post } from "./post.js";

export interface PostEntity {
  id: string;
  type: EntityType;
  word: string;
  mentions: number;
}

export interface PostSummary {
  /** Position in the message. */
  index: number;
  pubKey: string;
  /** Display name, bounded. */
  publication: string;
  clientId?: string;
  articleId: string;
  day: Day;
  at: Date;
  /** Distinct entities, ascending id. */
  entities: PostEntity[];
  /** Entities left out by the per-post caps (over-long words included). */
  truncated: boolean;
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

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // a high surrogate would be left alone
  return s.slice(0, end);
}

export function summarisePost(messageId: string, index: number, post: Post, mentions: readonly Entity[], receivedAt: Date): PostSummary {
  const pubKey = publicationKey(post.publication);
  const byId = new Map<string, { type: EntityType; forms: Map<string, number>; mentions: number }>();
  let truncated = false;
  for (const e of mentions) {
    const form = e.canonical.normalize("NFKC").trim().replace(/\s+/gu, " ");
    if (form.length > STORED_LIMITS.entityWordChars) {
      truncated = true; // a name this long is noise or an attack, not an entity
      continue;
    }
    if (entityKey(e.canonical) === "") continue;
    const id = entityId(e.type, e.canonical);
    let acc = byId.get(id);
    if (!acc) byId.set(id, (acc = { type: e.type, forms: new Map(), mentions: 0 }));
    acc.mentions += 1;
    acc.forms.set(form, (acc.forms.get(form) ?? 0) + 1);
  }
  // Keep the most mentioned within the caps, then store in id order.
  const ranked = [...byId].map(([id, a]) => ({ id, type: a.type, word: pickDisplayForm(a.forms), mentions: a.mentions }));
  ranked.sort((x, y) => y.mentions - x.mentions || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const kept: PostEntity[] = [];
  let bytes = 0;
  for (const e of ranked) {
    const b = Buffer.byteLength(e.word, "utf8");
    if (kept.length >= STORED_LIMITS.entitiesPerPost || bytes + b > STORED_LIMITS.entityWordBytesPerPost) {
      truncated = true;
      continue;
    }
    kept.push(e);
    bytes += b;
  }
  kept.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const summary: PostSummary = {
    index,
    pubKey,
    publication: cut(publicationDisplayName(post.publication), STORED_LIMITS.publicationNameChars),
    articleId: articleId(pubKey, post.id, messageId, index),
    day: dayOf(post.publishedAt, receivedAt),
    at: instantOf(post.publishedAt, receivedAt),
    entities: kept,
    truncated,
  };
  if (post.id !== undefined) summary.clientId = post.id;
  return summary;
}
