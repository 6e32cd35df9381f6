import crypto from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { devices } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { IMPORT_FIELDS, type ImportField, type RowError } from "@/lib/rules/inventory-import";
import type { UpsertDevicesBody } from "@/lib/validation/api";
import { assertCanImport } from "./access";
import { commitImport, type CommitResult } from "./commit-import";
import type { ImportTable } from "./read-import-file";

/**
 * Creates or updates up to 5,000 devices sent by a CMMS through the API, all or nothing. The records go through the
 * CMMS import's own rules and write path (plan-import.ts, commit-import.ts, lib/rules/inventory-import.ts): the same
 * matching by (source, CMMS id) then asset tag, manufacturer aliases, checks of every field, history rows with old
 * and new values and one audit entry for the call, so a device cannot be valid through one door and not the other.
 * Unlike a file import, any row error refuses the whole call (VALIDATION, each error naming `devices.<index>.<field>`).
 * A site-restricted actor writes only its own site's devices: another site's device or site is NOT_FOUND.
 */
export async function upsertDevices(db: Db, actor: Actor, input: UpsertDevicesBody): Promise<CommitResult> {
  assertCanImport(db, actor);
  const bodyText = JSON.stringify(input);
  const headers = [...IMPORT_FIELDS];
  // An absent field is an undefined cell: the import then leaves the stored value alone (it never blanks a field).
  const cell = (v: string | boolean | undefined) => (v === undefined ? undefined : typeof v === "boolean" ? (v ? "yes" : "no") : v);
  const table: ImportTable = {
    info: {
      name: `API bulk upsert (${input.devices.length} devices)`,
      sizeBytes: Buffer.byteLength(bodyText),
      sha256: crypto.createHash("sha256").update(bodyText).digest("hex"),
      kind: "json",
      encoding: null,
      delimiter: null,
      headerRow: 0,
      description: "JSON records sent through /api/v1/devices/bulk",
    },
    headers,
    records: true,
    rowEstimate: input.devices.length,
    rows: (async function* () {
      for (const [i, d] of input.devices.entries())
        yield { rowNumber: i, cells: headers.map((f) => cell((d as Partial<Record<ImportField, string | boolean>>)[f])) as string[] };
    })(),
  };
  return commitImport(db, actor, {
    fileName: table.info.name,
    bytes: new Uint8Array(),
    source: input.source,
    mapping: Object.fromEntries(headers.map((h) => [h, h])),
    table,
    refuseRowErrors: (errors) => rowErrors(errors),
    checkPlan: (plan) => {
      if (actor.siteId == null) return;
      const siteId = actor.siteId;
      for (const c of plan.changes) {
        if (c.kind === "new" && c.values?.siteId !== siteId) throw outsideSite(c.rowNumber, "site");
        if (c.kind === "changed" && c.fields.siteId && c.fields.siteId.new !== siteId) throw outsideSite(c.rowNumber, "site");
      }
      const ids = plan.changes.filter((c) => c.kind === "changed" && c.deviceId != null).map((c) => c.deviceId!);
      for (let i = 0; i < ids.length; i += 500) {
        const other = db
          .select({ id: devices.id, siteId: devices.siteId })
          .from(devices)
          .where(inArray(devices.id, ids.slice(i, i + 500)))
          .all()
          .find((d) => d.siteId !== siteId);
        if (other) throw outsideSite(plan.changes.find((c) => c.deviceId === other.id)?.rowNumber ?? null, "assetTag");
      }
    },
  });
}

/**
 * A row error's sentence as a request's: the records are devices of this request, numbered from 0, not rows of a file
 * ("appears 2 times in the file (rows 0, 1)" → "appears 2 times in this request (devices 0, 1)").
 */
function inRequestTerms(message: string): string {
  return message
    .replace(/ in the file \(rows ([\d, ]+)\)/, " in this request (devices $1)")
    .replace(/ appears on rows ([\d, ]+):/, " appears on devices $1:")
    .replace("keep one row per device", "keep one record per device");
}

function rowErrors(errors: readonly RowError[]): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const e of errors) (fieldErrors[`body.devices.${e.row}.${e.column || "assetTag"}`] ??= []).push(inRequestTerms(e.message));
  const rows = new Set(errors.map((e) => e.row)).size;
  return new AppError("VALIDATION", `Nothing was written: ${rows} of the devices ${rows === 1 ? "has" : "have"} errors (see errors).`, fieldErrors);
}

function outsideSite(row: number | null, field: string): AppError {
  return new AppError("NOT_FOUND", `Nothing was written: device ${row ?? "?"} is at a site this token cannot see (devices.${row}.${field}).`);
}
