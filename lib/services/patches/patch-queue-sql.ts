import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { advisoryDeviceMatches as m } from "@/db/schema";
import type { PatchPolicy } from "@/lib/rules/patch-priority";
import { policyCutoffs, type PatchStatus } from "@/lib/rules/patch-state";
import { isAffected } from "../advisories/affected";
import { validatedPatchesSql } from "./validated-patches";

/**
 * The patch queue's one query: every (advisory, device) where the device is affected (isAffected, the one
 * definition), its model has an OEM-validated patch (validatedPatchesSql) and it is not retired, with the facts
 * that rank it and the newest outcome recorded for it. Lists, the CSV export, "My items", the dashboard and the
 * past-due loop all read through here, so they cannot disagree.
 *
 * Portable SQL (PostgreSQL runs it as is): no date arithmetic in the query — the policy's due dates are compared as
 * validated dates against cut-offs computed once in TypeScript (lib/rules/patch-state.ts policyCutoffs).
 */

/** Per advisory product: the highest CVSS of the vulnerabilities that affect it, and whether one is on CISA's KEV. */
const productFacts = sql`
  select vps.product_id as product_id,
         max(coalesce(av.cvss_score, av.cvss_computed)) as cvss,
         max(case when k.cve is not null then 1 else 0 end) as kev
  from vulnerability_product_status vps
  join advisory_vulnerabilities av on av.id = vps.vulnerability_id
  left join kev_entries k on k.cve = av.cve and k.removed_at is null
  where vps.status in ('known_affected', 'first_affected', 'last_affected')
  group by vps.product_id`;

/** Everything an item shows but the facts that rank it (productFacts): what selectRowsById reads by key. */
const FROM_ITEMS = sql`
  from ${m}
  join ${validatedPatchesSql()} v on v.advisory_id = ${m.advisoryId} and v.model_id = ${m.modelId}
  join devices d on d.id = ${m.deviceId}
  join device_models dm on dm.id = ${m.modelId}
  left join device_classes dc on dc.id = dm.device_class_id
  join sites s on s.id = d.site_id
  join advisories a on a.id = ${m.advisoryId}
  left join manufacturers mf on mf.id = dm.manufacturer_id
  left join patch_records r on r.id = (select max(r2.id) from patch_records r2 where r2.advisory_id = ${m.advisoryId} and r2.device_id = ${m.deviceId})`;

const FROM = sql`${FROM_ITEMS}
  left join (${productFacts}) pf on pf.product_id = ${m.productId}`;

/** The policy rule that applies (mirrors patchDueDate in lib/rules/patch-priority.ts; a test holds them together). */
const RULE = sql`(case when coalesce(pf.kev, 0) = 1 then 'kev' when pf.cvss >= 9 then 'critical' when pf.cvss >= 7 then 'high' else 'other' end)`;

/** Open: nothing recorded, or a deferral whose until-date has passed. */
function openSql(today: string): SQL {
  return sql`(r.outcome is null or (r.outcome = 'deferred' and r.defer_until < ${today}))`;
}

function cutoff(policy: PatchPolicy, today: string, which: "overdueBefore" | "dueSoonUpTo"): SQL {
  const c = policyCutoffs(policy, today);
  return sql`(case ${RULE} when 'kev' then ${c.kev[which]} when 'critical' then ${c.critical[which]} when 'high' then ${c.high[which]} else ${c.other[which]} end)`;
}

/** The status filter as SQL; "open" takes every open item (due soon and overdue included). */
export function statusWhere(status: PatchStatus | "all", policy: PatchPolicy, today: string): SQL | undefined {
  switch (status) {
    case "all":
      return undefined;
    case "applied":
      return sql`r.outcome = 'applied'`;
    case "notApplicable":
      return sql`r.outcome = 'not_applicable'`;
    case "deferred":
      return sql`(r.outcome = 'deferred' and r.defer_until >= ${today})`;
    case "open":
      return openSql(today);
    case "overdue":
      return sql`(${openSql(today)} and v.validated_on < ${cutoff(policy, today, "overdueBefore")})`;
    case "dueSoon":
      return sql`(${openSql(today)} and v.validated_on >= ${cutoff(policy, today, "overdueBefore")} and v.validated_on <= ${cutoff(policy, today, "dueSoonUpTo")})`;
  }
}

