// Posts from the user's own files: JSON Lines, or CSV with a column mapping.
// Both stream, so multi-gigabyte dumps (All the News 2.0 is 2.7M rows) work.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import type { LoadPost } from "./types.ts";

export const POST_FIELDS = ["publication", "content", "title", "url", "publishedAt", "id"] as const;
export type PostField = (typeof POST_FIELDS)[number];
/** Post field -> column (CSV) or key (JSONL) in the file. */
export type ColumnMapping = Partial<Record<PostField, string>>;

/** The All the News 2.0 layout the original app replayed (date,year,month,day,author,title,article,url,section,publication). */
export const ALL_THE_NEWS: ColumnMapping = { publication: "publication", content: "article", title: "title", url: "url", publishedAt: "date" };

/** Parses "content=article,publication=outlet" into a mapping; unknown fields are an error. */
export function parseMapping(spec: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [field, column] = part.split("=").map((s) => s.trim());
    if (!field || !column) throw new Error(`mapping "${part}" must look like field=column`);
    if (!(POST_FIELDS as readonly string[]).includes(field)) {
      throw new Error(`unknown post field "${field}" in mapping; fields are ${POST_FIELDS.join(", ")}`);
    }
    mapping[field as PostField] = column;
  }
  return mapping;
}

export type RowOutcome = { ok: true; post: LoadPost } | { ok: false; reason: string };

/** One record (CSV row or JSON object) to a post; rows without publication or content are skipped with a reason. */
export function rowToPost(row: Record<string, unknown>, mapping: ColumnMapping, rowNumber: number): RowOutcome {
  const get = (field: PostField): string | undefined => {
    const value = row[mapping[field] ?? field];
    if (value === undefined || value === null) return undefined;
    const text = String(value).trim();
    return text === "" ? undefined : text;
  };
  const publication = get("publication");
  const content = get("content");
  if (!publication || !content) return { ok: false, reason: `row ${rowNumber}: missing ${!publication ? "publication" : "content"}` };
  const post: LoadPost = { publication, content, id: get("id") ?? `row-${rowNumber}` };
  const title = get("title");
  const url = get("url");
  const publishedAt = get("publishedAt");
  if (title) post.title = title;
  if (url && /^https?:\/\//i.test(url)) post.url = url;
  if (publishedAt) post.publishedAt = toIsoDate(publishedAt) ?? publishedAt;
  return { ok: true, post };
}

// "2016-12-09 18:31:00" (All the News) -> "2016-12-09T18:31:00Z"
function toIsoDate(value: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?/.exec(value);
  if (!m) return undefined;
  return m[2] ? `${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}Z` : m[1];
}

export type FileSource = { format: "jsonl" | "csv"; path: string; mapping: ColumnMapping };

/** Streams the posts of a file; `skipped` collects reasons for unusable rows. */
export async function* filePosts(source: FileSource, skipped: string[]): AsyncGenerator<LoadPost> {
  let rowNumber = 0;
  if (source.format === "jsonl") {
    const lines = createInterface({ input: createReadStream(source.path, "utf8"), crlfDelay: Infinity });
    for await (const line of lines) {
      rowNumber++;
      if (line.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        skipped.push(`line ${rowNumber}: not JSON`);
        continue;
      }
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        skipped.push(`line ${rowNumber}: not a JSON object`);
        continue;
      }
      const outcome = rowToPost(record as Record<string, unknown>, source.mapping, rowNumber);
      if (outcome.ok) yield outcome.post;
      else skipped.push(outcome.reason);
    }
    return;
  }
  const parser = createReadStream(source.path).pipe(parse({ columns: true, relax_column_count: true, bom: true }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    rowNumber++;
    const outcome = rowToPost(record, source.mapping, rowNumber);
    if (outcome.ok) yield outcome.post;
    else skipped.push(outcome.reason);
  }
}
