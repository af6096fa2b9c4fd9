// The read API as the suites call it: GET over real HTTP (API_URL), and the
// check every answer gets: it matches the OpenAPI document the API serves (the
// route's schema, or Error's), and stayed within the route's read budget.
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { ROUTES } from "@newsroom/core/api-schema";
import { required } from "./env.js";
import { request, type Answer } from "./ingest.js";

export type ApiAnswer = Answer & { reads: number };

export async function apiGet(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<ApiAnswer> {
  const a = await request(`${required("API_URL")}${path}`, method, headers);
  return { ...a, reads: Number(a.headers.get("x-firestore-reads") ?? 0) };
}

/** The served OpenAPI document, checked as valid 3.1, and a check of answers against it. */
export async function servedOpenApi(): Promise<{ document: any; conforms: (route: keyof typeof ROUTES, a: ApiAnswer) => void }> {
  const doc = await apiGet("/v1/openapi.json");
  assert.equal(doc.status, 200);
  const result = await new Validator().validate(doc.body);
  assert.ok(result.valid, `the OpenAPI document is valid 3.1: ${JSON.stringify(result.errors)}`);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc.body, "openapi");
  return {
    document: doc.body,
    conforms(route, a) {
      const name = a.status === 200 ? route : "Error";
      const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
      assert.ok(validate(a.body), `${route} ${a.status}: ${JSON.stringify(validate.errors)} for ${a.text.slice(0, 300)}`);
      assert.ok(a.reads <= ROUTES[route].maxReads, `${route}: ${a.reads} reads, budget ${ROUTES[route].maxReads}`);
    },
  };
}
