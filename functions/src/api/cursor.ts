// Opaque page cursors: the sort key of the last item of a page, as base64url
// JSON. A client can forge one, but it only moves where a page starts: every
// value is checked for its type before it reaches a query.
export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

function decode(cursor: string, types: ReadonlyArray<"string" | "number">): Array<string | number> | undefined {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(values) || values.length !== types.length) return undefined;
    for (let i = 0; i < types.length; i++) {
      const v = values[i] as unknown;
      if (typeof v !== types[i] || (typeof v === "number" && !Number.isFinite(v)) || (typeof v === "string" && v.length > 600)) return undefined;
    }
    return values as Array<string | number>;
  } catch {
    return undefined;
  }
}

/** [sort value, document id] */
export function decodeValueId(cursor: string): [number, string] | undefined {
  return decode(cursor, ["number", "string"]) as [number, string] | undefined;
}

/** [sort value, document id, rank of that item] */
export function decodeValueIdRank(cursor: string): [number, string, number] | undefined {
  return decode(cursor, ["number", "string", "number"]) as [number, string, number] | undefined;
}
