// The most-mentioned entities of each publication, read back from Firestore.
import type { Firestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { table } from "@newsroom/harness/table";

export type TopEntities = { publication: string; articleCount: number; top: Array<{ word: string; type: string; count: number; articles: number }> };

export async function topEntities(db: Firestore, publications: readonly string[], n: number): Promise<TopEntities[]> {
  const out: TopEntities[] = [];
  for (const publication of publications) {
    const ref = db.collection("publications").doc(publicationKey(publication));
    const [doc, ents] = await Promise.all([ref.get(), ref.collection("ents").orderBy("count", "desc").limit(n).get()]);
    out.push({
      publication: String(doc.get("name") ?? publication),
      articleCount: Number(doc.get("articleCount") ?? 0),
      top: ents.docs.map((d) => ({ word: String(d.get("word")), type: String(d.get("type")), count: Number(d.get("count")), articles: Number(d.get("articles")) })),
    });
  }
  return out.sort((a, b) => b.articleCount - a.articleCount || a.publication.localeCompare(b.publication));
}

export function formatTopEntities(all: readonly TopEntities[]): string {
  return all
    .map((p) => {
      const rows = p.top.map((e, i) => [i + 1, e.word, e.type, e.count, e.articles]);
      return `${p.publication}: ${p.articleCount} article${p.articleCount === 1 ? "" : "s"}\n${table(["#", "entity", "type", "mentions", "articles"], rows, ["r", "l", "l", "r", "r"])}`;
    })
    .join("\n\n");
}
