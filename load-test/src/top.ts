// The most-mentioned entities of each publication, read back from Firestore.
import type { Firestore } from "firebase-admin/firestore";
import { publicationKey } from "@newsroom/core/keys";
import { table } from "@newsroom/harness/table";

/** `years`: the first and last year the publication's per-year summary counts articles in. */
export type TopEntities = { publication: string; articleCount: number; years?: [string, string]; top: Array<{ word: string; type: string; count: number; articles: number }> };

export async function topEntities(db: Firestore, publications: readonly string[], n: number): Promise<TopEntities[]> {
  const out: TopEntities[] = [];
  for (const publication of publications) {
    const ref = db.collection("publications").doc(publicationKey(publication));
    const [doc, ents] = await Promise.all([ref.get(), ref.collection("ents").orderBy("count", "desc").limit(n).get()]);
    out.push({
      publication: String(doc.get("name") ?? publication),
      articleCount: Number(doc.get("articleCount") ?? 0),
      ...yearSpan((doc.get("yearly") ?? {}) as Record<string, number>),
      top: ents.docs.map((d) => ({ word: String(d.get("word")), type: String(d.get("type")), count: Number(d.get("count")), articles: Number(d.get("articles")) })),
    });
  }
  return out.sort((a, b) => b.articleCount - a.articleCount || a.publication.localeCompare(b.publication));
}

function yearSpan(yearly: Record<string, number>): { years?: [string, string] } {
  const years = Object.keys(yearly).filter((y) => yearly[y]! > 0).sort();
  return years.length > 0 ? { years: [years[0]!, years.at(-1)!] } : {};
}

export function formatTopEntities(all: readonly TopEntities[]): string {
  return all
    .map((p) => {
      const rows = p.top.map((e, i) => [i + 1, e.word, e.type, e.count, e.articles]);
      const span = p.years ? (p.years[0] === p.years[1] ? `, ${p.years[0]}` : `, ${p.years[0]} to ${p.years[1]}`) : "";
      return `${p.publication}: ${p.articleCount} article${p.articleCount === 1 ? "" : "s"}${span}\n${table(["#", "entity", "type", "mentions", "articles"], rows, ["r", "l", "l", "r", "r"])}`;
    })
    .join("\n\n");
}
