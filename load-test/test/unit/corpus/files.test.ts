import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ALL_THE_NEWS, filePosts, parseMapping, rowToPost } from "../../../src/corpus/files.ts";

const dir = mkdtempSync(path.join(tmpdir(), "load-test-files-"));
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("column mapping", () => {
  it("parses field=column pairs", () => {
    assert.deepEqual(parseMapping("content=body, publication = outlet"), { content: "body", publication: "outlet" });
  });
  it("rejects unknown fields and malformed pairs", () => {
    assert.throws(() => parseMapping("text=body"), /unknown post field "text"/);
    assert.throws(() => parseMapping("content"), /field=column/);
  });
  it("maps a row, keeping only http(s) URLs and normalising dates", () => {
    const row = { article: " Text ", publication: "Vox", title: "T", url: "ftp://x", date: "2016-12-09 18:31:00" };
    assert.deepEqual(rowToPost(row, ALL_THE_NEWS, 7), {
      ok: true,
      post: { publication: "Vox", content: "Text", id: "row-7", title: "T", publishedAt: "2016-12-09T18:31:00Z" },
    });
  });
  it("skips rows without publication or content, with the reason", () => {
    assert.deepEqual(rowToPost({ article: "x" }, ALL_THE_NEWS, 3), { ok: false, reason: "row 3: missing publication" });
    assert.deepEqual(rowToPost({ publication: "P", article: "  " }, ALL_THE_NEWS, 4), { ok: false, reason: "row 4: missing content" });
  });
});

describe("file sources", () => {
  it("streams an All the News CSV with quoted commas, quotes and newlines", async () => {
    const file = path.join(dir, "news.csv");
    writeFileSync(
      file,
      'date,year,month,day,author,title,article,url,section,publication\n' +
        '2016-12-09 18:31:00,2016,12,9,A,"Title, one","He said ""hi"".\nNew line.",https://x.org/1,,Vox\n' +
        '2017-01-01,2017,1,1,B,T2,,https://x.org/2,,Vox\n' +
        '2017-01-02,2017,1,2,C,T3,Short text.,https://x.org/3,,Reuters\n',
    );
    const skipped: string[] = [];
    const posts = await collect(filePosts({ format: "csv", path: file, mapping: ALL_THE_NEWS }, skipped));
    assert.deepEqual(posts.map((p) => [p.publication, p.content, p.title]), [
      ["Vox", 'He said "hi".\nNew line.', "Title, one"],
      ["Reuters", "Short text.", "T3"],
    ]);
    assert.deepEqual(skipped, ["row 2: missing content"]);
  });
  it("streams JSON Lines with a mapping, reporting bad lines", async () => {
    const file = path.join(dir, "posts.jsonl");
    writeFileSync(file, '{"outlet":"P","body":"one","id":"a"}\n\nnot json\n[1]\n{"outlet":"P","body":"two"}\n');
    const skipped: string[] = [];
    const posts = await collect(filePosts({ format: "jsonl", path: file, mapping: { publication: "outlet", content: "body" } }, skipped));
    assert.deepEqual(posts.map((p) => [p.content, p.id]), [["one", "a"], ["two", "row-5"]]);
    assert.deepEqual(skipped, ["line 3: not JSON", "line 4: not a JSON object"]);
  });
});
