import { eq } from "drizzle-orm";
import { z } from "zod";
import { deviceClasses } from "@/db/schema";
import type { ApiRouteDef } from "@/lib/server/api-route";
import { decodeCursor, encodeCursor } from "@/lib/server/api-route";
import { AppError, notFound } from "@/lib/errors";
import { getAdvisory } from "@/lib/services/advisories/get-advisory";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { listAdvisories } from "@/lib/services/advisories/list-advisories";
import { tokenWriter } from "@/lib/services/api/token-writer";
import { getAssessment, listAssessments } from "@/lib/services/assessments/get-assessment";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { getDevice } from "@/lib/services/inventory/get-device";
import { listDeviceHistory } from "@/lib/services/inventory/list-device-history";
import { deviceIdByAssetTag, listDevicePage } from "@/lib/services/inventory/list-device-page";
import { recordDeviceWork } from "@/lib/services/inventory/record-device-work";
import { upsertDevices } from "@/lib/services/inventory/upsert-devices";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { loadActivities } from "@/lib/services/raci/raci-records";
import { whoOwns } from "@/lib/services/raci/who-owns";
import {
  advisoryDetail,
  advisoryImportResult,
  advisoryPage,
  assessmentDetail,
  assessmentPage,
  assetTagParams,
  coverageRow,
  csafBody,
  dashboardQuery,
  dashboardResult,
  deviceDetail,
  deviceEvent,
  deviceHistoryPage,
  deviceHistoryQuery,
  devicePage,
  deviceWorkBody,
  idParams,
  listAdvisoriesQuery,
  listDevicesQuery,
  MAX_UPSERT_DEVICES,
  upsertDevicesBody,
  upsertDevicesResult,
  whoOwnsQuery,
  whoOwnsResult,
} from "@/lib/validation/api";

/**
 * The /api/v1 endpoints as data, one declaration each: method, path, scope, the zod schemas that parse the request,
 * the response schema, a working example and the service call. Each route file exports one of these through
 * defineApiRoute; the OpenAPI document (lib/server/openapi.ts) is generated from V1_ROUTES; tests call them directly.
 * To add an endpoint (the patch queue, recalls): declare it here, add it to V1_ROUTES, export it from its route file.
 */
type AnyRoute = ApiRouteDef<z.ZodType, z.ZodType, z.ZodType>;
type Key = { d: string; t: string };
const isKey = (v: unknown): v is Key => typeof v === "object" && v !== null && typeof (v as Key).d === "string" && typeof (v as Key).t === "string";
const isString = (v: unknown): v is string => typeof v === "string";
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/** A CSAF advisory may be several MB (CISA's largest ICSMA files are under 1 MB); 10 MB leaves room. */
const CSAF_MAX_BYTES = 10 * 1024 * 1024;
/** 5,000 devices of every field at its longest would be far more; a CMMS record is typically under 1 KB. */
const UPSERT_MAX_BYTES = 16 * 1024 * 1024;

/** A minimal valid CSAF 2.0 advisory: the upload's example (a real ICSMA file is 10–100 KB). */
const EXAMPLE_CSAF = {
  document: {
    category: "csaf_security_advisory",
    csaf_version: "2.0",
    title: "Example Medical infusion pump controller",
    publisher: { category: "vendor", name: "Example Medical", namespace: "https://example.org" },
    tracking: {
      id: "EXAMPLE-2026-0001",
      status: "final",
      version: "1",
      initial_release_date: "2026-01-15T00:00:00.000Z",
      current_release_date: "2026-01-15T00:00:00.000Z",
      revision_history: [{ number: "1", date: "2026-01-15T00:00:00.000Z", summary: "Initial publication" }],
    },
  },
  product_tree: {
    branches: [
      {
        category: "vendor",
        name: "Example Medical",
        branches: [{ category: "product_name", name: "Pump Controller", branches: [{ category: "product_version_range", name: "<=2.4", product: { product_id: "CSAFPID-0001", name: "Example Medical Pump Controller <=2.4" } }] }],
      },
    ],
  },
  vulnerabilities: [{ cve: "CVE-2026-0001", title: "Hard-coded credentials", product_status: { known_affected: ["CSAFPID-0001"] }, remediations: [{ category: "vendor_fix", details: "Update to 2.5.", product_ids: ["CSAFPID-0001"] }] }],
};

