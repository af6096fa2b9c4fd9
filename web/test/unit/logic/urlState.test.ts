import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMPTY_VIEW, isDocumentId, isNavigation, listOf, panelScope, parseView, sameView, serialiseView, type ViewState } from "../../../src/logic/urlState.ts";

describe("view state in the URL", () => {
  it("reads every part, and the defaults when they are absent", () => {
    assert.deepEqual(parseView(""), EMPTY_VIEW);
    assert.deepEqual(parseView("?pub=the%20times&entity=abc&compare=daily&type=place&series=share"), {
      pub: "the times",
      entity: "abc",
      compare: "daily",
      type: "place",
      series: "share",
    });
  });

  it("drops the parts that make no sense, keeping the rest", () => {
    assert.deepEqual(parseView("?entity=abc&compare=x"), { ...EMPTY_VIEW, entity: "abc" }, "a comparison needs a publication; an entity without one is over all publications");
    assert.equal(parseView("?entity=a%2Fb").entity, null, "no slash in an entity id either");
    assert.equal(parseView("?pub=a&compare=a").compare, null, "not compared with itself");
    assert.equal(parseView("?pub=a%2Fb").pub, null, "no slash in a document id");
    assert.equal(parseView("?pub=..").pub, null);
    assert.equal(parseView(`?pub=${"x".repeat(1501)}`).pub, null);
    assert.equal(parseView("?pub=a&type=city").type, "all");
    assert.equal(parseView("?pub=a&series=bogus").series, "mentions");
    assert.equal(parseView("?day=2026-02-30").day, undefined, "not a day");
    assert.equal(parseView("?day=1705-08-15").day, "1705-08-15");
  });

  it("round-trips, percent-encoding ids", () => {
    const views: ViewState[] = [
      EMPTY_VIEW,
      { pub: "the times", entity: null, compare: null, type: "all", series: "mentions" },
      { pub: "a&b=c", entity: "e?1", compare: "100%", type: "organization", series: "share" },
      { pub: null, entity: "e 2", compare: null, type: "place", series: "share" },
      { pub: null, entity: null, compare: null, type: "all", series: "mentions", day: "1705-08-15" },
      { pub: null, entity: null, compare: null, type: "person", series: "mentions", list: "all" },
      { pub: null, entity: "e", compare: null, type: "all", series: "mentions", list: "all" },
    ];
    for (const v of views) assert.deepEqual(parseView(serialiseView(v)), v);
    assert.equal(serialiseView(EMPTY_VIEW), "");
    assert.equal(serialiseView(views[1]!), "?pub=the+times");
  });

  it("keeps the parameters it does not own (?firestore=) and replaces its own", () => {
    const search = "?firestore=127.0.0.1:8080&pub=old&entity=gone&debug=1";
    const out = serialiseView({ ...EMPTY_VIEW, pub: "new", type: "person" }, search);
    const q = new URLSearchParams(out);
    assert.equal(q.get("firestore"), "127.0.0.1:8080");
    assert.equal(q.get("debug"), "1");
    assert.equal(q.get("pub"), "new");
    assert.equal(q.get("entity"), null);
    assert.equal(q.get("type"), "person");
  });

  it("writes only what parses back (a comparison without a publication is left out)", () => {
    assert.equal(serialiseView({ ...EMPTY_VIEW, entity: "e", compare: "x" }), "?entity=e");
    assert.equal(serialiseView({ ...EMPTY_VIEW, compare: "x" }), "");
  });

  it("tells navigation (back button) from settings changed in place", () => {
    const a: ViewState = { ...EMPTY_VIEW, pub: "p" };
    assert.equal(isNavigation(a, { ...a, entity: "e" }), true);
    assert.equal(isNavigation(a, { ...a, compare: "q" }), true);
    assert.equal(isNavigation(a, { ...a, pub: "q" }), true);
    assert.equal(isNavigation(a, { ...a, type: "place" }), false);
    assert.equal(isNavigation(a, { ...a, series: "share" }), false);
    assert.equal(isNavigation(a, { ...a, day: "1705-08-15" }), false, "another day for the Rising panels");
    assert.equal(sameView(a, { ...a, day: "1705-08-15" }), false);
    assert.equal(sameView(a, { ...a }), true);
    assert.equal(sameView(a, { ...a, series: "share" }), false);
  });

  it("keeps all publications' ranked list apart from every publication key (?list=all, only without ?pub=)", () => {
    assert.deepEqual(parseView("?list=all"), { ...EMPTY_VIEW, list: "all" });
    assert.equal(parseView("?pub=all").list, undefined, "a publication named All is a publication");
    assert.deepEqual([parseView("?pub=p&list=all").pub, parseView("?pub=p&list=all").list], ["p", undefined], "a publication wins");
    assert.equal(parseView("?list=everything").list, undefined);
    assert.equal(serialiseView({ ...EMPTY_VIEW, pub: "p", list: "all" }), "?pub=p");
    assert.equal(serialiseView({ ...EMPTY_VIEW, entity: "e", list: "all" }), "?entity=e&list=all");
    assert.equal(isNavigation(EMPTY_VIEW, { ...EMPTY_VIEW, list: "all" }), true, "opening the list is a step back undoes");
    assert.equal(sameView(EMPTY_VIEW, { ...EMPTY_VIEW, list: "all" }), false);
  });

  it("opens a scope's list: a publication, or all publications", () => {
    assert.deepEqual(listOf(null), { pub: null, list: "all", entity: null, compare: null });
    assert.deepEqual(listOf("p"), { pub: "p", entity: null, compare: null });
    const from: ViewState = { ...EMPTY_VIEW, list: "all", entity: "e" };
    assert.equal(serialiseView({ ...from, ...listOf("p") }), "?pub=p", "a publication's list drops ?list=all");
    const inPublication: ViewState = { ...EMPTY_VIEW, pub: "p", entity: "e" };
    assert.equal(serialiseView({ ...inPublication, ...listOf(null) }), "?list=all");
  });

  it("tells whose ranking the side panel shows", () => {
    assert.equal(panelScope({ ...EMPTY_VIEW, pub: "p" }, null, "first"), "p");
    assert.equal(panelScope({ ...EMPTY_VIEW, list: "all" }, "p", "first"), null);
    assert.equal(panelScope({ ...EMPTY_VIEW, list: "all", entity: "e" }, "p", "first"), null);
    assert.equal(panelScope({ ...EMPTY_VIEW, entity: "e" }, null, "first"), null, "an entity over all publications leaves all publications' list");
    assert.equal(panelScope({ ...EMPTY_VIEW, entity: "e" }, "p", "first"), "p", "… and a publication's");
    assert.equal(panelScope({ ...EMPTY_VIEW, entity: "e" }, undefined, "first"), "first");
    assert.equal(panelScope(EMPTY_VIEW, null, "first"), "first", "nothing named: the publication with the most articles");
    assert.equal(panelScope(EMPTY_VIEW, undefined, undefined), undefined, "no publications yet");
  });

  it("checks document ids as Firestore does", () => {
    assert.equal(isDocumentId("ok id"), true);
    assert.equal(isDocumentId(""), false);
    assert.equal(isDocumentId(null), false);
    assert.equal(isDocumentId("é".repeat(750)), true, "1,500 bytes");
    assert.equal(isDocumentId("é".repeat(751)), false);
  });
});
