// npm start -- --feeds: the demo's articles collected by the feed poller
// instead of POSTed. A local feed server (127.0.0.1 only) publishes each
// publication's State of the Union articles as an RSS feed with one page per
// article; the operator's admin route adds one source per publication; the
// stack's pollFeeds collects them, round after round as the server releases
// more, through the same validation, Pub/Sub messages and exactly-once commit
// as a POST. It ends when every publication's articleCount equals the
// articles its feed released, and holds still.
import type { Firestore } from "firebase-admin/firestore";
import type { CorpusArticle } from "newsroom-load-test/corpus/sotu";
import { countPost, type PublicationTally } from "newsroom-load-test/sender";
import { compareDays, daysAddUp, readArticleCounts, readPublicationDays, type DayCheck, type PublicationDays } from "newsroom-load-test/verify";
import { startFeedServer, corpusFeedPath } from "@newsroom/harness/feed-server";
import { pollFeedsNow } from "@newsroom/harness/scheduler";
import { table } from "@newsroom/harness/table";

/** Items a feed lists, and a round releases per publication (a feed parser reads at most 500). */
export const ROUND_ITEMS = 400;
/** Param values for the demo's stack: its feed server is ours, on loopback, so the pause between requests to it is short, and one poll takes a whole round. */
export const FEEDS_DEMO_PARAMS = { FEEDS_HOST_DELAY_MS: "10", FEEDS_ITEMS_PER_POLL: String(ROUND_ITEMS), FEEDS_SOURCES_PER_RUN: "500" };

/** `days`: the articles per day against the items' pubDates (on a fresh stack: nothing counted before). */
export type FeedsDemoResult = { pass: boolean; /** every publication's articleCount as its feed released */ counted: boolean; publications: string[]; expected: Map<string, number>; actual: Map<string, number>; days: DayCheck; seconds: number };

const slugOf = (name: string, taken: Set<string>) => {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "publication";
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  taken.add(slug);
  return slug;
};

/** An admin route with the operator's key; retried while the Functions emulator, busy with the pipeline, times it out (a 5xx or a text answer). */
async function admin(apiUrl: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const json = (() => {
      try {
        return text ? JSON.parse(text) : undefined;
      } catch {
        return undefined;
      }
    })();
    if ((res.status < 500 && (json !== undefined || text === "")) || attempt === 5) {
      if (json === undefined && text !== "") throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return { status: res.status, json };
    }
    await new Promise((r) => setTimeout(r, 2_000 * attempt));
  }
}

export async function runFeedsDemo(options: { articles: readonly CorpusArticle[]; apiUrl: string; apiKey: string; db: Firestore; log: (line: string) => void; timeoutMs: number }): Promise<FeedsDemoResult> {
  const started = Date.now();
  const byPublication = new Map<string, CorpusArticle[]>();
  for (const a of options.articles) byPublication.set(a.publication, [...(byPublication.get(a.publication) ?? []), a]);
  const taken = new Set<string>();
  const publications = [...byPublication.entries()].map(([name, articles]) => ({ name, slug: slugOf(name, taken), articles: articles.map((a) => ({ title: a.title, content: a.content, publishedAt: a.publishedAt })) }));
  // One listener per publication: each feed is a site of its own, polled in parallel.
  const server = await startFeedServer({ listeners: publications.length, corpus: { publications, perFeed: ROUND_ITEMS } });
  try {
    const expected = new Map(publications.map((p) => [p.name, p.articles.length]));
    server.release(ROUND_ITEMS);
    const ids: string[] = [];
    for (const [i, p] of publications.entries()) {
      const added = await admin(options.apiUrl, options.apiKey, "POST", "/v1/sources", { url: `${server.origins[i]}${corpusFeedPath(p.slug)}`, publication: p.name });
      if (added.status !== 201) throw new Error(`adding ${p.name}'s feed: ${added.status} ${JSON.stringify(added.json)}`);
      ids.push(added.json.source.id);
      options.log(`  source ${added.json.source.id}: ${p.name}, ${added.json.check.kind} with ${added.json.check.items} items`);
    }
    const total = options.articles.length;
    const deadline = started + options.timeoutMs;
    for (let round = 1, collected = 0, stalled = 0; ; round++) {
      // Due at once (resume), rather than at the interval the poller chose: the feed server has released more.
      for (const id of ids) await admin(options.apiUrl, options.apiKey, "PATCH", `/v1/sources/${id}`, { state: "active" });
      await pollFeedsNow();
      const sources = (await admin(options.apiUrl, options.apiKey, "GET", "/v1/sources")).json.sources as Array<{ id: string; itemsTotal: number; lastError: string | null }>;
      const mine = sources.filter((s) => ids.includes(s.id));
      const now = mine.reduce((n, s) => n + s.itemsTotal, 0);
      const released = Object.values(server.released()).reduce((a, b) => a + b, 0);
      options.log(`  round ${round}: ${now} of ${total} articles collected (${released} released)${mine.some((s) => s.lastError) ? `; errors: ${mine.map((s) => s.lastError).filter(Boolean).join("; ").slice(0, 300)}` : ""}`);
      if (now >= total) break;
      stalled = now === collected && released >= total ? stalled + 1 : 0;
      if (stalled >= 3) throw new Error(`collection stalled at ${now} of ${total} articles`);
      if (Date.now() > deadline) throw new Error(`not every article collected within ${options.timeoutMs / 1000} s`);
      collected = now;
      if (released < total) server.release(ROUND_ITEMS);
    }
    // The rollup folds the commits into the counts within its window.
    let actual = new Map<string, number>();
    let same = 0;
    while (Date.now() < deadline) {
      actual = await readArticleCounts(options.db, [...expected.keys()]);
      const done = [...expected].every(([p, n]) => actual.get(p) === n);
      same = done ? same + 1 : 0;
      if (same >= 6) break; // held still for 3 s: a late duplicate would have shown
      await new Promise((r) => setTimeout(r, 500));
    }
    const counted = [...expected].every(([p, n]) => actual.get(p) === n);
    // Each day's count as the feeds dated the items, and the days, years and totals in agreement.
    const sent = new Map<string, PublicationTally>();
    for (const a of options.articles) countPost(sent, a, "accepted");
    const stored = counted ? await readPublicationDays(options.db, [...expected.keys()]) : new Map<string, PublicationDays>();
    const days = compareDays(sent, new Map(), new Map([...stored].map(([p, d]) => [p, d.days])));
    days.mismatches.unshift(...[...stored].flatMap(([p, d]) => daysAddUp(p, d)));
    const pass = counted && days.mismatches.length === 0;
    options.log(
      table(
        ["publication", "articles in its feed", "counted"],
        [...expected].map(([p, n]) => [p, n, actual.get(p) ?? 0]),
        ["l", "r", "r"],
      ),
    );
    return { pass, counted, publications: [...expected.keys()], expected, actual, days, seconds: (Date.now() - started) / 1000 };
  } finally {
    await server.close();
  }
}
