import { sql } from "drizzle-orm";
import { whenWritable, writeTx, type Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { dateProblem } from "@/lib/validation/common";
import { clock } from "@/lib/clock";
import { appendAudit } from "../audit/append-audit";
import { readImportFile } from "../inventory/read-import-file";
import { patchRoutes } from "./route-patches";
import { getPatchPolicy } from "./patch-policy";
import { scopeWhere, selectQueue } from "./patch-queue-sql";
import { toPatchItem, type PatchItem } from "./list-patch-queue";
import { assertUnchanged, canRecordPatch, writePatchRecord } from "./load-patch-item";
import { hasControlCharacter } from "@/lib/rules/visible-text";

/** A completions file is a list of work orders, not an inventory: a few thousand rows at most. */
export const MAX_COMPLETION_ROWS = 5000;

const COLUMNS = {
  assetTag: /^(asset ?tag|asset|tag|asset_tag|asset no\.?|asset number)$/i,
  advisory: /^(advisory|advisory id|advisory tracking id|tracking id|icsma|advisory_id)$/i,
  workOrder: /^(work ?order|wo|wo ?#|work order number|work_order)$/i,
  date: /^(date|date applied|applied on|completed|completed on|completion date|date completed|applied_on)$/i,
  notes: /^(notes?|comments?)$/i,
} as const;

export interface CompletionRow {
  line: number;
  assetTag: string;
  trackingId: string;
  workOrder: string;
  appliedOn: string;
  notes: string;
}

export interface CompletionsPreview {
  fileName: string;
  sha256: string;
  rows: (CompletionRow & { status: string; dueOn: string })[];
  /** Rows with neither a work order nor a date (not done yet, e.g. the rest of an exported queue): left out. */
  skipped: number;
  /** "Line 4: …" sentences; any problem means nothing can be committed. */
  problems: string[];
}

export type Planned = CompletionRow & { item: PatchItem & { recordId: number | null } };

/**
 * Reads a CSV (or XLSX) of completed patch work orders exported from the CMMS — asset tag, advisory tracking id,
 * work order, date applied, optional notes — and checks every row as recording it by hand would: the device and
 * advisory exist, the pair is in the actor's patch queue (site scope), the actor may record it (lead of its
 * Responsible or Accountable party, or admin), it is not already applied, the date is a real calendar date between
 * the OEM's validated date and today, no row repeats another. Problems are named by line.
 */
async function planCompletions(db: Db, actor: Actor, file: { name: string; bytes: Uint8Array }, today: string) {
  assertCan(actor, "patch.read");
  const table = await readImportFile(file.name, file.bytes, { maxBytes: 5 * 1024 * 1024, what: "the completed work orders" });
  const col = (re: RegExp) => table.headers.findIndex((h) => re.test(h.trim()));
  const idx = {
    assetTag: col(COLUMNS.assetTag),
    advisory: col(COLUMNS.advisory),
    workOrder: col(COLUMNS.workOrder),
    date: col(COLUMNS.date),
    notes: col(COLUMNS.notes),
  };
  const missing = [idx.assetTag < 0 && "Asset tag", idx.advisory < 0 && "Advisory", idx.workOrder < 0 && "Work order", idx.date < 0 && "Date applied"].filter(
    Boolean,
  );
  if (missing.length) {
    const m = `The file has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}. Expected columns: Asset tag, Advisory, Work order, Date applied (Notes optional). Nothing was imported.`;
    throw new AppError("VALIDATION", m, { file: [m] });
  }
  const rows: CompletionRow[] = [];
  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
  let count = 0;
  let skipped = 0;
  for await (const r of table.rows) {
    if (r.cells.every((c) => !c.trim())) continue;
    if (++count > MAX_COMPLETION_ROWS) {
      const m = `The file has more than ${MAX_COMPLETION_ROWS.toLocaleString("en-US")} rows: split it. Nothing was imported.`;
      throw new AppError("VALIDATION", m, { file: [m] });
    }
    const row: CompletionRow = {
      line: r.rowNumber,
      assetTag: cell(r.cells, idx.assetTag),
      trackingId: cell(r.cells, idx.advisory).toUpperCase(),
      workOrder: cell(r.cells, idx.workOrder),
      appliedOn: cell(r.cells, idx.date),
      notes: cell(r.cells, idx.notes),
    };
    // A row of the exported queue that the CMMS has not completed yet: neither a work order nor a date.
    if (!row.workOrder && !row.appliedOn) {
      skipped++;
      continue;
    }
    rows.push(row);
  }
  if (count === 0) {
    const m = "The file has a header but no rows. Nothing was imported.";
    throw new AppError("VALIDATION", m, { file: [m] });
  }
  const { planned, problems } = checkCompletionRows(db, actor, rows, today);
  return { info: table.info, planned, problems: problems.map((p) => `Line ${p.line}: ${p.message}`), skipped };
}

/** Notes kept per completion: the API's limit (lib/validation/api.ts), which shares these checks. */
const MAX_NOTES = 2000;

/**
 * Checks completion rows — from a CMMS file or the API's JSON (`line` is then the record's index) — as recording each
 * by hand would: the device and advisory exist, the pair is in the actor's patch queue (site scope), the actor may
 * record it (lead of its Responsible or Accountable party, or admin), it is not already applied, the date is a real
 * calendar date between the OEM's validated date and today, no row repeats another. Reads only.
 */
export function checkCompletionRows(
  db: Db,
  actor: Actor,
  rows: readonly CompletionRow[],
  today: string,
): { planned: Planned[]; problems: { line: number; field: keyof CompletionRow | null; message: string }[] } {
  assertCan(actor, "patch.read");
  const routes = patchRoutes(db, actor);
  const policy = getPatchPolicy(db);
  const problems: { line: number; field: keyof CompletionRow | null; message: string }[] = [];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const say = (field: keyof CompletionRow | null, message: string) => problems.push({ line: row.line, field, message });
    if (!row.assetTag) {
      say("assetTag", "the asset tag is empty.");
      continue;
    }
    if (!row.trackingId) {
      say("trackingId", "the advisory is empty.");
      continue;
    }
    if (!row.workOrder) {
      say("workOrder", "the work order is empty: the CMMS work-order number is the record of the work.");
      continue;
    }
    if (row.workOrder.length > 50) {
      say("workOrder", "the work order is longer than 50 characters.");
      continue;
    }
    // Bounded as through the API (found by a probe: 50,000 characters of notes went in).
    if (row.notes.length > MAX_NOTES) {
      say("notes", `the notes are ${row.notes.length.toLocaleString("en-US")} characters long; at most ${MAX_NOTES.toLocaleString("en-US")}.`);
      continue;
    }
    if ([row.assetTag, row.trackingId, row.workOrder, row.notes].some(hasControlCharacter)) {
      say(null, "a cell holds control characters (invisible bytes such as NUL, BEL or ESC): export it as plain text.");
      continue;
    }
    const dp = dateProblem("Date applied", row.appliedOn, { max: "today" }, today);
    if (dp) {
      say("appliedOn", dp);
      continue;
    }
    const key = `${row.assetTag.toUpperCase()}|${row.trackingId}`;
    if (seen.has(key)) {
      say(null, `asset ${row.assetTag} and advisory ${row.trackingId} are already on line ${seen.get(key)}.`);
      continue;
    }
    seen.set(key, row.line);
    const device = db.get<{ id: number }>(sql`select id from devices where asset_tag in (${row.assetTag}, ${row.assetTag.toUpperCase()}) limit 1`);
    if (!device) {
      say("assetTag", `no device has asset tag ${row.assetTag}.`);
      continue;
    }
    const advisory = db.get<{ id: number }>(sql`select id from advisories where upper(tracking_id) = ${row.trackingId}`);
    if (!advisory) {
      say("trackingId", `no advisory ${row.trackingId} has been imported.`);
      continue;
    }
    const raw = selectQueue(db, scopeWhere({ advisoryId: advisory.id, deviceId: device.id, siteId: actor.siteId ?? null }))[0];
    if (!raw) {
      say(null, `device ${row.assetTag} has no OEM-validated patch waiting for ${row.trackingId} (not affected, no validated patch yet, or not in your site).`);
      continue;
    }
    const item = { ...toPatchItem(raw, routes, policy, today), recordId: raw.recordId };
    if (!canRecordPatch(actor, item)) {
      say(
        null,
        `you may not record work for ${row.assetTag}: its class's signed RACI routes patching to ${item.responsible?.map((h) => h.party).join(", ") ?? "no signed owner"}.`,
      );
      continue;
    }
    if (item.status === "applied") {
      say(null, `this patch was already recorded as applied on ${item.appliedOn} (work order ${item.workOrder}).`);
      continue;
    }
    if (row.appliedOn < item.validatedOn) {
      say("appliedOn", `the date applied ${row.appliedOn} is before the OEM validated the patch (${item.validatedOn}).`);
      continue;
    }
    planned.push({ ...row, item });
  }
  return { planned, problems };
}

/** What the import would record, and every problem by line. Writes nothing. */
export async function previewPatchCompletions(
  db: Db,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
  today = clock.today(),
): Promise<CompletionsPreview> {
  const { info, planned, problems, skipped } = await planCompletions(db, actor, file, today);
  return {
    skipped,
    fileName: info.name,
    sha256: info.sha256,
    rows: planned.map(({ item, ...r }) => ({ ...r, status: item.status, dueOn: item.dueOn })),
    problems,
  };
}

/**
 * Records every row as applied in one write transaction — all or nothing: a single bad row refuses the whole file
 * with its line named, and nothing is written. `expectedSha256` (from the preview) makes sure the file committed is
 * the file previewed.
 */
export async function commitPatchCompletions(
  db: Db,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
  expectedSha256: string | undefined,
  now = clock.now(),
): Promise<{ recorded: number }> {
  const today = clock.today();
  const { info, planned, problems } = await planCompletions(db, actor, file, today);
  // Commit only what was previewed (found by a probe: a commit without the preview's SHA-256 recorded the file unseen).
  if (!expectedSha256) throw new AppError("VALIDATION", "Preview the file first: the import records only a file you have previewed.");
  if (expectedSha256 !== info.sha256) throw new AppError("CONFLICT", "This is not the file you previewed. Preview it again, then import.");
  if (problems.length) {
    const m = `Nothing was imported: ${problems.length} row${problems.length === 1 ? " has a problem" : "s have problems"}. ${problems.slice(0, 5).join(" ")}${problems.length > 5 ? " …" : ""}`;
    throw new AppError("VALIDATION", m, { file: problems });
  }
  // The file was read after the request's door (an await): an import may have begun its transaction since.
  return whenWritable(db, () =>
    writeCompletions(db, actor, planned, { name: info.name, sha256: info.sha256, label: `the CMMS completions file ${info.name}` }, now),
  );
}

/**
 * Records checked completions as applied in one write transaction: each its patch record, device-history entry and
 * audit row, then one PATCH_COMPLETIONS_IMPORTED entry for the batch. A row someone recorded in between refuses all.
 */
export function writeCompletions(
  db: Db,
  actor: Actor,
  planned: readonly Planned[],
  source: { name: string; sha256: string; label: string },
  now: Date,
): { recorded: number } {
  return writeTx(db, (tx) => {
    for (const p of planned) {
      assertUnchanged(tx, p.item);
      writePatchRecord(
        tx,
        actor,
        p.item,
        { outcome: "applied", appliedOn: p.appliedOn, workOrder: p.workOrder, notes: p.notes || null },
        {
          kind: "patch_applied",
          workOrder: p.workOrder,
          note: `${p.item.trackingId}: OEM-validated patch${p.item.validatedVersion ? ` (${p.item.validatedVersion})` : ""} applied on ${p.appliedOn} (from ${source.label}).${p.notes ? ` ${p.notes}` : ""}`,
        },
        "PATCH_APPLIED",
        now,
      );
    }
    appendAudit(tx, {
      actor,
      action: "PATCH_COMPLETIONS_IMPORTED",
      entityType: "patch_completions",
      entityId: source.sha256.slice(0, 16),
      newValues: { fileName: source.name, sha256: source.sha256, rows: planned.length },
      at: now,
    });
    return { recorded: planned.length };
  });
}
