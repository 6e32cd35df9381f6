import { parse } from "csv-parse/sync";
import { eq, inArray, isNull, sql } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { advisories, advisoryVulnerabilities, kevEntries } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { readKevRows, type KevEntry } from "@/lib/rules/kev";
import { appendAudit } from "../audit/append-audit";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import type { UploadedFile } from "./read-advisory-files";

export const KEV_FILE_LIMIT = 5 * 1024 * 1024;

export interface KevImportResult {
  catalogVersion: string;
  entries: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** Parses a KEV export: CISA's JSON feed (`{ catalogVersion, vulnerabilities: [...] }`) or its CSV. */
export function parseKevFile(file: UploadedFile): { catalogVersion: string; entries: KevEntry[] } {
  const refuse = (msg: string): never => {
    throw new AppError("VALIDATION", `Nothing was imported. ${msg}`);
  };
  if (file.bytes.byteLength === 0) refuse(`${file.name} is empty.`);
  if (file.bytes.byteLength > KEV_FILE_LIMIT) refuse(`${file.name} is larger than 5 MB; the whole KEV catalog is about 1.3 MB.`);
  let text = "";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes).replace(/^\uFEFF/, "");
  } catch {
    refuse(`${file.name} is not UTF-8 text: choose CISA's KEV JSON or CSV file.`);
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      refuse(`${file.name} is not valid JSON (${e instanceof Error ? e.message : "unreadable"}).`);
    }
    const d = doc as { catalogVersion?: unknown; vulnerabilities?: unknown };
    if (typeof d !== "object" || d === null || !Array.isArray(d.vulnerabilities))
      refuse(`${file.name} is JSON but not the KEV catalog: it has no "vulnerabilities" list.`);
    const rows = (d.vulnerabilities as unknown[]).filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null && !Array.isArray(r));
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const read = readKevRows(columns, rows, 1);
    if (read.problems.length) refuse(read.problems.join(" "));
    return { catalogVersion: typeof d.catalogVersion === "string" ? d.catalogVersion : latest(read.entries), entries: read.entries };
  }
  let records: Record<string, string>[] = [];
  let columns: string[] = [];
  try {
    records = parse(text, {
      columns: (header: string[]) => (columns = header.map((h) => h.trim())),
      skip_empty_lines: true,
      relax_column_count: false,
      max_record_size: 1_000_000,
    }) as Record<string, string>[];
  } catch (e) {
    refuse(`${file.name} is not a readable CSV file (${e instanceof Error ? e.message.split("\n")[0] : "unreadable"}).`);
  }
  const read = readKevRows(columns, records, 2);
  if (read.problems.length) refuse(read.problems.join(" "));
  return { catalogVersion: latest(read.entries), entries: read.entries };
}

const latest = (entries: KevEntry[]) => entries.reduce((m, e) => (e.dateAdded > m ? e.dateAdded : m), "");

/**
 * Imports the whole KEV catalog, all or nothing: new CVEs added, changed ones updated, CVEs the catalog no longer
 * lists marked removed (never deleted). The same catalog again writes nothing. One audit entry with the counts.
 */
export function importKev(db: Db, actor: Actor, file: UploadedFile, now = clock.now()): KevImportResult {
  assertCan(actor, "advisory.import");
  const { catalogVersion, entries } = parseKevFile(file);
  return writeTx(db, (tx) => writeKev(tx, actor, catalogVersion, entries, file.name, now));
}

