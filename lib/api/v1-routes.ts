import { z } from "zod";
import type { ApiRouteDef } from "@/lib/server/api-route";
import { decodeCursor, encodeCursor } from "@/lib/server/api-route";
import { getAdvisory } from "@/lib/services/advisories/get-advisory";
import { listAdvisories } from "@/lib/services/advisories/list-advisories";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { idParams, listAdvisoriesQuery } from "@/lib/validation/api";

/**
 * The /api/v1 endpoints as data: each route file exports one of these through defineApiRoute, the OpenAPI document
 * is generated from the same definitions and schemas, and the tests call them directly.
 */
type Key = { d: string; t: string };
const isKey = (v: unknown): v is Key => typeof v === "object" && v !== null && typeof (v as Key).d === "string" && typeof (v as Key).t === "string";

export const listAdvisoriesRoute = {
  scope: "read",
  query: listAdvisoriesQuery,
  run: ({ db, caller, query }) => {
    const after = decodeCursor(query.cursor, isKey);
    const all = listAdvisories(db, caller.actor, { q: query.q, knownExploitedOnly: query.knownExploited === "true" });
    // Newest first by (initial release, tracking id), the list's own order: the cursor is the last item's key.
    const start = after ? all.findIndex((a) => a.initialReleaseDate < after.d || (a.initialReleaseDate === after.d && a.trackingId < after.t)) : 0;
    const page = start < 0 ? [] : all.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start >= 0 && start + query.limit < all.length;
    return { items: page, nextCursor: more && last ? encodeCursor({ d: last.initialReleaseDate, t: last.trackingId }) : null };
  },
} satisfies ApiRouteDef<typeof listAdvisoriesQuery, z.ZodType>;

export const getAdvisoryRoute = {
  scope: "read",
  params: idParams,
  run: ({ db, caller, params }) => {
    const r = getAdvisory(db, caller.actor, Number(params.id));
    const a = r.advisory;
    return {
      advisory: { id: a.id, trackingId: a.trackingId, title: a.title, publisher: a.publisher, initialReleaseDate: a.initialReleaseDate, currentReleaseDate: a.currentReleaseDate, version: a.version },
      products: r.products.map((p) => ({ id: p.id, vendor: p.vendor, productName: p.productName, versionText: p.versionText, reading: p.reading, exact: p.exact })),
      vulnerabilities: r.vulnerabilities.map((v) => ({
        cve: v.cve,
        cweId: v.cweId,
        cvssScore: v.cvssScore,
        cvssVector: v.cvssVector,
        severity: v.severity,
        knownExploited: v.kev ? { dateAdded: v.kev.dateAdded, dueDate: v.kev.dueDate } : null,
        affected: v.affected,
        fixed: v.fixed,
        remediations: v.remediations,
      })),
    };
  },
} satisfies ApiRouteDef<z.ZodType, typeof idParams>;

export const raciCoverageRoute = {
  scope: "read",
  run: ({ db, caller }) =>
    listRaciCoverage(db, caller.actor).map((r) => ({
      classId: r.classId,
      name: r.name,
      path: r.path,
      status: r.status,
      violations: r.violations,
      lastSignedAt: r.lastSignedAt,
      effectiveVersionNo: r.effectiveVersionNo,
      inReviewVersionNo: r.inReviewVersionNo,
    })),
} satisfies ApiRouteDef<z.ZodType, z.ZodType>;
