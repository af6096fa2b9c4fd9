// The operator's Sources screen (?view=sources): every feed source the poller
// collects from, with its health, from the API's GET /v1/sources. The route
// takes the operator's key, so the screen asks for it (a password input),
// keeps it in this tab only (data/operatorKey.ts) and sends it in a header,
// never in the URL; a refused key is forgotten and asked for again. Sources
// are listed as ui/sourceCard.ts draws them, in logic/sources.ts's order.
import { ApiError } from "@newsroom/core/api-error";
import { api, isAbort } from "../data/api.ts";
import type { ApiSource } from "../data/api-types.ts";
import { operatorKey } from "../data/operatorKey.ts";
import { formatClock } from "../logic/freshness.ts";
import { keyRefusal, listSummary, NO_SOURCES, orderSources } from "../logic/sources.ts";
import { h } from "../ui/dom.ts";
import { sourceCard } from "../ui/sourceCard.ts";
import { statusBox } from "../ui/status.ts";

export type SourcesView = {
  /** Shows the screen and (re)loads the list; `focus`: the reader asked for it, so focus moves to its title. */
  show(focus: boolean): void;
  hide(): void;
};

type ViewState = "no-key" | "loading" | "data" | "empty" | "denied" | "error";

export function sourcesView(root: HTMLElement): SourcesView {
  /** In memory as well, for when sessionStorage refuses to keep it. */
  let key: string | null = operatorKey.get();
  let inFlight: AbortController | null = null;
  let shown = false;

  const title = h("h2", { id: "sources-title", tabindex: -1, "data-role": "sources-title" }, "Feed sources");
  const sub = h("p", { class: "sources-sub" }, "The feeds and sitemaps the poller collects articles from, and how each is doing. For the operator: listing them takes the operator's key.");
  const refresh = h("button", { type: "button", "data-action": "refresh-sources" }, "Refresh");
  const forget = h("button", { type: "button", "data-action": "forget-key" }, "Forget key");
  const message = h("div", { class: "sources-message", "data-role": "sources-message", "aria-live": "polite" });

  const input = h("input", { id: "operator-key", type: "password", name: "operator-key", autocomplete: "off", spellcheck: "false", "data-role": "operator-key" });
  const form = h(
    "form",
    { class: "key-form", "data-role": "key-form", novalidate: true },
    h("label", { for: "operator-key" }, "Operator key"),
    h("div", { class: "search-row" }, input, h("button", { type: "submit", "data-action": "use-key" }, "Show sources")),
    h("small", {}, "Kept in this tab only (session storage) until you forget it or close the tab; never in the address."),
  );
  const summary = h("p", { class: "sources-summary", "data-role": "sources-summary" });
  const list = h("div", { class: "sources-list", "data-role": "sources-list" });

  root.replaceChildren(h("header", { class: "focus-head" }, h("div", {}, title, sub), h("div", { class: "actions" }, refresh, forget)), message, form, summary, list);

  function setState(state: ViewState): void {
    root.dataset.state = state;
    const hasKey = key !== null;
    form.hidden = hasKey;
    forget.hidden = !hasKey;
    refresh.hidden = !hasKey;
    root.setAttribute("aria-busy", String(state === "loading"));
  }

  function askForKey(focus: boolean, status: HTMLElement | null, state: ViewState = "no-key"): void {
    inFlight?.abort();
    key = null;
    summary.replaceChildren();
    list.replaceChildren();
    message.replaceChildren(...(status ? [status] : []));
    setState(state);
    if (focus) input.focus();
  }

  function render(sources: readonly ApiSource[]): void {
    const now = Date.now();
    if (sources.length === 0) {
      summary.replaceChildren();
      list.replaceChildren();
      message.replaceChildren(
        h("div", { class: "status status-empty", role: "status", "data-status": "empty" }, h("span", {}, NO_SOURCES.message, " ", h("code", {}, NO_SOURCES.command))),
      );
      return setState("empty");
    }
    message.replaceChildren();
    summary.textContent = `${listSummary(sources)}. As of ${formatClock(now, now)}.`;
    list.replaceChildren(...orderSources(sources).map((s) => sourceCard(s, now)));
    setState("data");
  }

  async function load(): Promise<void> {
    if (key === null) return askForKey(false, null);
    inFlight?.abort();
    const abort = new AbortController();
    inFlight = abort;
    // A list on screen stays there (busy) until the new one comes.
    if (list.childElementCount === 0) message.replaceChildren(statusBox("loading", "Loading the sources…"));
    setState("loading");
    try {
      const answer = await api.sources(key, abort.signal);
      if (abort.signal.aborted) return;
      render(answer.sources);
    } catch (err) {
      if (isAbort(err) || abort.signal.aborted) return;
      const refusal = err instanceof ApiError ? keyRefusal(err.status) : null;
      if (refusal !== null) {
        operatorKey.forget();
        askForKey(shown, statusBox("error", refusal, `The API said: “${(err as Error).message}”. Enter the key again.`), "denied");
        return;
      }
      summary.replaceChildren();
      list.replaceChildren();
      message.replaceChildren(statusBox("error", "Could not load the sources", (err as Error).message));
      setState("error");
    } finally {
      if (inFlight === abort) inFlight = null;
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = input.value.trim();
    if (value === "") {
      message.replaceChildren(statusBox("error", "Enter the operator's key."));
      input.focus();
      return;
    }
    input.value = "";
    key = value;
    operatorKey.set(value);
    void load();
  });
  refresh.addEventListener("click", () => void load());
  forget.addEventListener("click", () => {
    operatorKey.forget();
    askForKey(true, statusBox("empty", "Key forgotten.", "Enter it again to list the sources."));
  });

  setState(key === null ? "no-key" : "loading");
  root.hidden = true;

  return {
    show(focus) {
      const wasShown = shown;
      shown = true;
      root.hidden = false;
      // Every visit asks again (the answers are never cached); a visible screen keeps its list until Refresh.
      if (!wasShown) void load();
      if (focus) (key === null ? input : title).focus();
    },
    hide() {
      shown = false;
      root.hidden = true;
      inFlight?.abort();
    },
  };
}
