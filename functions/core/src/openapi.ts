// The OpenAPI 3.1 document of the read API, built from the zod schemas the
// handlers validate with (api-schema.ts), so the two cannot drift apart.
import { z } from "zod";
import { R, ROUTES, type RouteSpec } from "./api-schema.js";
import { ADMIN_ROUTES, type AdminRouteSpec } from "./admin-schema.js";

type Json = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: "input" | "output"): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as Json;
  return rest;
};

function parameters(route: Pick<RouteSpec, "params"> & { query?: RouteSpec["query"] }): Json[] {
  const params: Json[] = [];
  for (const [where, schema] of [["path", route.params], ["query", route.query ?? z.object({})]] as const) {
    const s = schemaOf(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(s.properties ?? {})) {
      const { description, ...rest } = property;
      params.push({ name, in: where, required: where === "path" || (s.required?.includes(name) ?? false), schema: rest, ...(description ? { description } : {}) });
    }
  }
  return params;
}

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

export function openApiDocument(): Json {
  const paths: Json = {};
  for (const [name, route] of Object.entries(ROUTES) as Array<[string, RouteSpec]>) {
    const ok: Json = { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } };
    if (route.csv) ok["text/csv"] = { schema: { type: "string" } };
    paths[route.path] = {
      get: {
        operationId: name,
        summary: route.summary,
        description: `At most ${route.maxReads} Firestore reads.`,
        parameters: parameters(route),
        responses: {
          "200": { description: "OK", headers: { ETag: { schema: { type: "string" } }, "Cache-Control": { schema: { type: "string" } } }, content: ok },
          "304": { description: "Not modified (If-None-Match)" },
          "400": error("Invalid parameters (an unknown or repeated one, a value out of range, a cursor of another route or query)"),
          "404": error("No such publication or entity (an id of the wrong form names none)"),
        },
      },
    };
  }
  const schemas: Json = { Error: schemaOf(R.error, "output") };
  for (const [name, route] of Object.entries(ROUTES) as Array<[string, RouteSpec]>) schemas[name] = schemaOf(route.answer, "output");
  for (const [name, route] of Object.entries(ADMIN_ROUTES) as Array<[string, AdminRouteSpec]>) {
    const operations = (paths[route.path] ??= {}) as Json;
    operations[route.method] = adminOperation(name, route);
    if (route.answer) schemas[name] = schemaOf(route.answer, "output");
    if (route.body) schemas[`${name}Body`] = schemaOf(route.body, "input");
  }
  return {
    openapi: "3.1.0",
    info: { title: "newsroom read API", version: "1.0.0", description: "Who is mentioned, where, when and in which articles. Public, read-only, cached; the /v1/sources routes are the operator's, with the operator's key." },
    paths: { ...paths, "/v1/openapi.json": { get: { operationId: "openapi", summary: "This document", responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } } } } },
    components: { schemas, securitySchemes: { operatorKey: { type: "http", scheme: "bearer", description: "The operator's key (INGEST_API_KEY)" } } },
  };
}

function adminOperation(name: string, route: AdminRouteSpec): Json {
  const responses: Json = {
    "401": error("No key"),
    "403": error("Not the operator's key"),
    ...(route.params.shape.id ? { "404": error("No such source") } : {}),
  };
  responses[String(route.status)] = route.answer
    ? { description: "OK", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } }
    : { description: "Done, no body" };
  if (route.body) {
    responses["400"] = error("An invalid body");
    if (route.method === "post") {
      responses["409"] = error("The publication already has that source");
      responses["422"] = error("The URL was checked and is not a feed or sitemap it can collect from (the message says why)");
    }
  }
  return {
    operationId: name,
    summary: route.summary,
    description: `Operator only. Never cached. At most ${route.maxReads} Firestore reads.`,
    security: [{ operatorKey: [] }],
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Body` } } } } } : {}),
    responses,
  };
}
