import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { advisories, advisoryImports, advisoryProducts, advisoryRemediations, advisoryVulnerabilities, vulnerabilityProductStatus } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { CsafAdvisory, ProductStatus } from "@/lib/rules/csaf";
import { cvssV3BaseScore } from "@/lib/rules/cvss";
import { appendAudit } from "../audit/append-audit";
import { readAdvisoryFiles, type ReadAdvisory, type UploadedFile } from "./read-advisory-files";
import { matchAdvisories } from "./match-advisories";

export type AdvisoryOutcome = "created" | "updated" | "unchanged" | "older";
export interface AdvisoryImportResult {
  results: { trackingId: string; title: string; outcome: AdvisoryOutcome; note?: string }[];
  created: number;
  updated: number;
  unchanged: number;
  older: number;
}

/**
 * Imports CSAF 2.0 advisories (JSON files or ZIPs) as one batch: every file is read and checked first; if any has a
 * problem, nothing is stored and every problem comes back as a sentence (VALIDATION). Otherwise, in one write
 * transaction: a new advisory is created; a newer revision (later current_release_date, or the same date and a
 * higher tracking version) updates it, keeping product rows (matches point at them) and recording the import; the
 * same content again changes nothing; an older revision than the one stored is skipped and said so. One audit entry
 * for the batch, naming each advisory and its outcome.
 */
export function importAdvisories(db: Db, actor: Actor, files: readonly UploadedFile[], now = clock.now()): AdvisoryImportResult {
  assertCan(actor, "advisory.import");
  const read = readAdvisoryFiles(files);
  if (read.problems.length) {
    throw new AppError(
      "VALIDATION",
      `Nothing was imported. ${read.problems.length === 1 ? read.problems[0] : `${read.problems.length} problems: ${read.problems.slice(0, 10).join(" ")}${read.problems.length > 10 ? " …" : ""}`}`,
      {
        files: read.problems,
      },
    );
  }
  const result = writeTx(db, (tx) =>
    writeAdvisories(
      tx,
      actor,
      read.advisories,
      files.map((f) => f.name),
      now,
    ),
  );
  // A new advisory or a newer revision is matched to the inventory right away (issue #13 item 2), each in its own transaction.
  const changed = result.results.filter((r) => r.outcome === "created" || r.outcome === "updated").map((r) => r.trackingId.toUpperCase());
  if (changed.length > 0) {
    const ids = db
      .select({ id: advisories.id })
      .from(advisories)
      .where(inArray(sql`upper(${advisories.trackingId})`, changed))
      .all()
      .map((a) => a.id);
    matchAdvisories(db, { advisoryIds: ids }, now);
  }
  return result;
}

/** Stores advisories already read and checked, inside the caller's write transaction (the import and the demo seed). */
export function writeAdvisories(
  tx: Tx,
  actor: Pick<Actor, "id" | "name" | "email">,
  reads: readonly ReadAdvisory[],
  fileNames: readonly string[],
  now: Date,
): AdvisoryImportResult {
  const at = now.toISOString();
  const out: AdvisoryImportResult = { results: [], created: 0, updated: 0, unchanged: 0, older: 0 };
  for (const r of reads) {
    const result = storeOne(tx, actor, r, at);
    out.results.push({ trackingId: r.advisory.trackingId, title: r.advisory.title, ...result });
    out[result.outcome]++;
  }
  if (out.created + out.updated > 0) {
    appendAudit(tx, {
      actor,
      action: "ADVISORIES_IMPORTED",
      entityType: "advisory_import",
      entityId: out.results
        .map((x) => x.trackingId)
        .join(",")
        .slice(0, 200),
      newValues: { files: fileNames, results: out.results.map(({ trackingId, outcome }) => ({ trackingId, outcome })) },
      at: now,
    });
  }
  return out;
}

