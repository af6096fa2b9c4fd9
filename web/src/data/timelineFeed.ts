// A card's timeline (a publication's, or all publications'), kept live. While
// its countable years span at most MAX_LIVE_YEARS calendar years, it follows
// those year documents (one listener each) and hands on their days, added to
// the days the scope's own document holds (this year's: its listener brings them); beyond, the days
// would not fit the card anyway, and the per-year summary that listener
// carries is what it hands on (drawn as years or decades).
import type { Firestore } from "firebase/firestore";
import { countableRange, type Day, type Year } from "@newsroom/core/calendar";
import { timelineSource } from "../logic/timeline.ts";
import type { Scope } from "../logic/types.ts";
import { watchScopeDays, type Unsubscribe } from "./watch.ts";

/** Two calendar years: a card's days listeners, at most. */
export const MAX_LIVE_YEARS = 2;

export type TimelineData =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  /** `outside`: articles of impossible years, which no year document followed holds. */
  | { kind: "days"; days: Record<Day, number>; outside: number }
  | { kind: "years"; yearly: Record<Year, number> };

export type TimelineFeed = { update(yearly: Record<Year, number>, own: Record<Day, number>): void; stop(): void };

export function timelineFeed(db: Firestore, scope: Scope, show: (t: TimelineData) => void): TimelineFeed {
  /** The year documents followed ("2025,2026"), or null when none is. */
  let following: string | null = null;
  let unsubscribe: Unsubscribe | null = null;
  let days: Record<Day, number> | null = null;
  let own: Record<Day, number> = {};
  let outside = 0;
  const showDays = () => {
    if (!days) return;
    // A day may be in both: in the publication's document in its own year, and in its year document after.
    const all = { ...days };
    for (const [d, n] of Object.entries(own)) all[d] = (all[d] ?? 0) + n;
    show({ kind: "days", days: all, outside });
  };
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
    following = null;
    days = null;
  };
  return {
    update(yearly, ownDays) {
      const source = timelineSource(yearly, MAX_LIVE_YEARS, countableRange(Date.now()));
      if (source.kind === "years") {
        stop();
        return show({ kind: "years", yearly });
      }
      outside = source.outside;
      own = Object.fromEntries(Object.entries(ownDays).filter(([d]) => source.years.includes(d.slice(0, 4))));
      const wanted = source.years.join(",");
      if (wanted === following) {
        showDays(); // the same documents: their listeners keep the days live
        return;
      }
      stop();
      following = wanted;
      show({ kind: "loading" });
      unsubscribe = watchScopeDays(db, scope, source.years, {
        next: (latest) => {
          days = latest;
          showDays();
        },
        error: (err) => show({ kind: "error", message: err.message }),
      });
    },
    stop,
  };
}