export interface QueueScope {
  siteId?: number | null;
  /** Device classes to keep (routing by party); an empty list keeps nothing. */
  classIds?: number[];
  /** Also keep devices whose model has no class (they have no signed owner either). */
  includeUnclassified?: boolean;
  advisoryId?: number;
  deviceId?: number;
}

export function scopeWhere(s: QueueScope): SQL[] {
  const out: SQL[] = [isAffected(), sql`d.status <> 'retired'`];
  if (s.siteId != null) out.push(sql`d.site_id = ${s.siteId}`);
  if (s.advisoryId != null) out.push(sql`${m.advisoryId} = ${s.advisoryId}`);
  if (s.deviceId != null) out.push(sql`${m.deviceId} = ${s.deviceId}`);
  if (s.classIds) {
    const ids = s.classIds.length
      ? sql.join(
          s.classIds.map((i) => sql`${i}`),
          sql`, `,
        )
      : sql`null`;
    out.push(s.includeUnclassified ? sql`(dm.device_class_id in (${ids}) or dm.device_class_id is null)` : sql`dm.device_class_id in (${ids})`);
  }
  return out;
}

export interface QueueRowRaw {
  /** The advisory_device_matches row the item stands on. */
  matchId: number;
  advisoryId: number;
  trackingId: string;
  advisoryTitle: string;
  deviceId: number;
  assetTag: string;
  siteId: number;
  site: string;
  modelId: number;
  model: string;
  manufacturer: string | null;
  classId: number | null;
  className: string | null;
  lifeSustaining: number | null;
  criticality: "critical" | "high" | "moderate" | "low" | null;
  storesPhi: number;
  connected: number;
  validatedOn: string;
  validatedVersion: string | null;
  bulletin: string | null;
  kev: number;
  cvss: number | null;
  outcome: "applied" | "deferred" | "not_applicable" | null;
  deferUntil: string | null;
  appliedOn: string | null;
  workOrder: string | null;
  recordId: number | null;
}

/** The rank of comparePatchPriority as ORDER BY. */
const ORDER = sql`coalesce(pf.kev, 0) desc, coalesce(pf.cvss, -1) desc, coalesce(dc.life_sustaining, 0) desc,
             (case dc.criticality when 'critical' then 0 when 'high' then 1 when 'moderate' then 2 when 'low' then 3 else 4 end),
             d.stores_phi desc, d.connected desc, d.asset_tag, a.tracking_id`;

/** What the patch queue's index keeps of an item (queue-index.ts): its keys and the facts its filters test. */
export interface QueueKeyRow {
  matchId: number;
  advisoryId: number;
  deviceId: number;
  siteId: number;
  classId: number | null;
  validatedOn: string;
  kev: number;
  cvss: number | null;
}

/**
 * Every item of `where`, in the rank of selectQueue, with only the columns of QueueKeyRow: the same FROM and WHERE,
 * without the display joins (sites, manufacturers, the newest outcome), so the index is read in one pass with little
 * to hold.
 */
export function selectQueueKeys(db: DbOrTx, where: SQL[]): QueueKeyRow[] {
  return db.all<QueueKeyRow>(sql`
    select ${m.id} as matchId, ${m.advisoryId} as advisoryId, ${m.deviceId} as deviceId, d.site_id as siteId, dm.device_class_id as classId,
           v.validated_on as validatedOn, coalesce(pf.kev, 0) as kev, pf.cvss as cvss
    from ${m}
    join ${validatedPatchesSql()} v on v.advisory_id = ${m.advisoryId} and v.model_id = ${m.modelId}
    join devices d on d.id = ${m.deviceId}
    join device_models dm on dm.id = ${m.modelId}
    left join device_classes dc on dc.id = dm.device_class_id
    join advisories a on a.id = ${m.advisoryId}
    left join (${productFacts}) pf on pf.product_id = ${m.productId}
    where ${sql.join(where, sql` and `)}
    order by ${ORDER}`);
}