/** Stores a checked KEV catalog inside the caller's write transaction (the import and the demo seed). */
export function writeKev(
  tx: Tx,
  actor: Pick<Actor, "id" | "name" | "email">,
  catalogVersion: string,
  entries: readonly KevEntry[],
  fileName: string,
  now: Date,
): KevImportResult {
  const at = now.toISOString();
  {
    const stored = new Map(
      tx
        .select()
        .from(kevEntries)
        .all()
        .map((e) => [e.cve, e]),
    );
    const result: KevImportResult = { catalogVersion, entries: entries.length, added: 0, changed: 0, removed: 0, unchanged: 0 };
    const fields = (e: KevEntry) => ({
      vendorProject: e.vendorProject,
      product: e.product,
      name: e.name,
      dateAdded: e.dateAdded,
      dueDate: e.dueDate,
      ransomwareUse: e.ransomwareUse,
      shortDescription: e.shortDescription,
      requiredAction: e.requiredAction,
    });
    const toWrite: (typeof kevEntries.$inferInsert)[] = [];
    for (const e of entries) {
      const old = stored.get(e.cve);
      const f = fields(e);
      if (old && !old.removedAt && (Object.keys(f) as (keyof typeof f)[]).every((k) => old[k] === f[k])) {
        result.unchanged++;
        continue;
      }
      if (old) result.changed++;
      else result.added++;
      toWrite.push({ cve: e.cve, ...f, catalogVersion, importedAt: at, removedAt: null });
    }
    for (let i = 0; i < toWrite.length; i += 500) {
      tx.insert(kevEntries)
        .values(toWrite.slice(i, i + 500))
        .onConflictDoUpdate({
          target: kevEntries.cve,
          set: {
            vendorProject: sql`excluded.vendor_project`,
            product: sql`excluded.product`,
            name: sql`excluded.name`,
            dateAdded: sql`excluded.date_added`,
            dueDate: sql`excluded.due_date`,
            ransomwareUse: sql`excluded.ransomware_use`,
            shortDescription: sql`excluded.short_description`,
            requiredAction: sql`excluded.required_action`,
            catalogVersion: sql`excluded.catalog_version`,
            importedAt: sql`excluded.imported_at`,
            removedAt: sql`null`,
          },
        })
        .run();
    }
    const listed = new Set(entries.map((e) => e.cve));
    const gone = [...stored.values()].filter((e) => !e.removedAt && !listed.has(e.cve)).map((e) => e.cve);
    for (let i = 0; i < gone.length; i += 500) {
      tx.update(kevEntries)
        .set({ removedAt: at })
        .where(
          sql`${kevEntries.cve} in (${sql.join(
            gone.slice(i, i + 500).map((c) => sql`${c}`),
            sql`, `,
          )}) and ${isNull(kevEntries.removedAt)}`,
        )
        .run();
    }
    result.removed = gone.length;
    // A CVE that becomes known exploited and that a stored advisory names: someone must look at the devices now.
    const newlyExploited = toWrite.filter((e) => !stored.get(e.cve) || stored.get(e.cve)!.removedAt).map((e) => e.cve);
    for (let i = 0; i < newlyExploited.length; i += 500) {
      const part = newlyExploited.slice(i, i + 500);
      const hits = tx
        .select({ cve: advisoryVulnerabilities.cve, advisoryId: advisories.id, trackingId: advisories.trackingId, title: advisories.title })
        .from(advisoryVulnerabilities)
        .innerJoin(advisories, eq(advisories.id, advisoryVulnerabilities.advisoryId))
        .where(inArray(advisoryVulnerabilities.cve, part))
        .all();
      const byCve = new Map<string, { id: number; trackingId: string; title: string }[]>();
      for (const h of hits) byCve.set(h.cve!, [...(byCve.get(h.cve!) ?? []), { id: h.advisoryId, trackingId: h.trackingId, title: h.title }]);
      for (const [cve, list] of byCve) {
        const k = entries.find((e) => e.cve === cve)!;
        enqueueWebhookEvent(tx, "kev.known_exploited_match", { cve, dateAdded: k.dateAdded, dueDate: k.dueDate, name: k.name, advisories: list }, now);
      }
    }
    if (result.added + result.changed + result.removed > 0) {
      appendAudit(tx, {
        actor,
        action: "KEV_IMPORTED",
        entityType: "kev_catalog",
        entityId: catalogVersion,
        newValues: { file: fileName, ...result },
        at: now,
      });
    }
    return result;
  }
}