/** Is revision (date b, version vb) newer than (date a, version va)? Versions are CSAF integers or semver. */
export function isNewerRevision(a: { date: string; version: string }, b: { date: string; version: string }): boolean {
  if (b.date !== a.date) return b.date > a.date;
  const num = (v: string) => v.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const [x, y] = [num(a.version), num(b.version)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((y[i] ?? 0) !== (x[i] ?? 0)) return (y[i] ?? 0) > (x[i] ?? 0);
  return false;
}

function storeOne(tx: Tx, actor: Pick<Actor, "id">, r: ReadAdvisory, at: string): { outcome: AdvisoryOutcome; note?: string } {
  const a = r.advisory;
  const existing = tx
    .select()
    .from(advisories)
    .where(sql`upper(${advisories.trackingId}) = ${a.trackingId.toUpperCase()}`)
    .get();
  if (existing && existing.contentSha256 === r.contentSha256) return { outcome: "unchanged" };
  if (existing && !isNewerRevision({ date: existing.currentReleaseDate, version: existing.version }, { date: a.currentReleaseDate, version: a.version })) {
    return {
      outcome: "older",
      note: `revision ${a.version} (${a.currentReleaseDate}) is not newer than the stored revision ${existing.version} (${existing.currentReleaseDate}); kept the stored one`,
    };
  }
  const values = {
    trackingId: a.trackingId,
    title: a.title,
    publisher: a.publisher,
    initialReleaseDate: a.initialReleaseDate,
    currentReleaseDate: a.currentReleaseDate,
    version: a.version,
    revisions: JSON.stringify(a.revisions),
    contentSha256: r.contentSha256,
    updatedAt: at,
  };
  const advisoryId = existing
    ? tx.update(advisories).set(values).where(eq(advisories.id, existing.id)).returning().get().id
    : tx
        .insert(advisories)
        .values({ ...values, importedBy: actor.id, importedAt: at })
        .returning()
        .get().id;
  writeContent(tx, advisoryId, a, Boolean(existing));
  tx.insert(advisoryImports)
    .values({
      advisoryId,
      version: a.version,
      currentReleaseDate: a.currentReleaseDate,
      fileName: r.fileName,
      fileSha256: r.fileSha256,
      outcome: existing ? "updated" : "created",
      importedBy: actor.id,
      importedAt: at,
    })
    .run();
  return { outcome: existing ? "updated" : "created" };
}

/**
 * Products are upserted by their CSAF id (a product a newer revision drops is marked, not deleted); vulnerabilities by
 * their position; product status and remediations are the publisher's current statement and are replaced whole.
 * Rows are written in multi-row statements (a large advisory is thousands of rows).
 */
function writeContent(tx: Tx, advisoryId: number, a: CsafAdvisory, isUpdate: boolean): void {
  const productIds = new Map<string, number>();
  for (const part of chunks(a.products, 200)) {
    const rows = tx
      .insert(advisoryProducts)
      .values(
        part.map((p) => ({
          advisoryId,
          productKey: p.productId,
          vendor: p.vendor,
          productName: p.productName,
          versionText: p.versionText,
          versionKind: p.versionKind,
          fullName: p.fullName,
          removedInVersion: null,
        })),
      )
      .onConflictDoUpdate({
        target: [advisoryProducts.advisoryId, advisoryProducts.productKey],
        set: {
          vendor: sql`excluded.vendor`,
          productName: sql`excluded.product_name`,
          versionText: sql`excluded.version_text`,
          versionKind: sql`excluded.version_kind`,
          fullName: sql`excluded.full_name`,
          removedInVersion: sql`null`,
        },
      })
      .returning({ id: advisoryProducts.id, key: advisoryProducts.productKey })
      .all();
    for (const r of rows) productIds.set(r.key, r.id);
  }
  if (isUpdate) {
    const current = a.products.map((p) => p.productId);
    tx.update(advisoryProducts)
      .set({ removedInVersion: a.version })
      .where(
        and(
          eq(advisoryProducts.advisoryId, advisoryId),
          isNull(advisoryProducts.removedInVersion),
          current.length ? notInArray(advisoryProducts.productKey, current) : sql`1 = 1`,
        ),
      )
      .run();
    const vulnIds = tx
      .select({ id: advisoryVulnerabilities.id })
      .from(advisoryVulnerabilities)
      .where(eq(advisoryVulnerabilities.advisoryId, advisoryId))
      .all()
      .map((v) => v.id);
    for (const part of chunks(vulnIds, 500)) {
      tx.delete(vulnerabilityProductStatus).where(inArray(vulnerabilityProductStatus.vulnerabilityId, part)).run();
      tx.delete(advisoryRemediations).where(inArray(advisoryRemediations.vulnerabilityId, part)).run();
    }
    // A vulnerability the newer revision no longer lists (its status and remediations went above).
    tx.delete(advisoryVulnerabilities)
      .where(and(eq(advisoryVulnerabilities.advisoryId, advisoryId), sql`${advisoryVulnerabilities.ordinal} > ${a.vulnerabilities.length}`))
      .run();
  }
  const vulnIdByOrdinal = new Map<number, number>();
  const numbered = a.vulnerabilities.map((v, i) => ({ v, ordinal: i + 1 }));
  for (const part of chunks(numbered, 200)) {
    const rows = tx
      .insert(advisoryVulnerabilities)
      .values(
        part.map(({ v, ordinal }) => ({
          advisoryId,
          ordinal,
          cve: v.cve,
          cweId: v.cweId,
          cweName: v.cweName,
          title: v.title,
          summary: v.summary,
          cvssScore: v.cvssScore,
          cvssVector: v.cvssVector,
          cvssComputed: cvssV3BaseScore(v.cvssVector),
        })),
      )
      .onConflictDoUpdate({
        target: [advisoryVulnerabilities.advisoryId, advisoryVulnerabilities.ordinal],
        set: {
          cve: sql`excluded.cve`,
          cweId: sql`excluded.cwe_id`,
          cweName: sql`excluded.cwe_name`,
          title: sql`excluded.title`,
          summary: sql`excluded.summary`,
          cvssScore: sql`excluded.cvss_score`,
          cvssVector: sql`excluded.cvss_vector`,
          cvssComputed: sql`excluded.cvss_computed`,
        },
      })
      .returning({ id: advisoryVulnerabilities.id, ordinal: advisoryVulnerabilities.ordinal })
      .all();
    for (const r of rows) vulnIdByOrdinal.set(r.ordinal, r.id);
  }
  const statusRows = numbered.flatMap(({ v, ordinal }) =>
    (Object.entries(v.status) as [ProductStatus, string[]][]).flatMap(([status, ids]) =>
      [...new Set(ids)].map((pid) => ({ vulnerabilityId: vulnIdByOrdinal.get(ordinal)!, productId: productIds.get(pid)!, status })),
    ),
  );
  for (const part of chunks(statusRows, 300)) tx.insert(vulnerabilityProductStatus).values(part).run();
  const remediationRows = numbered.flatMap(({ v, ordinal }) =>
    v.remediations.map((rem) => ({
      vulnerabilityId: vulnIdByOrdinal.get(ordinal)!,
      category: rem.category,
      details: rem.details,
      url: rem.url,
      productIds: JSON.stringify(rem.productIds.map((pid) => productIds.get(pid)!)),
    })),
  );
  for (const part of chunks(remediationRows, 150)) tx.insert(advisoryRemediations).values(part).run();
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
