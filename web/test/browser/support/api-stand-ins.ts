// Two answers of the read API are changing in parallel with the dashboard
// (issue 19), and the browser tests must pass before and after they land:
//   - GET /v1/status is new: the dashboard polls it for the newest article's
//     receipt, as articles are no longer readable from Firestore (finding 12).
//     While the stack's API answers 404 for it, the request is answered here
//     from the emulator, in the route's described shape.
//   - the entity route gains `years` (the whole history) and its `series`
//     covers the 10 most recent years with data. While the API answers
//     without `years`, a page's answer is completed here as described, from
//     the answer's own daily series (which, before the change, covers every day).
// Once the API serves them, its own answers pass through untouched; then this
// file can go.
import type { BrowserContext, Page, Route } from "playwright-core";
import { Timestamp } from "firebase-admin/firestore";
import { paths, type RollupFailure } from "@newsroom/core/layout";
import { db } from "./seed.ts";

const noted = new Set<string>();
const note = (text: string) => {
  if (!noted.has(text)) console.log(`# ${text}`);
  noted.add(text);
};

/** Runs a route's handler; a page that polls may close while its request is in flight, which is no failure. */
function whileOpen(handle: (route: Route) => Promise<void>): (route: Route) => Promise<void> {
  return async (route) => {
    try {
      await handle(route);
    } catch (err) {
      if (!/disposed|closed/i.test((err as Error).message)) throw err;
    }
  };
}

export async function answerStatusUntilServed(context: BrowserContext): Promise<void> {
  await context.route(
    "**/api/v1/status",
    whileOpen(async (route) => {
      const served = await route.fetch();
      if (served.status() !== 404) return route.fulfill({ response: served });
      note("the read API has no /v1/status yet: the browser tests answer it from the emulator");
      await route.fulfill({ json: await statusFromEmulator() });
    }),
  );
}

const iso = (v: unknown): string | null => (v instanceof Timestamp ? v.toDate().toISOString() : typeof v === "number" ? new Date(v).toISOString() : null);

async function statusFromEmulator() {
  const [status, newest] = await Promise.all([db().doc(paths.rollupStatus()).get(), db().collection("articles").orderBy("receivedAt", "desc").limit(1).get()]);
  const failures = (status.get("failures") as RollupFailure[] | undefined) ?? [];
  return {
    completeThrough: iso(status.get("completeThrough")),
    appliedThrough: iso(status.get("appliedThrough")),
    appliedAt: iso(status.get("appliedAt")),
    windowSeconds: (status.get("windowSeconds") as number | undefined) ?? null,
    failures: failures.map((f) => ({ windowEnd: iso(f.windowEnd), range: f.range, items: f.items, reason: f.reason, at: iso(f.at) })),
    newestArticleReceivedAt: iso(newest.docs[0]?.get("receivedAt")),
  };
}

type Point = { day: string; mentions: number; articles: number; publicationArticles: number };
type YearPoint = { year: string; mentions: number; articles: number; publicationArticles: number };

/** The described entity answer from the API's answer before the change. */
function describedEntityAnswer<A extends { series: Point[] }>(answer: A): A & { years: YearPoint[] } {
  const years = new Map<string, YearPoint>();
  for (const p of answer.series) {
    const year = p.day.slice(0, 4);
    const y = years.get(year) ?? { year, mentions: 0, articles: 0, publicationArticles: 0 };
    years.set(year, { year, mentions: y.mentions + p.mentions, articles: y.articles + p.articles, publicationArticles: y.publicationArticles + p.publicationArticles });
  }
  const recent = new Set([...years.values()].filter((y) => y.mentions > 0).map((y) => y.year).sort().slice(-10));
  return { ...answer, series: answer.series.filter((p) => recent.has(p.day.slice(0, 4))), years: [...years.values()].sort((a, b) => (a.year < b.year ? -1 : 1)) };
}

export async function answerEntityYearsUntilServed(page: Page): Promise<void> {
  // An entity's own route: /publications/{pub}/entities/{id}, not its /articles or /elsewhere.
  await page.route(
    /\/api\/v1\/publications\/[^/?]+\/entities\/[^/?]+(\?.*)?$/,
    whileOpen(async (route) => {
      const served = await route.fetch();
      const body = served.ok() ? ((await served.json()) as { series?: Point[]; years?: unknown }) : null;
      if (body === null || "years" in body || !Array.isArray(body.series)) return route.fulfill({ response: served });
      note("the read API does not answer `years` yet: the entity route's answer is completed as described");
      await route.fulfill({ response: served, json: describedEntityAnswer(body as { series: Point[] }) });
    }),
  );
}
