// Search the selected publication's entities by the start of their name (the
// read API's /v1/search), as you type. Results are links to the entity view.
// The API searches one publication: over all publications the box is
// disabled and says where to search instead.
import { api, isAbort } from "../data/api.ts";
import { TYPE_LABELS } from "../logic/colours.ts";
import { formatCount } from "../logic/format.ts";
import type { Scope, TypeFilter } from "../logic/types.ts";
import { h } from "./dom.ts";
import { entityLink } from "./links.ts";
import { statusBox } from "./status.ts";

/** `scope`: the publication searched; all publications (null) or none yet (undefined) disable the box. */
export type SearchBox = { setScope(scope: Scope | undefined, pubName: string, type: TypeFilter): void };

const DEBOUNCE_MS = 250;
const LIMIT = 10;
const TYPE_PLURAL: Record<TypeFilter, string> = { all: "entities", person: "people", organization: "organisations", place: "places" };

export function searchBox(root: HTMLElement): SearchBox {
  const label = h("label", { for: "search-input" }, "Search entities");
  const input = h("input", { id: "search-input", type: "search", name: "q", autocomplete: "off", spellcheck: "false", maxlength: 64, placeholder: "Name starts with…" });
  const submit = h("button", { type: "submit" }, "Search");
  const results = h("div", { class: "search-results", "data-role": "search-results", "aria-live": "polite" });
  const form = h("form", { role: "search", class: "search-form" }, label, h("div", { class: "search-row" }, input, submit));
  const note = h("p", { class: "search-note", id: "search-note", "data-role": "scope-note", hidden: true }, "Search and comparisons work within one publication: open a publication's ranked list to use them.");
  input.setAttribute("aria-describedby", note.id);
  root.replaceChildren(form, note, results);
  let scope: { pub: string | null; name: string; type: TypeFilter } = { pub: null, name: "", type: "all" };
  let timer = 0;
  let inflight: AbortController | null = null;

  async function run(): Promise<void> {
    window.clearTimeout(timer);
    inflight?.abort();
    const q = input.value.trim();
    const { pub, type } = scope;
    if (!pub || q === "") {
      results.dataset.state = "idle";
      return results.replaceChildren();
    }
    const abort = new AbortController();
    inflight = abort;
    results.dataset.state = "loading";
    try {
      const answer = await api.search(pub, q, type, LIMIT, abort.signal);
      if (abort.signal.aborted) return;
      results.dataset.state = "data";
      if (answer.entities.length === 0) return results.replaceChildren(statusBox("empty", `No ${TYPE_PLURAL[type]} in ${scope.name} start with “${q}”.`));
      results.replaceChildren(
        h("p", { class: "sr-only" }, `${answer.entities.length} result${answer.entities.length === 1 ? "" : "s"}`),
        h(
          "ul",
          { class: "search-list" },
          ...answer.entities.map((e) =>
            h(
              "li",
              { "data-entity-id": e.id },
              entityLink(pub, e.id, h("span", { class: "word" }, e.word)),
              " ",
              h("span", { class: `type type-${e.type}` }, TYPE_LABELS[e.type]),
              h("span", { class: "count" }, formatCount(e.mentions)),
            ),
          ),
        ),
      );
    } catch (err) {
      if (isAbort(err)) return;
      results.dataset.state = "error";
      results.replaceChildren(statusBox("error", "Search failed", (err as Error).message));
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void run();
  });

  return {
    setScope(to, pubName, type) {
      note.hidden = to !== null;
      const pub = to ?? null;
      const changed = pub !== scope.pub || type !== scope.type;
      scope = { pub, name: pubName, type };
      label.textContent = pub ? `Search ${TYPE_PLURAL[type]} in ${pubName}` : "Search entities";
      input.disabled = submit.disabled = pub === null;
      if (changed) void run();
    },
  };
}
