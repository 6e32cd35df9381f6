import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { advisories, deviceClasses } from "@/db/schema";
import type { ApiCaller } from "@/lib/services/api/authenticate-api-token";
import type { Db } from "@/db/client";
import { clock } from "@/lib/clock";
import { addDays } from "@/lib/rules/patch-priority";
import { dateProblem, type DateRange } from "@/lib/validation/common";
import type { ApiRouteDef } from "@/lib/server/api-route";
import { decodeCursor, encodeCursor } from "@/lib/server/api-route";
import { AppError, notFound } from "@/lib/errors";
import { getAdvisory } from "@/lib/services/advisories/get-advisory";
import { importAdvisories } from "@/lib/services/advisories/import-advisories";
import { listAdvisories } from "@/lib/services/advisories/list-advisories";
import { listAdvisoryDevicePage } from "@/lib/services/advisories/list-advisory-device-page";
import { tokenWriter } from "@/lib/services/api/token-writer";
import { getAssessment, listAssessments } from "@/lib/services/assessments/get-assessment";
import { getAssessmentResults } from "@/lib/services/assessments/results";
import { getDashboard } from "@/lib/services/dashboard/get-dashboard";
import { getDevice } from "@/lib/services/inventory/get-device";
import { listDeviceHistory } from "@/lib/services/inventory/list-device-history";
import { deviceIdByAssetTag, listDevicePage } from "@/lib/services/inventory/list-device-page";
import { recordDeviceWork } from "@/lib/services/inventory/record-device-work";
import { upsertDevices } from "@/lib/services/inventory/upsert-devices";
import { checkCompletionRows, writeCompletions } from "@/lib/services/patches/import-patch-completions";
import { listPatchPage } from "@/lib/services/patches/list-patch-page";
import { getPatchItem } from "@/lib/services/patches/load-patch-item";
import { markPatchNotApplicable } from "@/lib/services/patches/mark-patch-not-applicable";
import type { QueueRank } from "@/lib/services/patches/patch-queue-sql";
import { recordPatchApplied } from "@/lib/services/patches/record-patch-applied";
import { requestPatchDeferral } from "@/lib/services/patches/request-patch-deferral";
import { getRecall } from "@/lib/services/recalls/get-recall";
import { listRecalls } from "@/lib/services/recalls/list-recalls";
import { recordRecallAction } from "@/lib/services/recalls/record-recall-action";
import { listRaciCoverage } from "@/lib/services/raci/list-coverage";
import { loadActivities } from "@/lib/services/raci/raci-records";
import { whoOwns } from "@/lib/services/raci/who-owns";
import {
  advisoryDetail,
  advisoryDevicePage,
  advisoryDevicesQuery,
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
  listPatchesQuery,
  listRecallsQuery,
  MAX_COMPLETIONS,
  MAX_UPSERT_DEVICES,
  patchAppliedBody,
  patchCompletionsBody,
  patchCompletionsResult,
  patchDeferralRequestBody,
  patchDeferralRequestResult,
  patchNotApplicableBody,
  patchPage,
  patchRecordResult,
  recallActionBody,
  recallActionResult,
  recallDetail,
  recallDeviceQuery,
  recallPage,
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
        branches: [
          {
            category: "product_name",
            name: "Pump Controller",
            branches: [
              { category: "product_version_range", name: "<=2.4", product: { product_id: "CSAFPID-0001", name: "Example Medical Pump Controller <=2.4" } },
            ],
          },
        ],
      },
    ],
  },
  vulnerabilities: [
    {
      cve: "CVE-2026-0001",
      title: "Hard-coded credentials",
      product_status: { known_affected: ["CSAFPID-0001"] },
      remediations: [{ category: "vendor_fix", details: "Update to 2.5.", product_ids: ["CSAFPID-0001"] }],
    },
  ],
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
    const name = `${String(tracking)
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .slice(0, 80)}.json`;
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
      advisory: {
        id: a.id,
        trackingId: a.trackingId,
        title: a.title,
        publisher: a.publisher,
        initialReleaseDate: a.initialReleaseDate,
        currentReleaseDate: a.currentReleaseDate,
        version: a.version,
      },
      products: r.products.map((p) => ({
        id: p.id,
        vendor: p.vendor,
        productName: p.productName,
        versionText: p.versionText,
        reading: p.reading,
        exact: p.exact,
      })),
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

