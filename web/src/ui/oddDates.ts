// The line under a chart that says how many counts fell on impossible days
// and were left out (finding 10); nothing when none were.
import type { DayRange } from "@newsroom/core/calendar";
import { oddDatesNote } from "../logic/timeline.ts";
import { h } from "./dom.ts";

export function oddDatesLine(count: number, one: string, many: string, range: DayRange): HTMLElement | null {
  const note = oddDatesNote(count, one, many, range);
  return note ? h("p", { class: "odd-dates", "data-role": "odd-dates", "data-count": count }, note) : null;
}
