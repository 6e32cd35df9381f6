import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PROBLEMS } from "@/lib/server/api-route";
import { advisoryDetail, advisoryPage, coverageRow, idParams, listAdvisoriesQuery, problem } from "@/lib/validation/api";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate the requests (and describe the
 * responses), so it cannot disagree with the server. Served at /api/v1/openapi.json.
 */
export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A service token created by an administrator (Admin → API tokens): `clt_<8 hex>_<43 characters>`.",
  });
  const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problem } } });
  const errors = {
    401: problemResponse("No token, or a token that is unknown, revoked or expired."),
    403: problemResponse("The token lacks the scope this request needs."),
    422: problemResponse("Invalid query or path parameters; `errors` names each field."),
    429: problemResponse("Too many requests for this token; see Retry-After."),
  };
  registry.registerPath({
    method: "get",
    path: "/api/v1/advisories",
    summary: "List advisories",
    description: "Vulnerability advisories (CSAF 2.0) newest first, with their worst CVSS and known-exploited CVE count. Scope: read.",
    security: [{ [bearer.name]: [] }],
    request: { query: listAdvisoriesQuery },
    responses: { 200: { description: "A page of advisories.", content: { "application/json": { schema: advisoryPage } } }, ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/advisories/{id}",
    summary: "Get one advisory",
    description: "Products with how their version text is read, vulnerabilities with CVSS and KEV status, remediations. Scope: read.",
    security: [{ [bearer.name]: [] }],
    request: { params: idParams },
    responses: { 200: { description: "The advisory.", content: { "application/json": { schema: advisoryDetail } } }, 404: problemResponse("No such advisory."), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/raci/coverage",
    summary: "RACI coverage",
    description: "Every device class with its RACI status (effective, in review, …), open rule violations and last signature. Scope: read.",
    security: [{ [bearer.name]: [] }],
    responses: { 200: { description: "One row per device class.", content: { "application/json": { schema: z.array(coverageRow) } } }, ...errors },
  });
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Clearline integration API",
      version: "1.0.0",
      description: `For CMMS and device-security platforms. Errors are RFC 9457 problem details; their types are ${Object.keys(PROBLEMS)
        .map((k) => `\`/api/v1/problems#${k}\``)
        .join(", ")}.`,
    },
    servers: [{ url: "/" }],
  });
  return doc;
}