export const listAdvisoriesRoute = {
  method: "GET",
  path: "/api/v1/advisories",
  scope: "read",
  query: listAdvisoriesQuery,
  doc: {
    summary: "List advisories",
    description: "Vulnerability advisories (CSAF 2.0) newest first, with their worst CVSS and known-exploited CVE count. Filtered and paged in SQL.",
    response: advisoryPage,
    responseDescription: "A page of advisories.",
    example: { query: { knownExploited: "true", limit: "10" } },
  },
  run: ({ db, caller, query }) => {
    const after = decodeCursor(query.cursor, isKey);
    const rows = listAdvisories(db, caller.actor, { q: query.q, knownExploitedOnly: query.knownExploited === "true", after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ d: last.initialReleaseDate, t: last.trackingId }) : null };
  },
} satisfies ApiRouteDef<typeof listAdvisoriesQuery, z.ZodType, z.ZodType>;

export const uploadAdvisoryRoute = {
  method: "POST",
  path: "/api/v1/advisories",
  scope: "write:advisories",
  body: csafBody,
  maxBodyBytes: CSAF_MAX_BYTES,
  doc: {
    summary: "Upload a CSAF advisory",
    description:
      "One CSAF 2.0 advisory (JSON). New: created; a newer revision: updated; the same again: unchanged; an older revision: skipped. A document that is not valid CSAF is a 422 and nothing is stored. Audited under the token's name.",
    response: advisoryImportResult,
    responseDescription: "What became of the advisory.",
    example: { body: EXAMPLE_CSAF },
  },
  run: ({ db, caller, body }) => {
    const tracking = ((body.document as { tracking?: { id?: unknown } } | undefined)?.tracking?.id ?? "advisory") as string;
    const name = `${String(tracking).replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80)}.json`;
    return importAdvisories(db, tokenWriter(db, caller, "write:advisories"), [{ name, bytes: new TextEncoder().encode(JSON.stringify(body)) }]);
  },
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof csafBody>;

export const getAdvisoryRoute = {
  method: "GET",
  path: "/api/v1/advisories/{id}",
  scope: "read",
  params: idParams,
  doc: {
    summary: "Get one advisory",
    description: "Products with how their version text is read, vulnerabilities with CVSS and KEV status, remediations.",
    response: advisoryDetail,
    responseDescription: "The advisory.",
    notFound: "No such advisory.",
    example: { params: { id: "1" } },
  },
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
} satisfies ApiRouteDef<z.ZodType, typeof idParams, z.ZodType>;

export const raciCoverageRoute = {
  method: "GET",
  path: "/api/v1/raci/coverage",
  scope: "read",
  doc: {
    summary: "RACI coverage",
    description: "Every device class with its RACI status (effective, in review, …), open rule violations and last signature.",
    response: z.array(coverageRow),
    responseDescription: "One row per device class.",
    example: {},
  },
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
} satisfies AnyRoute;

// --- Devices -----------------------------------------------------------------------------------------------------

export const listDevicesRoute = {
  method: "GET",
  path: "/api/v1/devices",
  scope: "read",
  query: listDevicesQuery,
  doc: {
    summary: "List devices",
    description: "The inventory with the /inventory page's filters, ordered by asset tag, paged in SQL. A token limited to one site sees that site's devices only.",
    response: devicePage,
    responseDescription: "A page of devices.",
    example: { query: { connected: "yes", limit: "20" } },
  },
  run: ({ db, caller, query }) => {
    const after = decodeCursor(query.cursor, isString);
    const filter = { site: num(query.site), deviceClass: num(query.deviceClass), manufacturer: num(query.manufacturer), model: num(query.model), support: query.support, status: query.status, connected: query.connected, phi: query.storesPhi, q: query.q };
    const page = listDevicePage(db, caller.actor, filter, { after, limit: query.limit });
    return { items: page.items, nextCursor: page.last == null ? null : encodeCursor(page.last) };
  },
} satisfies ApiRouteDef<typeof listDevicesQuery, z.ZodType, z.ZodType>;

function deviceBody(view: ReturnType<typeof getDevice>) {
  const d = view.device;
  return {
    id: d.id,
    assetTag: d.assetTag,
    serialNumber: d.serialNumber,
    manufacturer: view.manufacturer?.name ?? null,
    manufacturerId: d.manufacturerId,
    model: view.model?.name ?? null,
    modelId: d.modelId,
    deviceClass: view.deviceClass?.name ?? null,
    deviceClassId: view.deviceClass?.id ?? null,
    site: view.site.name,
    siteId: view.site.id,
    location: d.location,
    status: d.status,
    connected: d.connected,
    ipAddress: d.ipAddress,
    macAddress: d.macAddress,
    hostname: d.hostname,
    osName: d.osName,
    osVersion: d.osVersion,
    storesPhi: d.storesPhi,
    support: view.support.status,
    supportEndsOn: view.support.endsOn,
    softwareVersion: d.softwareVersion,
    description: d.description,
    cmmsSource: d.cmmsSource,
    cmmsId: d.cmmsId,
    lastInventoriedOn: d.lastInventoriedOn,
    lastSeenOn: d.lastSeenOn,
  };
}

export const getDeviceRoute = {
  method: "GET",
  path: "/api/v1/devices/{id}",
  scope: "read",
  params: idParams,
  doc: {
    summary: "Get one device by id",
    description: "A device's facts, model, class and OEM support status. Its history is at /api/v1/devices/{id}/history.",
    response: deviceDetail,
    responseDescription: "The device.",
    notFound: "No such device, or one at a site the token cannot see.",
    example: { params: { id: "1" } },
  },
  run: ({ db, caller, params }) => deviceBody(getDevice(db, caller.actor, Number(params.id))),
} satisfies ApiRouteDef<z.ZodType, typeof idParams, z.ZodType>;

export const getDeviceByTagRoute = {
  method: "GET",
  path: "/api/v1/devices/by-asset-tag/{assetTag}",
  scope: "read",
  params: assetTagParams,
  doc: {
    summary: "Get one device by asset tag",
    description: "The same as /api/v1/devices/{id}, found by the asset tag the CMMS knows (exact match).",
    response: deviceDetail,
    responseDescription: "The device.",
    notFound: "No device has this asset tag at a site the token can see.",
    example: { params: { assetTag: "LMH-10001" } },
  },
  run: ({ db, caller, params }) => {
    const id = deviceIdByAssetTag(db, caller.actor, params.assetTag);
    if (id == null) throw notFound("device");
    return deviceBody(getDevice(db, caller.actor, id));
  },
} satisfies ApiRouteDef<z.ZodType, typeof assetTagParams, z.ZodType>;

export const upsertDevicesRoute = {
  method: "POST",
  path: "/api/v1/devices/bulk",
  scope: "write:inventory",
  body: upsertDevicesBody,
  maxBodyBytes: UPSERT_MAX_BYTES,
  maxItems: { field: "devices", max: MAX_UPSERT_DEVICES },
  idempotent: true,
  doc: {
    summary: "Create or update devices (bulk upsert)",
    description: `Up to ${MAX_UPSERT_DEVICES} devices per call, all or nothing, checked and written exactly as a CMMS import: matched by (source, cmmsId) then asset tag; an absent field keeps its stored value. Any invalid record refuses the whole call (422, each error naming devices.<index>.<field>). Send an Idempotency-Key header to retry safely: the same key and body replay the first response; the same key with another body is a 409. Keys are kept 24 hours. One history row per changed device and one audit entry per call, under the token's name.`,
    response: upsertDevicesResult,
    responseDescription: "What the call created and changed (importId null: nothing changed, nothing written).",
    notFound: "A record names a device or site outside the token's site (nothing written).",
    example: { body: { source: "Maximo", devices: [{ assetTag: "API-EXAMPLE-1", site: "LMH", manufacturer: "Baxter", model: "Sigma Spectrum", serialNumber: "EX0001", connected: true, ipAddress: "10.20.30.40" }] } },
  },
  run: ({ db, caller, body }) => upsertDevices(db, tokenWriter(db, caller, "write:inventory"), body),
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof upsertDevicesBody>;

export const deviceHistoryRoute = {
  method: "GET",
  path: "/api/v1/devices/{id}/history",
  scope: "read",
  params: idParams,
  query: deviceHistoryQuery,
  doc: {
    summary: "A device's history",
    description: "Imports, changes (old and new values), retirements and work events, newest first.",
    response: deviceHistoryPage,
    responseDescription: "A page of history entries.",
    notFound: "No such device, or one at a site the token cannot see.",
    example: { params: { id: "1" } },
  },
  run: ({ db, caller, params, query }) => {
    const page = listDeviceHistory(db, caller.actor, Number(params.id), { before: decodeCursor(query.cursor, isId), limit: query.limit });
    return { items: page.items, nextCursor: page.last == null ? null : encodeCursor(page.last) };
  },
} satisfies ApiRouteDef<typeof deviceHistoryQuery, typeof idParams, z.ZodType>;

export const recordDeviceWorkRoute = {
  method: "POST",
  path: "/api/v1/devices/{id}/history",
  scope: "write:inventory",
  params: idParams,
  body: deviceWorkBody,
  idempotent: true,
  status: 201,
  doc: {
    summary: "Append a work event",
    description: "Records work done on a device under a CMMS work order (maintenance, repair, check) in its history. Audited under the token's name. Honours Idempotency-Key.",
    response: deviceEvent,
    responseDescription: "The history entry written.",
    notFound: "No such device, or one at a site the token cannot see.",
    example: { params: { id: "1" }, body: { workOrder: "WO-2026-0042", note: "Preventive maintenance; firmware checked." } },
  },
  run: ({ db, caller, params, body }) => recordDeviceWork(db, tokenWriter(db, caller, "write:inventory"), { deviceId: Number(params.id), ...body }),
} satisfies ApiRouteDef<z.ZodType, typeof idParams, typeof deviceWorkBody>;

// --- Who owns, dashboard, assessments ----------------------------------------------------------------------------

export const whoOwnsRoute = {
  method: "GET",
  path: "/api/v1/who-owns",
  scope: "read",
  query: whoOwnsQuery,
  doc: {
    summary: "Who owns a device class or a device",
    description: "For every RACI activity: the parties holding R, A, C and I for the class (a device: its model's class), with their leads, where each letter comes from, and whether it is the signed one.",
    response: whoOwnsResult,
    responseDescription: "Responsibilities per activity.",
    notFound: "No such class or device, a device at a site the token cannot see, or a device whose model has no class.",
    example: { query: { deviceClass: "1" } },
  },
  run: ({ db, caller, query }) => {
    let classId = num(query.deviceClass);
    let device: { id: number; assetTag: string } | null = null;
    if (query.device !== undefined) {
      const v = getDevice(db, caller.actor, Number(query.device));
      if (!v.deviceClass) throw new AppError("NOT_FOUND", "This device's model has no device class yet, so no responsibilities apply to it.");
      classId = v.deviceClass.id;
      device = { id: v.device.id, assetTag: v.device.assetTag };
    }
    const cls = db.select({ id: deviceClasses.id }).from(deviceClasses).where(eq(deviceClasses.id, classId!)).get();
    if (!cls) throw notFound("device class");
    const activities = loadActivities(db).map((a) => {
      const w = whoOwns(db, caller.actor, cls.id, a.id);
      return { activityId: a.id, activity: a.name, csf: a.csfRefs, R: w.byLetter.R, A: w.byLetter.A, C: w.byLetter.C, I: w.byLetter.I, signed: w.signed, pendingVersionNo: w.pendingVersionNo, _class: w.deviceClass, _eff: w.effectiveVersionNo };
    });
    const first = activities[0];
    return {
      deviceClass: first?._class ?? { id: cls.id, name: "" },
      device,
      effectiveVersionNo: first?._eff ?? null,
      activities: activities.map(({ _class: _c, _eff: _e, ...a }) => a),
    };
  },
} satisfies ApiRouteDef<typeof whoOwnsQuery, z.ZodType, z.ZodType>;

export const dashboardRoute = {
  method: "GET",
  path: "/api/v1/dashboard",
  scope: "read",
  query: dashboardQuery,
  doc: {
    summary: "Dashboard figures",
    description: "The leadership dashboard's figures: RACI responsibilities, CSF assessments, exercises. A token limited to one site gets its site; asking for another is a 404.",
    response: dashboardResult,
    responseDescription: "The figures for the whole organization or one site.",
    notFound: "A site the token cannot see, or no such site.",
    example: {},
  },
  run: ({ db, caller, query }) => {
    const d = getDashboard(db, caller.actor, { siteId: num(query.site) ?? null });
    return { scope: d.scope, today: d.today, responsibilities: d.responsibilities, assessments: d.assessments, drills: d.drills };
  },
} satisfies ApiRouteDef<typeof dashboardQuery, z.ZodType, z.ZodType>;

const assessmentSummaryOf = (a: { id: number; name: string; scopeType: string; siteId: number | null; deviceClassId: number | null; status: string; tier: number | null; dueDate: string; approvedAt: string | null }, scope: string, answered: number, total: number) => ({
  id: a.id,
  name: a.name,
  scopeType: a.scopeType,
  scope,
  siteId: a.siteId,
  deviceClassId: a.deviceClassId,
  status: a.status,
  tier: a.tier,
  dueDate: a.dueDate,
  approvedAt: a.approvedAt,
  answered,
  total,
});

export const listAssessmentsRoute = {
  method: "GET",
  path: "/api/v1/assessments",
  scope: "read",
  doc: {
    summary: "List CSF assessments",
    description: "NIST CSF 2.0 assessments newest first, with their scope, status, Implementation Tier and progress. A token limited to one site sees its site's and the organization's.",
    response: assessmentPage,
    responseDescription: "Every assessment the token can see.",
    example: {},
  },
  run: ({ db, caller }) => ({ items: listAssessments(db, caller.actor).map((a) => assessmentSummaryOf(a, a.scope, a.answered, a.total)) }),
} satisfies AnyRoute;

export const getAssessmentRoute = {
  method: "GET",
  path: "/api/v1/assessments/{id}",
  scope: "read",
  params: idParams,
  doc: {
    summary: "Get one CSF assessment with its scores",
    description: "Current and target scores (0–3) per subcategory, rolled up per category and function, and overall.",
    response: assessmentDetail,
    responseDescription: "The assessment and its scores.",
    notFound: "No such assessment, or one of a site the token cannot see.",
    example: { params: { id: "1" } },
  },
  run: ({ db, caller, params }) => {
    const id = Number(params.id);
    const a = getAssessment(db, caller.actor, id);
    const r = getAssessmentResults(db, caller.actor, id);
    return {
      assessment: assessmentSummaryOf(a.assessment, a.scope, a.answered, a.total),
      overall: r.overall,
      functions: r.functions,
      categories: r.categories.map(({ href: _h, ...c }) => c),
      answers: Object.values(a.answers).map((x) => ({ subcategoryId: x.subcategoryId, current: x.current, target: x.target, notApplicable: x.notApplicable })),
    };
  },
} satisfies ApiRouteDef<z.ZodType, typeof idParams, z.ZodType>;

/** Every /api/v1 endpoint, in the order the OpenAPI document and the reference page list them. */
export const V1_ROUTES: readonly AnyRoute[] = [
  listDevicesRoute,
  getDeviceRoute,
  getDeviceByTagRoute,
  upsertDevicesRoute,
  deviceHistoryRoute,
  recordDeviceWorkRoute,
  listAdvisoriesRoute,
  uploadAdvisoryRoute,
  getAdvisoryRoute,
  whoOwnsRoute,
  raciCoverageRoute,
  dashboardRoute,
  listAssessmentsRoute,
  getAssessmentRoute,
] as unknown as readonly AnyRoute[];
