import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { V1_ROUTES } from "@/lib/api/v1-routes";
import { PROBLEMS } from "@/lib/server/api-route";
import { z } from "zod";
import { problem } from "@/lib/validation/api";

type AnyZodObject = z.ZodObject;
const idempotencyHeader = z.object({
  "Idempotency-Key": z.string().min(1).max(255).optional().openapi({ description: "1–255 visible ASCII characters (a UUID is usual); kept 24 hours." }),
});

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route declarations (lib/api/v1-routes.ts) and the zod
 * schemas that validate the requests (and describe the responses), so it cannot disagree with the server. Served
 * at /api/v1/openapi.json. Each operation carries its declaration's example, which a test replays.
 */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A service token created by an administrator (Admin → API tokens): `clt_<8 hex>_<43 characters>`.",
  });
  const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problem } } });
  for (const r of V1_ROUTES) {
    const errors: Record<number, ReturnType<typeof problemResponse>> = {
      401: problemResponse("No token, or a token that is unknown, revoked or expired."),
      403: problemResponse(`The token lacks the “${r.scope}” scope.`),
      422: problemResponse("Invalid query, path or body; `errors` names each field."),
      429: problemResponse("Too many requests for this token; see Retry-After."),
    };
    if (r.doc.notFound) errors[404] = problemResponse(r.doc.notFound);
    if (r.body) errors[413] = problemResponse("The request is larger than this endpoint accepts.");
    if (r.idempotent) errors[409] = problemResponse("The Idempotency-Key was used with another request, or its first request is still running.");
    const ex = r.doc.example;
    registry.registerPath({
      method: r.method === "GET" ? "get" : "post",
      path: r.path,
      summary: r.doc.summary,
      description: `${r.doc.description} Scope: ${r.scope}.`,
      security: [{ [bearer.name]: [] }],
      request: {
        ...(r.query ? { query: r.query as AnyZodObject } : {}),
        ...(r.params ? { params: r.params as AnyZodObject } : {}),
        ...(r.idempotent ? { headers: idempotencyHeader } : {}),
        ...(r.body ? { body: { required: true, content: { "application/json": { schema: r.body, example: ex.body } } } } : {}),
      },
      responses: { [r.status ?? 200]: { description: r.doc.responseDescription, content: { "application/json": { schema: r.doc.response } } }, ...errors },
    });
  }
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Clearline integration API",
      version: "1.1.0",
      description: `For CMMS and device-security platforms. Errors are RFC 9457 problem details; their types are ${Object.keys(PROBLEMS)
        .map((k) => `\`/api/v1/problems#${k}\``)
        .join(", ")}.`,
    },
    servers: [{ url: "/" }],
  });
  addParameterExamples(doc);
  return doc;
}

/** The declaration's example values as each parameter's `example` (OpenAPI 3.1 Parameter Object). */
function addParameterExamples(doc: ReturnType<OpenApiGeneratorV31["generateDocument"]>): void {
  for (const r of V1_ROUTES) {
    const op = doc.paths?.[r.path]?.[r.method === "GET" ? "get" : "post"];
    const values: Record<string, string> = { ...r.doc.example.query, ...r.doc.example.params };
    for (const p of (op?.parameters ?? []) as { name: string; in: string; example?: unknown }[])
      if (p.name in values && (p.in === "query" || p.in === "path")) p.example = values[p.name];
  }
}
