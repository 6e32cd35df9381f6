import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { DEVICE_EVENT_KINDS, DEVICE_STATUSES } from "@/db/schema/inventory";
import { RECALL_ACTION_STATES, RECALL_CLASSES } from "@/db/schema/recalls";
import { PATCH_STATUSES } from "@/lib/rules/patch-state";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import { PATCH_AGES } from "./patches";

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

export const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^\d{1,9}$/, "The id is a positive whole number.")
    .openapi({ example: "1" }),
});

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
    products: z.array(
      z.object({
        id: z.number().int(),
        vendor: z.string(),
        productName: z.string(),
        versionText: z.string().nullable(),
        reading: z.string(),
        exact: z.boolean(),
      }),
    ),
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

// ---------------------------------------------------------------------------------------------------------------
// Devices (issue #14 item 3): the inventory's filters, its rows, and the CMMS bulk upsert.
// ---------------------------------------------------------------------------------------------------------------

const idQuery = (what: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `The ${what} is a positive whole number.`)
    .optional()
    .openapi({ description: `Id of a ${what}.` });
const yesNoQuery = (what: string) => z.enum(["yes", "no"]).optional().openapi({ description: what });

export const listDevicesQuery = z
  .strictObject({
    site: idQuery("site"),
    deviceClass: idQuery("device class").openapi({ description: "A device class id: the class and every class under it." }),
    manufacturer: idQuery("manufacturer"),
    model: idQuery("model"),
    support: z.enum(SUPPORT_STATUSES).optional().openapi({ description: "OEM support status of the device's model today." }),
    status: z.enum(DEVICE_STATUSES).optional().openapi({ description: "Device status; without it, retired devices are left out." }),
    connected: yesNoQuery("Connected to the network."),
    storesPhi: yesNoQuery("Stores protected health information."),
    q: z.string().trim().min(1).max(200).optional().openapi({ description: "An asset tag (or its beginning), serial number, hostname or IP address." }),
    ...cursorQuery,
  })
  .openapi("ListDevicesQuery");

export const deviceRow = z
  .object({
    id: z.number().int(),
    assetTag: z.string().openapi({ example: "LMH-10001" }),
    serialNumber: z.string().nullable(),
    manufacturer: z.string().nullable(),
    manufacturerId: z.number().int().nullable(),
    model: z.string().nullable(),
    modelId: z.number().int().nullable(),
    deviceClass: z.string().nullable(),
    site: z.string(),
    location: z.string().nullable(),
    status: z.enum(DEVICE_STATUSES),
    connected: z.boolean(),
    ipAddress: z.string().nullable(),
    hostname: z.string().nullable(),
    storesPhi: z.boolean(),
    support: z.enum(SUPPORT_STATUSES),
    supportEndsOn: z.string().nullable().openapi({ format: "date" }),
    softwareVersion: z.string().nullable(),
    lastInventoriedOn: z.string().nullable().openapi({ format: "date" }),
  })
  .openapi("Device");

export const devicePage = z.object({ items: z.array(deviceRow), nextCursor: z.string().nullable() }).openapi("DevicePage");

export const deviceDetail = deviceRow
  .extend({
    description: z.string().nullable(),
    cmmsSource: z.string().nullable(),
    cmmsId: z.string().nullable(),
    macAddress: z.string().nullable(),
    osName: z.string().nullable(),
    osVersion: z.string().nullable(),
    lastSeenOn: z.string().nullable().openapi({ format: "date" }),
    deviceClassId: z.number().int().nullable(),
    siteId: z.number().int(),
  })
  .openapi("DeviceDetail");

export const assetTagParams = z.strictObject({ assetTag: z.string().min(1).max(500).openapi({ example: "LMH-10001" }) });

const text = (max: number, description: string) => z.string().max(max, `At most ${max} characters.`).optional().openapi({ description });
const date = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date (YYYY-MM-DD).")
    .optional()
    .openapi({ format: "date", description });

