import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";

export interface AdvisoryListRow {
  id: number;
  trackingId: string;
  title: string;
  publisher: string;
  vendors: string;
  initialReleaseDate: string;
  currentReleaseDate: string;
  version: string;
  vulnerabilities: number;
  maxCvss: number | null;
  /** CVEs of the advisory that are on CISA's KEV catalog (not removed). */
  knownExploited: number;
}

export interface AdvisoryListFilter {
  /** Words to find in the tracking id, title, vendor or a CVE. */
  q?: string;
  knownExploitedOnly?: boolean;
  /** Keyset pagination (the API): only advisories after this (initial release date, tracking id) in list order. */
  after?: { d: string; t: string } | null;
  limit?: number;
}

/**
 * Advisories newest first, with their worst CVSS and how many of their CVEs are known exploited. Every role reads
 * them. The known-exploited filter and the API's pages are in the SQL (LIMIT -1 is SQLite's "no limit"; PostgreSQL
 * writes LIMIT ALL).
 */
export function listAdvisories(db: Db, actor: Actor, filter: AdvisoryListFilter = {}): AdvisoryListRow[] {
  assertCan(actor, "advisory.read");
  const q = filter.q?.trim().toLowerCase();
  const after = filter.after ?? null;
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db.all<AdvisoryListRow>(sql`
    select a.id, a.tracking_id as trackingId, a.title, a.publisher,
      coalesce((select group_concat(vendor, ', ') from (select distinct vendor from advisory_products p where p.advisory_id = a.id and p.removed_in_version is null order by vendor)), '') as vendors,
      a.initial_release_date as initialReleaseDate, a.current_release_date as currentReleaseDate, a.version,
      (select count(*) from advisory_vulnerabilities v where v.advisory_id = a.id) as vulnerabilities,
      (select max(v.cvss_score) from advisory_vulnerabilities v where v.advisory_id = a.id) as maxCvss,
      (select count(distinct v.cve) from advisory_vulnerabilities v join kev_entries k on k.cve = v.cve and k.removed_at is null where v.advisory_id = a.id) as knownExploited
    from advisories a
    where (${like} is null
        or lower(a.tracking_id) like ${like} escape '\\' or lower(a.title) like ${like} escape '\\'
        or exists (select 1 from advisory_products p where p.advisory_id = a.id and lower(p.vendor || ' ' || p.product_name) like ${like} escape '\\')
        or exists (select 1 from advisory_vulnerabilities v where v.advisory_id = a.id and lower(v.cve) like ${like} escape '\\'))
      and (${filter.knownExploitedOnly ? 1 : 0} = 0
        or exists (select 1 from advisory_vulnerabilities v join kev_entries k on k.cve = v.cve and k.removed_at is null where v.advisory_id = a.id))
      and (${after?.d ?? null} is null or a.initial_release_date < ${after?.d ?? null} or (a.initial_release_date = ${after?.d ?? null} and a.tracking_id < ${after?.t ?? null}))
    order by a.initial_release_date desc, a.tracking_id desc
    limit ${filter.limit ?? -1}`);
}

/** The KEV catalog as stored: how many entries, which version, when imported. */
export function kevCatalogStatus(db: Db, actor: Actor): { entries: number; catalogVersion: string | null; importedAt: string | null } {
  assertCan(actor, "advisory.read");
  return db.get<{ entries: number; catalogVersion: string | null; importedAt: string | null }>(sql`
    select count(*) as entries, max(catalog_version) as catalogVersion, max(imported_at) as importedAt from kev_entries where removed_at is null`)!;
}
