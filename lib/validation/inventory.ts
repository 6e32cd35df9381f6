import { z } from "zod";
import { DEVICE_STATUSES } from "@/db/schema/inventory";
import { SUPPORT_STATUSES } from "@/lib/rules/support-status";
import { exportRefusal, parseQuery, q, type ParsedQuery, type Raw } from "./query";

export const ACCURACY_GAPS = ["noClass", "noLocation", "noAddress", "stale", "duplicates", "unknownSupport"] as const;
export type AccuracyGap = (typeof ACCURACY_GAPS)[number];

/**
 * Filters of the inventory list, its exports and the accuracy links, read by one set of parsers (lib/validation/query):
 * the page drops a bad value and names it while the others still apply; the export refuses the whole request instead
 * (a file must match what was asked). Either way the same value means the same filter — a probe found the export
 * reading "site=0x1" as site 1 while the page ignored it. Malformed values are a sentence, never a 500 (issue #10).
 */
const deviceFilterQuery = {
  site: q.id("Site"),
  deviceClass: q.id("Device class"),
  manufacturer: q.id("Manufacturer"),
  model: q.id("Model"),
  support: q.enum("Support status", SUPPORT_STATUSES),
  status: q.enum("Status", DEVICE_STATUSES),
  connected: q.enum("Connected", ["yes", "no"] as const),
  phi: q.enum("Stores PHI", ["yes", "no"] as const),
  gap: q.enum("Accuracy gap", ACCURACY_GAPS),
  q: q.text(200),
  page: q.page(),
};
export type DeviceFilter = Partial<ParsedQuery<typeof deviceFilterQuery>>;

/** The inventory page's reading: bad values dropped, each named in a sentence. */
export function parseDeviceListQuery(raw: Record<string, Raw>): { filter: DeviceFilter; problems: string[] } {
  const { query, problems } = parseQuery(deviceFilterQuery, raw);
  return { filter: query, problems };
}

/** The export's reading: the same filter, or the first bad value as a sentence (nothing is exported). */
export function parseDeviceFilter(raw: Record<string, Raw>): { ok: true; filter: DeviceFilter } | { ok: false; message: string } {
  const { query, problems } = parseQuery(deviceFilterQuery, raw);
  if (problems.length === 0) return { ok: true, filter: query };
  return { ok: false, message: exportRefusal(problems[0]!) };
}

const optionalDate = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date (YYYY-MM-DD).")
    .nullable(),
);
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || null : (v ?? null)), z.string().max(max, `At most ${max} characters.`).nullable());

export const updateDeviceSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    serialNumber: optionalText(200).optional(),
    location: optionalText(200).optional(),
    status: z.enum(DEVICE_STATUSES).optional(),
    storesPhi: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
    connected: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
    hostname: optionalText(253).optional(),
    ipAddress: optionalText(45).optional(),
    macAddress: optionalText(17).optional(),
    osName: optionalText(100).optional(),
    osVersion: optionalText(100).optional(),
    softwareVersion: optionalText(100).optional(),
    workOrder: optionalText(50).optional(),
    part: z.enum(["device", "network"]),
  })
  .strict();
export type UpdateDeviceInput = z.infer<typeof updateDeviceSchema>;

export const updateModelSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    deviceClassId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
    modelNumber: optionalText(100),
    fdaProductCode: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() || null : null),
      z
        .string()
        .regex(/^[A-Z]{3}$/, "An FDA product code is three letters.")
        .nullable(),
    ),
    mds2OnFile: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    mds2Date: optionalDate,
    endOfSale: optionalDate,
    endOfSupport: optionalDate,
    endOfSecurityPatches: optionalDate,
  })
  .strict();
export type UpdateModelInput = z.infer<typeof updateModelSchema>;

/** A JSON object sent in one form field (mapping, choices); malformed JSON is a sentence, not a 500. */
const jsonObject = <T extends z.ZodType>(schema: T, label: string) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null || v === "") return undefined;
      if (typeof v !== "string" || v.length > 200_000) return Symbol("bad");
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return Symbol("bad");
      }
    },
    schema.optional().refine((x) => typeof x !== "symbol", `${label} could not be read: preview the file again.`),
  );

const fieldName = z.string().max(40);
export const importFormSchema = z
  .object({
    file: z.preprocess((v) => (v instanceof File ? v : undefined), z.instanceof(File, { message: "Choose the CMMS export file to import." })),
    source: z.string().trim().min(1, "Name the CMMS this export comes from (for example Maximo or AIMS).").max(100, "At most 100 characters."),
    defaultSiteId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
    fullExport: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    profileId: z.preprocess((v) => (v === "" || v == null ? null : v), z.coerce.number().int().positive().nullable()),
    mapping: jsonObject(z.record(z.string().max(300), fieldName.nullable()), "The column mapping"),
    manufacturerChoices: jsonObject(z.record(z.string().max(500), z.union([z.literal("new"), z.number().int().positive()])), "The manufacturer choices"),
    modelClassChoices: jsonObject(z.record(z.string().max(700), z.number().int().positive().nullable()), "The model classes"),
    expectedSha256: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
    ),
    profileName: z.preprocess(
      (v) => (typeof v === "string" ? v.trim() || undefined : undefined),
      z.string().max(100, "A mapping name is at most 100 characters.").optional(),
    ),
    /** The page's id for this run's progress bar (a random UUID). */
    jobId: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^[A-Za-z0-9-]{8,64}$/, "The import job id is not valid.")
        .optional(),
    ),
  })
  .strict();
export type ImportFormInput = z.infer<typeof importFormSchema>;
