import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fetchSize, firstPage, next, prev, reconcile, toPage, type PagingState } from "../../../src/logic/paging.ts";
import { rankEntities } from "../../../src/logic/ranking.ts";
import type { Entity } from "../../../src/logic/types.ts";

// 25 entities, with ties in count, in ranking order.
const all: Entity[] = rankEntities(
  Array.from({ length: 25 }, (_, i) => ({ id: `id${String(i).padStart(2, "0")}`, word: `w${i}`, type: "place" as const, count: 50 - 2 * Math.floor(i / 2), articles: 1 })),
);

/** What Firestore returns for the request: the same cursor semantics, over a sorted array. */
function serve(state: PagingState, data: Entity[] = all): Entity[] {
  const r = state.request;
  const n = fetchSize(state);
  if (r.kind === "first") return data.slice(0, n);
  const at = data.findIndex((x) => x.count === r.cursor.count && x.id === r.cursor.id);
  assert.ok(at >= 0, "cursor document exists");
  return r.kind === "after" ? data.slice(at + 1, at + 1 + n) : data.slice(Math.max(0, at - n), at);
}

describe("paging", () => {
  it("asks for one more document than a page", () => {
    assert.equal(fetchSize(firstPage(10)), 11);
    assert.throws(() => firstPage(0), RangeError);
  });

  it("walks forward to the end and back to the start, page by page, with the right items", () => {
    let state = firstPage(10);
    const seen: string[][] = [];
    for (;;) {
      const page = toPage(state, serve(state));
      seen.push(page.items.map((x) => x.id));
      assert.equal(page.hasPrev, state.pageIndex > 0);
      if (!page.hasNext) break;
      state = next(state, page);
    }
    assert.deepEqual(seen, [all.slice(0, 10), all.slice(10, 20), all.slice(20)].map((p) => p.map((x) => x.id)));
    assert.equal(state.pageIndex, 2);
    assert.deepEqual(state.request, { kind: "after", cursor: { count: all[19]!.count, id: all[19]!.id } });

    // Back from page 3: endBefore its first item.
    let page = toPage(state, serve(state));
    state = prev(state, page);
    assert.deepEqual(state.request, { kind: "before", cursor: { count: all[20]!.count, id: all[20]!.id } });
    page = toPage(state, serve(state));
    assert.deepEqual(page.items.map((x) => x.id), all.slice(10, 20).map((x) => x.id));
    assert.equal(page.hasPrev, true);
    assert.equal(page.hasNext, true);
    assert.equal(reconcile(state, serve(state)), null);
    // Back to page 1 is the plain first query, so new leaders show up live.
    state = prev(state, page);
    assert.deepEqual(state, firstPage(10));
    assert.deepEqual(prev(state, toPage(state, serve(state))), state, "no page before the first");
  });

  it("does not move past the last page", () => {
    const state: PagingState = { pageSize: 10, pageIndex: 2, request: { kind: "after", cursor: { count: all[19]!.count, id: all[19]!.id } } };
    const page = toPage(state, serve(state));
    assert.equal(page.hasNext, false);
    assert.equal(page.items.length, 5);
    assert.deepEqual(next(state, page), state);
  });

  it("going back finds fewer than a page before the cursor (entities moved up): reset to the first page", () => {
    const state: PagingState = { pageSize: 10, pageIndex: 1, request: { kind: "before", cursor: { count: all[7]!.count, id: all[7]!.id } } };
    const docs = serve(state);
    assert.equal(docs.length, 7);
    assert.deepEqual(reconcile(state, docs), firstPage(10));
    assert.equal(reconcile(firstPage(10), []), null);
  });

  it("an empty collection is one empty page with no neighbours", () => {
    const state = firstPage(10);
    const page = toPage(state, serve(state, []));
    assert.deepEqual(page, { items: [], hasPrev: false, hasNext: false, pageIndex: 0 });
    assert.deepEqual(next(state, page), state);
  });
});