export const advisoryDevicesRoute = {
  method: "GET",
  path: "/api/v1/advisories/{id}/devices",
  scope: "read",
  params: idParams,
  query: advisoryDevicesQuery,
  doc: {
    summary: "An advisory's affected devices",
    description:
      "The devices in service the advisory affects (matched by version or model and not dismissed, or a possible match confirmed), in asset-tag order, with why each was matched; `review=true` gives the possible matches awaiting review instead. A token limited to one site sees its site's devices.",
    response: advisoryDevicePage,
    responseDescription: "A page of devices.",
    notFound: "No such advisory.",
    example: { params: { id: "20" }, query: { limit: "50" } },
  },
  run: ({ db, caller, params, query }) => {
    const page = listAdvisoryDevicePage(db, caller.actor, Number(params.id), {
      review: query.review === "true",
      after: decodeCursor(query.cursor, isString),
      limit: query.limit,
    });
    return { items: page.items, nextCursor: page.last == null ? null : encodeCursor(page.last) };
  },
} satisfies ApiRouteDef<typeof advisoryDevicesQuery, typeof idParams, z.ZodType>;

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
    description:
      "The inventory with the /inventory page's filters, ordered by asset tag, paged in SQL. A token limited to one site sees that site's devices only.",
    response: devicePage,
    responseDescription: "A page of devices.",
    example: { query: { connected: "yes", limit: "20" } },
  },
  run: ({ db, caller, query }) => {
    const after = decodeCursor(query.cursor, isString);
    const filter = {
      site: num(query.site),
      deviceClass: num(query.deviceClass),
      manufacturer: num(query.manufacturer),
      model: num(query.model),
      support: query.support,
      status: query.status,
      connected: query.connected,
      phi: query.storesPhi,
      q: query.q,
    };
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
    example: {
      body: {
        source: "Maximo",
        devices: [
          {
            assetTag: "API-EXAMPLE-1",
            site: "LMH",
            manufacturer: "Baxter",
            model: "Sigma Spectrum",
            serialNumber: "EX0001",
            connected: true,
            ipAddress: "10.20.30.40",
          },
        ],
      },
    },
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
    description:
      "Records work done on a device under a CMMS work order (maintenance, repair, check) in its history. Audited under the token's name. Honours Idempotency-Key.",
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
    description:
      "For every RACI activity: the parties holding R, A, C and I for the class (a device: its model's class), with their leads, where each letter comes from, and whether it is the signed one.",
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
      return {
        activityId: a.id,
        activity: a.name,
        csf: a.csfRefs,
        R: w.byLetter.R,
        A: w.byLetter.A,
        C: w.byLetter.C,
        I: w.byLetter.I,
        signed: w.signed,
        pendingVersionNo: w.pendingVersionNo,
        _class: w.deviceClass,
        _eff: w.effectiveVersionNo,
      };
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
    description:
      "The leadership dashboard's figures: RACI responsibilities, CSF assessments, exercises. A token limited to one site gets its site; asking for another is a 404.",
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

const assessmentSummaryOf = (
  a: {
    id: number;
    name: string;
    scopeType: string;
    siteId: number | null;
    deviceClassId: number | null;
    status: string;
    tier: number | null;
    dueDate: string;
    approvedAt: string | null;
  },
  scope: string,
  answered: number,
  total: number,
) => ({
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
    description:
      "NIST CSF 2.0 assessments newest first, with their scope, status, Implementation Tier and progress. A token limited to one site sees its site's and the organization's.",
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

// --- Patch queue (decision 0030) ------------------------------------------------------------------------------

const isRank = (v: unknown): v is QueueRank =>
  Array.isArray(v) &&
  v.length === 8 &&
  v.slice(0, 6).every((x) => typeof x === "number" && Number.isFinite(x)) &&
  typeof v[6] === "string" &&
  typeof v[7] === "string";

/** A date of a body checked as the forms check it (a real calendar date in range), named by its field. */
function checkDate(field: string, label: string, value: string, range: DateRange): void {
  const p = dateProblem(label, value, range);
  if (p) throw new AppError("VALIDATION", p, { [field]: [p] });
}

/** The patch item a CMMS names by asset tag and advisory tracking id; outside the token's site is 404. */
function patchItemRef(db: Db, caller: ApiCaller, ref: { assetTag: string; advisory: string }): { advisoryId: number; deviceId: number } {
  const deviceId = deviceIdByAssetTag(db, caller.actor, ref.assetTag);
  if (deviceId == null) throw new AppError("NOT_FOUND", `No device has asset tag ${ref.assetTag} at a site this token can see.`);
  const advisory = db
    .select({ id: advisories.id })
    .from(advisories)
    .where(sql`upper(${advisories.trackingId}) = ${ref.advisory.toUpperCase()}`)
    .get();
  if (!advisory) throw new AppError("NOT_FOUND", `No advisory ${ref.advisory} has been imported.`);
  return { advisoryId: advisory.id, deviceId };
}

const itemAfterWrite = (db: Db, caller: ApiCaller, ref: { advisoryId: number; deviceId: number }) => {
  const { recordId: _r, ...item } = getPatchItem(db, caller.actor, ref.advisoryId, ref.deviceId, clock.today());
  return item;
};

export const listPatchesRoute = {
  method: "GET",
  path: "/api/v1/patches",
  scope: "read",
  query: listPatchesQuery,
  doc: {
    summary: "List the patch queue",
    description:
      "Affected devices whose model has an OEM-validated patch, ranked as on the /patches page (known exploited, CVSS, life-sustaining, criticality, PHI, connected), with the due date by the patch policy, the status derived from what was recorded, and the parties the class's signed RACI names Responsible and Accountable for patching. The page's filters; open items by default. Paged in SQL by a keyset on the rank, so recording work while walking the queue neither skips nor repeats an item. A token limited to one site sees its site's items only.",
    response: patchPage,
    responseDescription: "A page of patch items.",
    example: { query: { status: "open", limit: "20" } },
  },
  run: ({ db, caller, query }) => {
    const party = query.party === undefined ? undefined : query.party === "none" ? ("none" as const) : Number(query.party);
    const page = listPatchPage(
      db,
      caller.actor,
      { party, site: num(query.site), status: query.status, advisory: num(query.advisory), device: num(query.device), age: query.age },
      { after: decodeCursor(query.cursor, isRank), limit: query.limit },
    );
    return { items: page.items, nextCursor: page.last == null ? null : encodeCursor(page.last) };
  },
} satisfies ApiRouteDef<typeof listPatchesQuery, z.ZodType, z.ZodType>;

export const recordPatchAppliedRoute = {
  method: "POST",
  path: "/api/v1/patches/applied",
  scope: "write:patches",
  body: patchAppliedBody,
  idempotent: true,
  doc: {
    summary: "Record a patch applied",
    description:
      "The CMMS closed the work order: the OEM-validated patch was installed on the device on a day (default today). Allowed for items whose class's signed RACI names a Responsible and an Accountable party for patching (the token acts for them); an item with no signed owner is a 404 for a token. Becomes a patch_applied entry in the device's history with the work order, audited under the token's name. Already applied: 409. Honours Idempotency-Key.",
    response: patchRecordResult,
    responseDescription: "The record written and the item as it is now.",
    notFound: "No such device at the token's site, no such advisory, or the device has no OEM-validated patch waiting for it.",
    example: { body: { assetTag: "LMH-10035", advisory: "ICSMA-23-194-01", workOrder: "WO-2026-1187", notes: "Installed during the ICU downtime window." } },
  },
  run: ({ db, caller, body }) => {
    const ref = patchItemRef(db, caller, body);
    const appliedOn = body.appliedOn ?? clock.today();
    checkDate("body.appliedOn", "Date applied", appliedOn, { max: "today" });
    const { recordId } = recordPatchApplied(db, tokenWriter(db, caller, "write:patches"), {
      ...ref,
      appliedOn,
      workOrder: body.workOrder,
      notes: body.notes ?? "",
    });
    return { recordId, item: itemAfterWrite(db, caller, ref) };
  },
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof patchAppliedBody>;

export const markPatchNotApplicableRoute = {
  method: "POST",
  path: "/api/v1/patches/not-applicable",
  scope: "write:patches",
  body: patchNotApplicableBody,
  idempotent: true,
  doc: {
    summary: "Record a patch not applicable",
    description:
      "The patch does not apply to this device, with the reason (e.g. the vulnerable module is not installed). Same rules as recording it applied; an applied patch cannot be marked not applicable (409). A device-history note, audited under the token's name.",
    response: patchRecordResult,
    responseDescription: "The record written and the item as it is now.",
    notFound: "No such device at the token's site, no such advisory, or the device has no OEM-validated patch waiting for it.",
    example: { body: { assetTag: "LMH-10037", advisory: "ICSMA-23-194-01", reason: "The vulnerable web service is not licensed on this unit." } },
  },
  run: ({ db, caller, body }) => {
    const ref = patchItemRef(db, caller, body);
    const { recordId } = markPatchNotApplicable(db, tokenWriter(db, caller, "write:patches"), { ...ref, reason: body.reason });
    return { recordId, item: itemAfterWrite(db, caller, ref) };
  },
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof patchNotApplicableBody>;

export const requestPatchDeferralRoute = {
  method: "POST",
  path: "/api/v1/patches/deferral-requests",
  scope: "write:patches",
  body: patchDeferralRequestBody,
  idempotent: true,
  status: 201,
  doc: {
    summary: "Ask for a patch to be deferred",
    description:
      "A deferral is the Accountable party accepting a risk with an e-signature (21 CFR 11.50, 11.200), which a token cannot give. This records a request: the item stays open (and past due when it is) until the lead of the Accountable party accepts it on the /patches page with their signature. The request is a note in the device's history, audited under the token's name.",
    response: patchDeferralRequestResult,
    responseDescription: "The pending request and who must sign it.",
    notFound: "No such device at the token's site, no such advisory, or the device has no OEM-validated patch waiting for it.",
    get example() {
      return {
        body: {
          assetTag: "LMH-10038",
          advisory: "ICSMA-23-194-01",
          reason: "Downtime only in the spring maintenance window.",
          deferUntil: addDays(clock.today(), 90),
        },
      };
    },
  },
  run: ({ db, caller, body }) => {
    const ref = patchItemRef(db, caller, body);
    checkDate("body.deferUntil", "Deferred until", body.deferUntil, { min: "today", maxYearsAhead: 2 });
    return requestPatchDeferral(
      db,
      tokenWriter(db, caller, "write:patches"),
      { ...ref, reason: body.reason, deferUntil: body.deferUntil },
      { apiTokenId: caller.tokenId },
    );
  },
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof patchDeferralRequestBody>;

export const patchCompletionsRoute = {
  method: "POST",
  path: "/api/v1/patches/completions",
  scope: "write:patches",
  body: patchCompletionsBody,
  maxBodyBytes: 8 * 1024 * 1024,
  maxItems: { field: "completions", max: MAX_COMPLETIONS },
  idempotent: true,
  doc: {
    summary: "Record completed patch work orders (bulk)",
    description: `Up to ${MAX_COMPLETIONS} completions (asset tag, advisory, work order, date applied), all or nothing, checked exactly as the CMMS completions file on /patches: any invalid one refuses the whole call (422, each error naming completions.<index>). One history entry per device and one audit entry per completion, under the token's name. Honours Idempotency-Key.`,
    response: patchCompletionsResult,
    responseDescription: "How many patches were recorded applied.",
    notFound: "A completion names a device outside the token's site (nothing written).",
    get example() {
      return {
        body: {
          source: "Maximo",
          completions: [
            { assetTag: "LMH-10040", advisory: "ICSMA-23-194-01", workOrder: "WO-2026-1190", appliedOn: clock.today() },
            { assetTag: "LMH-10041", advisory: "ICSMA-23-194-01", workOrder: "WO-2026-1191", appliedOn: clock.today(), notes: "Verified after reboot." },
          ],
        },
      };
    },
  },
  run: ({ db, caller, body }) => {
    const actor = tokenWriter(db, caller, "write:patches");
    // A device of another site is 404 for a site-limited token, as everywhere in the API (not a row problem).
    for (const c of body.completions)
      if (
        deviceIdByAssetTag(db, caller.actor, c.assetTag) == null &&
        caller.actor.siteId != null &&
        deviceIdByAssetTag(db, { ...caller.actor, siteId: null }, c.assetTag) != null
      )
        throw new AppError("NOT_FOUND", `No device has asset tag ${c.assetTag} at a site this token can see.`);
    const rows = body.completions.map((c, i) => ({
      line: i,
      assetTag: c.assetTag,
      trackingId: c.advisory.toUpperCase(),
      workOrder: c.workOrder,
      appliedOn: c.appliedOn,
      notes: c.notes ?? "",
    }));
    const { planned, problems } = checkCompletionRows(db, actor, rows, clock.today());
    if (problems.length) {
      const fields: Record<string, string[]> = {};
      for (const p of problems) {
        const f = `body.completions.${p.line}${p.field ? `.${p.field === "trackingId" ? "advisory" : p.field}` : ""}`;
        fields[f] = [...(fields[f] ?? []), p.message.charAt(0).toUpperCase() + p.message.slice(1)];
      }
      throw new AppError(
        "VALIDATION",
        `Nothing was recorded: ${problems.length} completion${problems.length === 1 ? " has a problem" : "s have problems"}.`,
        fields,
      );
    }
    const sha256 = crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex");
    return writeCompletions(db, actor, planned, { name: `${body.source} (API)`, sha256, label: `${body.source} through the API` }, clock.now());
  },
} satisfies ApiRouteDef<z.ZodType, z.ZodType, typeof patchCompletionsBody>;

// --- Recalls -----------------------------------------------------------------------------------------------------

type RecallKey = { d: string | null; n: string };
const isRecallKey = (v: unknown): v is RecallKey =>
  typeof v === "object" && v !== null && typeof (v as RecallKey).n === "string" && ((v as RecallKey).d === null || typeof (v as RecallKey).d === "string");

export const listRecallsRoute = {
  method: "GET",
  path: "/api/v1/recalls",
  scope: "read",
  query: listRecallsQuery,
  doc: {
    summary: "List recalls",
    description:
      "FDA device recalls newest first, with how many devices in service they apply to within the token's site, how many are still outstanding, who the outstanding ones are routed to (the Responsible party for recalls in the class's signed RACI) and how many model matches wait for review. The /recalls page's filters.",
    response: recallPage,
    responseDescription: "A page of recalls.",
    example: { query: { status: "outstanding" } },
  },
  run: ({ db, caller, query }) => {
    const party = query.party === undefined ? undefined : query.party === "none" ? ("none" as const) : Number(query.party);
    const rows = listRecalls(db, caller.actor, { recallClass: query.recallClass, status: query.status ?? "all", site: num(query.site) ?? null, party });
    const after = decodeCursor(query.cursor, isRecallKey);
    // listRecalls orders by initiated date (newest first, undated last) then number: the cursor resumes after its row.
    const start = after ? rows.findIndex((r) => r.initiatedOn === after.d && r.recallNumber === after.n) + 1 : 0;
    if (after && start === 0)
      throw new AppError("VALIDATION", "The cursor is not one this API gave out.", { cursor: ["Use the nextCursor of the previous page."] });
    const page = rows.slice(start, start + query.limit);
    const last = page.at(-1);
    return { items: page, nextCursor: start + query.limit < rows.length && last ? encodeCursor({ d: last.initiatedOn, n: last.recallNumber }) : null };
  },
} satisfies ApiRouteDef<typeof listRecallsQuery, z.ZodType, z.ZodType>;

export const getRecallRoute = {
  method: "GET",
  path: "/api/v1/recalls/{id}",
  scope: "read",
  params: idParams,
  query: recallDeviceQuery,
  doc: {
    summary: "Get one recall with its devices",
    description:
      "FDA's facts, the models it was matched to (and any review), and the devices in service it applies to within the token's site, each with its routed owner and the action recorded (null: outstanding).",
    response: recallDetail,
    responseDescription: "The recall.",
    notFound: "No such recall.",
    example: { params: { id: "1" } },
  },
  run: ({ db, caller, params, query }) => {
    const v = getRecall(db, caller.actor, Number(params.id));
    const r = v.recall;
    const devices = v.devices
      .filter((d) => (query.state === "outstanding" ? !d.actionId : query.state === "actioned" ? !!d.actionId : true))
      .map((d) => ({
        deviceId: d.deviceId,
        assetTag: d.assetTag,
        site: d.site,
        siteId: d.siteId,
        model: d.model,
        deviceClass: d.deviceClass,
        owners: d.owners,
        action: d.actionId ? { state: d.actionState!, workOrder: d.workOrder, actionOn: d.actionOn } : null,
      }));
    return {
      recall: {
        id: r.id,
        recallNumber: r.recallNumber,
        recallClass: r.recallClass,
        firm: r.firm,
        productCode: r.productCode,
        productDescription: r.productDescription,
        initiatedOn: r.initiatedOn,
        status: r.status,
        reason: r.reason,
        postedOn: r.postedOn,
        terminatedOn: r.terminatedOn,
      },
      matches: v.matches.map((m) => ({
        modelId: m.modelId,
        model: m.model,
        manufacturer: m.manufacturer,
        confidence: m.confidence,
        reason: m.reason,
        reviewDecision: m.reviewDecision,
      })),
      devices,
    };
  },
} satisfies ApiRouteDef<typeof recallDeviceQuery, typeof idParams, z.ZodType>;

export const recordRecallActionRoute = {
  method: "POST",
  path: "/api/v1/recalls/{id}/actions",
  scope: "write:recalls",
  params: idParams,
  body: recallActionBody,
  idempotent: true,
  status: 201,
  doc: {
    summary: "Record a recall action on a device",
    description:
      "What was done about the recall on one device, under a CMMS work order: the corrective action, or checked and not affected. Ends the recall being outstanding for the device. Allowed for the party the class's signed RACI makes Responsible for recalls (Clinical Engineering when none is signed); the token acts for it. A recall_action entry in the device's history, audited under the token's name. A second action for the same device is 409. Honours Idempotency-Key.",
    response: recallActionResult,
    responseDescription: "The action recorded.",
    notFound: "No such recall, no device with this asset tag at the token's site, or the recall does not apply to the device.",
    get example() {
      return {
        params: { id: "1" },
        body: {
          assetTag: "LMH-ARW-001",
          state: "done",
          workOrder: "WO-2026-2210",
          actionOn: clock.today(),
          notes: "Kits from the affected lots pulled from stock.",
        },
      };
    },
  },
  run: ({ db, caller, params, body }) => {
    const deviceId = deviceIdByAssetTag(db, caller.actor, body.assetTag);
    if (deviceId == null) throw new AppError("NOT_FOUND", `No device has asset tag ${body.assetTag} at a site this token can see.`);
    checkDate("body.actionOn", "Date of the action", body.actionOn, { max: "today" });
    const a = recordRecallAction(db, tokenWriter(db, caller, "write:recalls"), {
      recallId: Number(params.id),
      deviceId,
      state: body.state,
      workOrder: body.workOrder,
      actionOn: body.actionOn,
      notes: body.notes ?? "",
    });
    return { id: a.id, recallId: a.recallId, deviceId: a.deviceId, state: a.state, workOrder: a.workOrder, actionOn: a.actionOn, notes: a.notes };
  },
} satisfies ApiRouteDef<z.ZodType, typeof idParams, typeof recallActionBody>;

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
  advisoryDevicesRoute,
  listPatchesRoute,
  recordPatchAppliedRoute,
  markPatchNotApplicableRoute,
  requestPatchDeferralRoute,
  patchCompletionsRoute,
  listRecallsRoute,
  getRecallRoute,
  recordRecallActionRoute,
  whoOwnsRoute,
  raciCoverageRoute,
  dashboardRoute,
  listAssessmentsRoute,
  getAssessmentRoute,
] as unknown as readonly AnyRoute[];
