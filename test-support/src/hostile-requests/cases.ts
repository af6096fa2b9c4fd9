// The generator: every hostile case as data, deterministic for given options.
// The groups run in a fixed order: case ids and wrong keys depend on it.
import { keyBeforeBodyCases, keyCases } from "./auth.js";
import { fieldCases, malformedBodyCases } from "./bodies.js";
import { caseBuilder } from "./builder.js";
import { byteCases, prototypeCases } from "./encoding.js";
import { framingCases, headerCases, mediaTypeCases, methodCases, pathCases } from "./http.js";
import { nestingCases, sizeCases } from "./sizes.js";
import type { HostileOptions, HostileSet } from "./types.js";

const GROUPS = [
  keyCases, keyBeforeBodyCases, malformedBodyCases, fieldCases, sizeCases, nestingCases, byteCases, prototypeCases,
  mediaTypeCases, headerCases, methodCases, pathCases, framingCases,
];

export function hostileCases(options: HostileOptions): HostileSet {
  const { builder, cases, secrets } = caseBuilder(options);
  for (const group of GROUPS) group(builder);
  if (cases.some((c) => c.expect.some((s) => s < 400 || s > 499))) throw new Error("every hostile case must expect a 4xx");
  return { cases, secrets: [...secrets] };
}
