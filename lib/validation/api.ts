import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

// The integration API's request and response shapes. The same schemas validate requests and generate
// /api/v1/openapi.json (lib/server/openapi.ts): the document cannot drift from what the server accepts.
extendZodWithOpenApi(z);

export const cursorQuery = {
  cursor: z.string().max(200).optional().openapi({ description: "Opaque cursor from the previous page's `nextCursor`." }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: "Items per page (1–500, default 100)." }),
};

export const listAdvisoriesQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional().openapi({ description: "Words to find in the tracking id, title, vendor, product or a CVE." }),
    knownExploited: z.enum(["true", "false"]).optional().openapi({ description: "Only advisories with a CVE on CISA's KEV catalog." }),
    ...cursorQuery,
  })
  .openapi("ListAdvisoriesQuery");

export const idParams = z.strictObject({ id: z.string().regex(/^\d{1,9}$/, "The id is a positive whole number.").openapi({ example: "1" }) });

export const advisorySummary = z
  .object({
    id: z.number().int(),
    trackingId: z.string().openapi({ example: "ICSMA-23-194-01" }),
    title: z.string(),
    publisher: z.string(),
    vendors: z.string(),
    initialReleaseDate: z.string().openapi({ format: "date" }),
    currentReleaseDate: z.string().openapi({ format: "date" }),
    version: z.string(),
    vulnerabilities: z.number().int(),
    maxCvss: z.number().nullable(),
    knownExploited: z.number().int().openapi({ description: "How many of its CVEs are on CISA's KEV catalog." }),
  })
  .openapi("AdvisorySummary");

export const advisoryPage = z.object({ items: z.array(advisorySummary), nextCursor: z.string().nullable() }).openapi("AdvisoryPage");

export const advisoryDetail = z
  .object({
    advisory: advisorySummary.omit({ vendors: true, vulnerabilities: true, maxCvss: true, knownExploited: true }),
    products: z.array(z.object({ id: z.number().int(), vendor: z.string(), productName: z.string(), versionText: z.string().nullable(), reading: z.string(), exact: z.boolean() })),
    vulnerabilities: z.array(
      z.object({
        cve: z.string().nullable(),
        cweId: z.string().nullable(),
        cvssScore: z.number().nullable(),
        cvssVector: z.string().nullable(),
        severity: z.string().nullable(),
        knownExploited: z.object({ dateAdded: z.string(), dueDate: z.string() }).nullable(),
        affected: z.array(z.string()),
        fixed: z.array(z.string()),
        remediations: z.array(z.object({ category: z.string(), details: z.string(), url: z.string().nullable() })),
      }),
    ),
  })
  .openapi("AdvisoryDetail");

export const coverageRow = z
  .object({
    classId: z.number().int(),
    name: z.string(),
    path: z.array(z.string()).openapi({ description: "Ancestor class names, root first, ending with the class's own." }),
    status: z.string().openapi({ description: "effective, in_review, draft, reattestation_due, changes_pending, signature_problem or none." }),
    violations: z.array(z.string()),
    lastSignedAt: z.string().nullable(),
    effectiveVersionNo: z.number().int().nullable(),
    inReviewVersionNo: z.number().int().nullable(),
  })
  .openapi("RaciCoverageRow");

export const problem = z
  .object({
    type: z.string().openapi({ example: "/api/v1/problems#token-missing" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details; `type` is stable per kind of error." });