/** One device of a bulk upsert: the CMMS import's fields. An absent field is left as stored (an import never blanks one). */
export const deviceRecord = z
  .strictObject({
    assetTag: z
      .string()
      .min(1, "Every device needs an asset tag.")
      .max(500)
      .openapi({ description: "Unique across the organization; matches an existing device (or its CMMS id does)." }),
    cmmsId: text(500, "The CMMS's own record id: a device is matched by (source, CMMS id) first, then by asset tag."),
    serialNumber: text(500, "Serial number."),
    manufacturer: text(500, "Manufacturer as the CMMS spells it; matched to a known manufacturer through its aliases, else created."),
    model: text(500, "Model name; created under the manufacturer when new."),
    description: text(500, "Equipment type or description."),
    site: text(500, "Site name or code; required for a new device."),
    location: text(500, "Department or room."),
    status: z.enum(DEVICE_STATUSES).optional(),
    ipAddress: text(500, "IPv4 or IPv6 address."),
    macAddress: text(500, "Six pairs of hex digits."),
    hostname: text(500, "Hostname."),
    osName: text(500, "Operating system."),
    osVersion: text(500, "Operating system version."),
    softwareVersion: text(500, "Software or firmware version."),
    connected: z.boolean().optional(),
    storesPhi: z.boolean().optional(),
    lastInventoriedOn: date("Date of the last physical inventory."),
    lastSeenOn: date("Date last seen on the network."),
  })
  .openapi("DeviceRecord");

export const MAX_UPSERT_DEVICES = 5000;

export const upsertDevicesBody = z
  .strictObject({
    source: z
      .string()
      .trim()
      .min(1, "Name the CMMS these records come from.")
      .max(100)
      .openapi({ description: "The CMMS these records come from (e.g. Maximo): CMMS ids are unique per source.", example: "Maximo" }),
    devices: z
      .array(deviceRecord)
      .min(1, "Send at least one device.")
      .max(MAX_UPSERT_DEVICES)
      .openapi({ description: `1 to ${MAX_UPSERT_DEVICES} devices; more is a 413.` }),
  })
  .openapi("UpsertDevicesRequest");
export type UpsertDevicesBody = z.infer<typeof upsertDevicesBody>;

export const upsertDevicesResult = z
  .object({
    importId: z.number().int().nullable().openapi({ description: "The import's history entry; null when nothing changed (nothing was written)." }),
    counts: z.object({
      rows: z.number().int(),
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      missing: z.number().int(),
      errors: z.number().int(),
    }),
    manufacturersCreated: z.number().int(),
    modelsCreated: z.number().int(),
    aliasesAdded: z.number().int(),
    sha256: z.string(),
  })
  .openapi("UpsertDevicesResult");

export const deviceEvent = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ format: "date-time" }),
    actor: z.string().openapi({ description: "Who did it: a person, or “API token “name”” for an integration." }),
    kind: z.enum(DEVICE_EVENT_KINDS),
    changes: z.record(z.string(), z.object({ old: z.unknown(), new: z.unknown() })).nullable(),
    workOrder: z.string().nullable(),
    note: z.string().nullable(),
    importId: z.number().int().nullable(),
  })
  .openapi("DeviceEvent");

export const deviceHistoryPage = z.object({ items: z.array(deviceEvent), nextCursor: z.string().nullable() }).openapi("DeviceHistoryPage");
export const deviceHistoryQuery = z.strictObject({ ...cursorQuery }).openapi("DeviceHistoryQuery");

export const deviceWorkBody = z
  .strictObject({
    workOrder: z.string().trim().min(1, "Give the CMMS work order number.").max(50, "At most 50 characters.").openapi({ example: "WO-2026-0042" }),
    note: z
      .string()
      .trim()
      .min(1, "Say what was done.")
      .max(2000, "At most 2,000 characters.")
      .openapi({ example: "Preventive maintenance; firmware checked." }),
  })
  .openapi("DeviceWorkEvent");

// ---------------------------------------------------------------------------------------------------------------
// Who owns, dashboard, assessments
// ---------------------------------------------------------------------------------------------------------------

export const whoOwnsQuery = z
  .strictObject({
    deviceClass: idQuery("device class"),
    device: idQuery("device").openapi({ description: "A device id: its model's device class is used." }),
  })
  .refine((q) => (q.deviceClass === undefined) !== (q.device === undefined), { message: "Give either deviceClass or device.", path: ["deviceClass"] })
  .openapi("WhoOwnsQuery");