const COLUMNS = sql`${m.id} as matchId, ${m.advisoryId} as advisoryId, a.tracking_id as trackingId, a.title as advisoryTitle,
           ${m.deviceId} as deviceId, d.asset_tag as assetTag, d.site_id as siteId, s.name as site,
           dm.id as modelId, dm.name as model, mf.name as manufacturer,
           dc.id as classId, dc.name as className, dc.life_sustaining as lifeSustaining, dc.criticality as criticality,
           d.stores_phi as storesPhi, d.connected as connected,
           v.validated_on as validatedOn, v.validated_version as validatedVersion, v.bulletin as bulletin,
           r.outcome as outcome, r.defer_until as deferUntil, r.applied_on as appliedOn, r.work_order as workOrder, r.id as recordId`;

/**
 * Some items by their match ids, unordered, with the ranking facts (KEV, CVSS) given by the caller — the patch queue
 * index (queue-index.ts) computed them with selectQueue. Joining productFacts would aggregate every advisory product
 * again for 50 rows; here each row is a primary-key read.
 */
export function selectRowsById(db: DbOrTx, ids: number[], facts: (matchId: number) => { kev: number; cvss: number | null }): QueueRowRaw[] {
  if (ids.length === 0) return [];
  const rows = db.all<Omit<QueueRowRaw, "kev" | "cvss">>(sql`
    select ${COLUMNS}
    ${FROM_ITEMS}
    where ${m.id} in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  return rows.map((r) => ({ ...r, ...facts(r.matchId) }));
}

/**
 * Rows in the rank of comparePatchPriority (lib/rules/patch-priority.ts): KEV, CVSS, life-sustaining, criticality,
 * PHI, connected, asset tag — written as ORDER BY so that a page of 50 out of 200,000 is sorted by the database;
 * tests/services/patch-queue.test.ts checks the two orders agree.
 */
export function selectQueue(db: DbOrTx, where: SQL[], page?: { limit: number; offset: number }): QueueRowRaw[] {
  const limit = page ? sql` limit ${page.limit} offset ${page.offset}` : sql``;
  return db.all<QueueRowRaw>(sql`
    select ${COLUMNS}, coalesce(pf.kev, 0) as kev, pf.cvss as cvss
    ${FROM}
    where ${sql.join(where, sql` and `)}
    order by ${ORDER}
    ${limit}`);
}

/**
 * The rank of selectQueue as one ascending row value (descending terms negated), for keyset pages: the API's cursor
 * is the last row's value, and the next page is `rank > cursor` (row-value comparison; PostgreSQL has it too).
 */
const RANK = sql`(-coalesce(pf.kev, 0), -coalesce(pf.cvss, -1), -coalesce(dc.life_sustaining, 0),
  (case dc.criticality when 'critical' then 0 when 'high' then 1 when 'moderate' then 2 when 'low' then 3 else 4 end),
  -d.stores_phi, -d.connected, d.asset_tag, a.tracking_id)`;

export type QueueRank = [number, number, number, number, number, number, string, string];

const CRITICALITY_RANK = { critical: 0, high: 1, moderate: 2, low: 3 } as const;

/** A row's place in the rank (the same terms as RANK). */
export function queueRank(r: QueueRowRaw): QueueRank {
  return [
    -r.kev,
    -(r.cvss ?? -1),
    -(r.lifeSustaining ?? 0),
    r.criticality ? CRITICALITY_RANK[r.criticality] : 4,
    -r.storesPhi,
    -r.connected,
    r.assetTag,
    r.trackingId,
  ];
}

/** Rows ranked after `rank`. */
export function afterRank(rank: QueueRank): SQL {
  return sql`${RANK} > (${sql.join(
    rank.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export function countQueue(db: DbOrTx, where: SQL[]): number {
  return db.get<{ n: number }>(sql`select count(*) as n ${FROM} where ${sql.join(where, sql` and `)}`)?.n ?? 0;
}
