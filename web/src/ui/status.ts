// Loading, empty and error states, one look for all.
import { h } from "./dom.ts";

export type StatusKind = "loading" | "empty" | "error" | "offline";

export function statusBox(kind: StatusKind, message: string, detail?: string): HTMLElement {
  return h(
    "div",
    { class: `status status-${kind}`, role: kind === "error" ? "alert" : "status", "data-status": kind },
    kind === "loading" ? h("span", { class: "spinner", "aria-hidden": "true" }) : null,
    h("span", {}, message),
    detail ? h("small", {}, detail) : null,
  );
}