const owner = z.object({ partyId: z.number().int(), party: z.string(), lead: z.string().nullable(), inheritedFrom: z.string(), overriddenHere: z.boolean() });
export const whoOwnsResult = z
  .object({
    deviceClass: z.object({ id: z.number().int(), name: z.string() }),
    device: z.object({ id: z.number().int(), assetTag: z.string() }).nullable(),
    effectiveVersionNo: z.number().int().nullable(),
    activities: z.array(
      z.object({
        activityId: z.number().int(),
        activity: z.string(),
        csf: z.array(z.string()),
        R: z.array(owner),
        A: z.array(owner),
        C: z.array(owner),
        I: z.array(owner),
        signed: z.boolean().openapi({ description: "The effective (signed) version has exactly these letters for this activity." }),
        pendingVersionNo: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("WhoOwns");

export const dashboardQuery = z
  .strictObject({ site: idQuery("site").openapi({ description: "A site id; a token limited to one site always gets its own." }) })
  .openapi("DashboardQuery");
export const dashboardResult = z
  .object({
    scope: z.object({ siteId: z.number().int().nullable(), siteName: z.string(), locked: z.boolean() }),
    today: z.string().openapi({ format: "date" }),
    responsibilities: z.record(z.string(), z.number()).openapi({ description: "RACI figures over device classes: total, signed, signedPct, inReview, …" }),
    assessments: z.record(z.string(), z.unknown()).openapi({ description: "CSF assessment figures: the latest approved scores per function." }),
    drills: z.record(z.string(), z.unknown()).openapi({ description: "Exercise cadence and improvement items per site." }),
  })
  .openapi("Dashboard");

const rollupSchema = z.object({
  id: z.string(),
  current: z.number().nullable(),
  target: z.number().nullable(),
  gap: z.number().nullable(),
  answered: z.number().int(),
  applicable: z.number().int(),
  total: z.number().int(),
});
export const assessmentSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scopeType: z.string(),
    scope: z.string(),
    siteId: z.number().int().nullable(),
    deviceClassId: z.number().int().nullable(),
    status: z.string(),
    tier: z.number().int().nullable().openapi({ description: "CSF Implementation Tier (1 Partial … 4 Adaptive), rated once for the organization." }),
    dueDate: z.string().openapi({ format: "date" }),
    approvedAt: z.string().nullable(),
    answered: z.number().int(),
    total: z.number().int(),
  })
  .openapi("AssessmentSummary");
export const assessmentPage = z.object({ items: z.array(assessmentSummary) }).openapi("AssessmentList");
export const assessmentDetail = z
  .object({
    assessment: assessmentSummary,
    overall: rollupSchema,
    functions: z.array(rollupSchema),
    categories: z.array(rollupSchema.extend({ name: z.string() })),
    answers: z.array(
      z.object({ subcategoryId: z.string(), current: z.number().int().nullable(), target: z.number().int().nullable(), notApplicable: z.boolean() }),
    ),
  })
  .openapi("AssessmentDetail");

export const advisoryDevicesQuery = z
  .strictObject({
    review: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "true: the possible matches awaiting a Clinical Engineering review instead of the affected devices." }),
    ...cursorQuery,
  })
  .openapi("AdvisoryDevicesQuery");
export const advisoryDevice = z
  .object({
    deviceId: z.number().int(),
    assetTag: z.string(),
    site: z.string(),
    siteId: z.number().int(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    softwareVersion: z.string().nullable(),
    confidence: z.string().openapi({ description: "version or model (decided by the rules), possible (a person confirms it)." }),
    reason: z.string().openapi({ description: "Why the rules matched it." }),
    reviewDecision: z.string().nullable(),
    matchedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AdvisoryDevice");
export const advisoryDevicePage = z.object({ items: z.array(advisoryDevice), nextCursor: z.string().nullable() }).openapi("AdvisoryDevicePage");

/** A CSAF 2.0 advisory document, checked by the advisory import (lib/rules/csaf.ts), not here. */
export const csafBody = z
  .record(z.string(), z.unknown())
  .openapi("CsafDocument", { description: "A CSAF 2.0 advisory (JSON), as CISA publishes ICSMA advisories." });
export const advisoryImportResult = z
  .object({
    results: z.array(
      z.object({ trackingId: z.string(), title: z.string(), outcome: z.enum(["created", "updated", "unchanged", "older"]), note: z.string().optional() }),
    ),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    older: z.number().int(),
  })
  .openapi("AdvisoryImportResult");

// ---------------------------------------------------------------------------------------------------------------
// The patch queue (issue #14 item 3; decision 0030): the /patches page's filter and rank; writes by asset tag and
// advisory tracking id, the two keys a CMMS work order carries.
// ---------------------------------------------------------------------------------------------------------------

export const listPatchesQuery = z
  .strictObject({
    party: z
      .string()
      .regex(/^(\d{1,9}|none)$/, "A party id, or “none” for classes without a signed owner.")
      .optional()
      .openapi({
        description: "A party id: items whose class's signed RACI names it Responsible or Accountable for patching; “none”: classes without a signed owner.",
      }),
    site: idQuery("site"),
    status: z
      .enum([...PATCH_STATUSES, "all"])
      .optional()
      .openapi({ description: "Default open (due soon and overdue included); “all” takes every status." }),
    advisory: idQuery("advisory"),
    device: idQuery("device"),
    age: z.enum(PATCH_AGES).optional().openapi({ description: "Days since the OEM validated the patch." }),
    ...cursorQuery,
  })
  .openapi("ListPatchesQuery");

const holder = z.object({ partyId: z.number().int(), party: z.string(), lead: z.string().nullable() });
export const patchItem = z
  .object({
    advisoryId: z.number().int(),
    trackingId: z.string().openapi({ example: "ICSMA-23-194-01" }),
    advisoryTitle: z.string(),
    deviceId: z.number().int(),
    assetTag: z.string(),
    site: z.string(),
    siteId: z.number().int(),
    model: z.string(),
    manufacturer: z.string().nullable(),
    deviceClass: z.string().nullable(),
    onKev: z.boolean(),
    cvss: z.number().nullable(),
    reasons: z.array(z.string()).openapi({ description: "Why it ranks where it does (KEV, CVSS, life-sustaining, …)." }),
    validatedOn: z.string().openapi({ format: "date", description: "The day the OEM validated the patch: the due date counts from it." }),
    validatedVersion: z.string().nullable(),
    bulletin: z.string().nullable(),
    dueOn: z.string().openapi({ format: "date" }),
    dueRule: z.string(),
    status: z.enum(PATCH_STATUSES),
    deferUntil: z.string().nullable().openapi({ format: "date" }),
    appliedOn: z.string().nullable().openapi({ format: "date" }),
    workOrder: z.string().nullable(),
    responsible: z.array(holder).nullable().openapi({ description: "Null: the class has no signed owner for patching." }),
    accountable: z.array(holder).nullable(),
  })
  .openapi("PatchItem");
export const patchPage = z.object({ items: z.array(patchItem), nextCursor: z.string().nullable() }).openapi("PatchPage");

const patchRef = {
  assetTag: z.string().trim().min(1, "Give the device's asset tag.").max(500).openapi({ example: "LMH-10035" }),
  advisory: z
    .string()
    .trim()
    .min(1, "Give the advisory's tracking id.")
    .max(100)
    .openapi({ description: "The advisory's tracking id.", example: "ICSMA-23-194-01" }),
};
const apiWorkOrder = z.string().trim().min(1, "Give the CMMS work order number.").max(50, "At most 50 characters.");
const apiDate = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date (YYYY-MM-DD).")
    .openapi({ format: "date", description });
const apiReason = z.string().trim().min(1, "Give the reason.").max(2000, "At most 2,000 characters.");

export const patchAppliedBody = z
  .strictObject({
    ...patchRef,
    appliedOn: apiDate("The day the patch was installed: not before the OEM validated it, not in the future. Default: today.").optional(),
    workOrder: apiWorkOrder.openapi({ example: "WO-2026-1187" }),
    notes: z.string().trim().max(2000, "At most 2,000 characters.").optional(),
  })
  .openapi("PatchAppliedRequest");
export const patchNotApplicableBody = z
  .strictObject({ ...patchRef, reason: apiReason.openapi({ example: "The vulnerable web service is not licensed on this unit." }) })
  .openapi("PatchNotApplicableRequest");
export const patchDeferralRequestBody = z
  .strictObject({
    ...patchRef,
    reason: apiReason.openapi({ example: "Downtime only in the spring maintenance window." }),
    deferUntil: apiDate("The last day of the deferral asked for (today or later, at most two years ahead)."),
  })
  .openapi("PatchDeferralRequest");
export const patchRecordResult = z.object({ recordId: z.number().int(), item: patchItem }).openapi("PatchRecordResult");
export const patchDeferralRequestResult = z
  .object({
    id: z.number().int(),
    status: z.literal("pending").openapi({ description: "Pending until the Accountable party's lead accepts it with a signature in Clearline." }),
    advisoryId: z.number().int(),
    trackingId: z.string(),
    deviceId: z.number().int(),
    assetTag: z.string(),
    reason: z.string(),
    deferUntil: z.string().openapi({ format: "date" }),
    requestedAt: z.string().openapi({ format: "date-time" }),
    acceptBy: z
      .array(z.object({ party: z.string(), lead: z.string().nullable() }))
      .openapi({ description: "The Accountable party (and its lead) who must sign." }),
  })
  .openapi("PatchDeferralRequestResult");

export const MAX_COMPLETIONS = 5000;
export const patchCompletionsBody = z
  .strictObject({
    source: z.string().trim().min(1, "Name the CMMS these completions come from.").max(100).openapi({ example: "Maximo" }),
    completions: z
      .array(
        z.strictObject({
          ...patchRef,
          workOrder: apiWorkOrder,
          appliedOn: apiDate("The day the patch was installed."),
          notes: z.string().trim().max(2000, "At most 2,000 characters.").optional(),
        }),
      )
      .min(1, "Send at least one completion.")
      .max(MAX_COMPLETIONS)
      .openapi({ description: `1 to ${MAX_COMPLETIONS} completed patch work orders; all or nothing.` }),
  })
  .openapi("PatchCompletionsRequest");
export const patchCompletionsResult = z.object({ recorded: z.number().int() }).openapi("PatchCompletionsResult");

// ---------------------------------------------------------------------------------------------------------------
// Recalls (FDA device recalls matched to the inventory)
// ---------------------------------------------------------------------------------------------------------------

export const listRecallsQuery = z
  .strictObject({
    recallClass: z.enum(RECALL_CLASSES).optional().openapi({ description: "FDA classification (I is the most serious)." }),
    status: z
      .enum(["outstanding", "actioned", "review", "all"])
      .optional()
      .openapi({ description: "outstanding: some device has no action yet; actioned: every device has one; review: model matches wait for review." }),
    site: idQuery("site"),
    party: z
      .string()
      .regex(/^(\d{1,9}|none)$/, "A party id, or “none”.")
      .optional()
      .openapi({ description: "Recalls with outstanding devices routed to this party (or “none”: no signed owner)." }),
    ...cursorQuery,
  })
  .openapi("ListRecallsQuery");

export const recallSummary = z
  .object({
    id: z.number().int(),
    recallNumber: z.string().openapi({ example: "Z-0053-2020" }),
    recallClass: z.string().nullable(),
    firm: z.string().nullable(),
    productCode: z.string(),
    productDescription: z.string().nullable(),
    initiatedOn: z.string().nullable().openapi({ format: "date" }),
    status: z.string().nullable(),
    devices: z.number().int().openapi({ description: "Devices in service it applies to, within the token's site." }),
    outstanding: z.number().int(),
    awaitingReview: z.number().int(),
    owners: z.array(z.string()),
  })
  .openapi("RecallSummary");
export const recallPage = z.object({ items: z.array(recallSummary), nextCursor: z.string().nullable() }).openapi("RecallPage");

export const recallDeviceQuery = z
  .strictObject({ state: z.enum(["outstanding", "actioned", "all"]).optional().openapi({ description: "Default all." }) })
  .openapi("RecallDeviceQuery");
export const recallDevice = z
  .object({
    deviceId: z.number().int(),
    assetTag: z.string(),
    site: z.string(),
    siteId: z.number().int(),
    model: z.string(),
    deviceClass: z.string().nullable(),
    owners: z
      .array(z.object({ partyId: z.number().int(), party: z.string(), lead: z.string().nullable() }))
      .openapi({ description: "Parties Responsible for recalls in the class's signed RACI; empty: no signed owner (Clinical Engineering handles it)." }),
    action: z
      .object({ state: z.enum(RECALL_ACTION_STATES), workOrder: z.string().nullable(), actionOn: z.string().nullable() })
      .nullable()
      .openapi({ description: "Null: outstanding." }),
  })
  .openapi("RecallDevice");
export const recallDetail = z
  .object({
    recall: recallSummary
      .omit({ devices: true, outstanding: true, awaitingReview: true, owners: true })
      .extend({ reason: z.string().nullable(), postedOn: z.string().nullable(), terminatedOn: z.string().nullable() }),
    matches: z.array(
      z.object({
        modelId: z.number().int(),
        model: z.string(),
        manufacturer: z.string(),
        confidence: z.string(),
        reason: z.string(),
        reviewDecision: z.string().nullable(),
      }),
    ),
    devices: z.array(recallDevice),
  })
  .openapi("RecallDetail");

export const recallActionBody = z
  .strictObject({
    assetTag: z.string().trim().min(1, "Give the device's asset tag.").max(500),
    state: z.enum(RECALL_ACTION_STATES).openapi({ description: "done: the corrective action was taken; not_affected: checked, not affected." }),
    workOrder: z.string().trim().min(1, "Give the CMMS work order number.").max(60, "At most 60 characters."),
    actionOn: apiDate("The day of the action (not in the future)."),
    notes: z.string().trim().max(2000, "At most 2,000 characters.").optional(),
  })
  .openapi("RecallActionRequest");
export const recallActionResult = z
  .object({
    id: z.number().int(),
    recallId: z.number().int(),
    deviceId: z.number().int(),
    state: z.enum(RECALL_ACTION_STATES),
    workOrder: z.string(),
    actionOn: z.string(),
    notes: z.string().nullable(),
  })
  .openapi("RecallActionResult");
