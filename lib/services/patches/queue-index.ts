import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PatchPolicy } from "@/lib/rules/patch-priority";
import { policyCutoffs, type PatchStatus } from "@/lib/rules/patch-state";
import { readVersions, versionedCache, type Versions } from "../versioned-cache";
import { selectQueueKeys, selectRowsById, scopeWhere, type QueueRowRaw, type QueueScope } from "./patch-queue-sql";

/**
 * The patch queue's ranked index, held in memory per data version (decision 0038): every item of the organization
 * — (advisory, device) affected, model with an OEM-validated patch, device not retired — in the rank of selectQueue,
 * with only what a filter tests (site, class, validated date, policy rule) in typed arrays. The page filters, counts
 * and slices it in a few milliseconds instead of joining 539,137 matches per request, then reads its 50 rows'
 * details by key.
 *
 * Freshness, from any process: the ranked items are cached under the `advisories`, `inventory` and `org` counters
 * (matches, OEM positions, KEV, devices, models, classes), the newest outcome per item separately under `patches`
 * (recording work re-reads only patch_records, not the queue). Triggers bump the counters in the writing
 * transaction (decision 0007), so a committed write by any process gives the next read a new stamp.
 *
 * The filter below mirrors queueWhere/statusWhere (patch-queue-sql.ts); tests/services/patch-queue-index.test.ts
 * checks that both give the same items, in the same order, for every filter.
 */
const RULES = ["kev", "critical", "high", "other"] as const;
type Rule = (typeof RULES)[number];

export interface QueueIndex {
  size: number;
  /** advisory_device_matches.id: the page reads its rows by primary key. */
  matchId: Int32Array;
  advisoryId: Int32Array;
  deviceId: Int32Array;
  siteId: Int32Array;
  /** 0: the model has no device class. */
  classId: Int32Array;
  /** On CISA's KEV (1) or not (0), and the highest CVSS (NaN: none): the ranking facts the page shows. */
  kev: Uint8Array;
  cvss: Float64Array;
  /** Index into RULES: which policy days apply. */
  rule: Uint8Array;
  validatedOn: string[];
}

export interface OutcomeIndex {
  /** Newest outcome per item: key = advisoryId * 2^32 + deviceId (both positive 32-bit ids). */
  byItem: Map<number, { outcome: "applied" | "deferred" | "not_applicable"; deferUntil: string | null }>;
}

const key = (advisoryId: number, deviceId: number) => advisoryId * 4294967296 + deviceId;

function buildIndex(db: Db): QueueIndex {
  const rows = selectQueueKeys(db, scopeWhere({}));
  const n = rows.length;
  const idx: QueueIndex = {
    size: n,
    matchId: new Int32Array(n),
    advisoryId: new Int32Array(n),
    deviceId: new Int32Array(n),
    siteId: new Int32Array(n),
    classId: new Int32Array(n),
    kev: new Uint8Array(n),
    cvss: new Float64Array(n),
    rule: new Uint8Array(n),
    validatedOn: new Array<string>(n),
  };
  rows.forEach((r, i) => {
    idx.matchId[i] = r.matchId;
    idx.advisoryId[i] = r.advisoryId;
    idx.deviceId[i] = r.deviceId;
    idx.siteId[i] = r.siteId;
    idx.classId[i] = r.classId ?? 0;
    idx.kev[i] = r.kev;
    idx.cvss[i] = r.cvss ?? NaN;
    idx.rule[i] = RULES.indexOf(ruleOf(r.kev, r.cvss));
    idx.validatedOn[i] = r.validatedOn;
  });
  return idx;
}

/** The RULE of patch-queue-sql.ts: KEV, then CVSS ≥ 9 critical, ≥ 7 high, else (no CVSS included) other. */
function ruleOf(kev: number, cvss: number | null): Rule {
  if (kev === 1) return "kev";
  if (cvss !== null && cvss >= 9) return "critical";
  if (cvss !== null && cvss >= 7) return "high";
  return "other";
}

function buildOutcomes(db: Db): OutcomeIndex {
  const rows = db.all<{ advisoryId: number; deviceId: number; outcome: "applied" | "deferred" | "not_applicable"; deferUntil: string | null }>(sql`
    select r.advisory_id as advisoryId, r.device_id as deviceId, r.outcome as outcome, r.defer_until as deferUntil
    from patch_records r
    where r.id = (select max(r2.id) from patch_records r2 where r2.advisory_id = r.advisory_id and r2.device_id = r.device_id)`);
  const byItem = new Map<number, { outcome: "applied" | "deferred" | "not_applicable"; deferUntil: string | null }>();
  for (const r of rows) byItem.set(key(r.advisoryId, r.deviceId), { outcome: r.outcome, deferUntil: r.deferUntil });
  return { byItem };
}

export function queueIndex(db: Db, versions: Versions = readVersions(db)): { items: QueueIndex; outcomes: OutcomeIndex } {
  return {
    items: versionedCache(db, versions, ["advisories", "inventory", "org"], "patch-queue-index", () => buildIndex(db)),
    outcomes: versionedCache(db, versions, ["patches"], "patch-queue-outcomes", () => buildOutcomes(db)),
  };
}

export interface IndexFilter extends QueueScope {
  status: PatchStatus | "all";
  /** Validated-date bounds of the age filter: validatedOn < before, validatedOn >= onOrAfter. */
  validatedBefore?: string;
  validatedOnOrAfter?: string;
}

/** Positions (in rank order) of the items that pass the filter: the same items queueWhere + statusWhere select. */
export function filterIndex(ix: { items: QueueIndex; outcomes: OutcomeIndex }, f: IndexFilter, policy: PatchPolicy, today: string): number[] {
  const { items: q, outcomes } = ix;
  const c = policyCutoffs(policy, today);
  const overdueBefore = RULES.map((r) => c[r].overdueBefore);
  const dueSoonUpTo = RULES.map((r) => c[r].dueSoonUpTo);
  const classes = f.classIds ? new Set(f.classIds) : null;
  const out: number[] = [];
  for (let i = 0; i < q.size; i++) {
    if (f.siteId != null && q.siteId[i] !== f.siteId) continue;
    if (f.advisoryId != null && q.advisoryId[i] !== f.advisoryId) continue;
    if (f.deviceId != null && q.deviceId[i] !== f.deviceId) continue;
    const classId = q.classId[i]!;
    if (classes && !(classes.has(classId) || (f.includeUnclassified && classId === 0))) continue;
    const v = q.validatedOn[i]!;
    const rule = q.rule[i]!;
    if (f.validatedBefore !== undefined && !(v < f.validatedBefore)) continue;
    if (f.validatedOnOrAfter !== undefined && !(v >= f.validatedOnOrAfter)) continue;
    if (f.status !== "all") {
      const o = outcomes.byItem.get(key(q.advisoryId[i]!, q.deviceId[i]!));
      const open = !o || (o.outcome === "deferred" && o.deferUntil !== null && o.deferUntil < today);
      let pass: boolean;
      switch (f.status) {
        case "applied":
          pass = o?.outcome === "applied";
          break;
        case "notApplicable":
          pass = o?.outcome === "not_applicable";
          break;
        case "deferred":
          pass = o?.outcome === "deferred" && o.deferUntil !== null && o.deferUntil >= today;
          break;
        case "open":
          pass = open;
          break;
        case "overdue":
          pass = open && v < overdueBefore[rule]!;
          break;
        case "dueSoon":
          pass = open && v >= overdueBefore[rule]! && v <= dueSoonUpTo[rule]!;
          break;
      }
      if (!pass) continue;
    }
    out.push(i);
  }
  return out;
}

export interface QueuePageCore {
  total: number;
  page: number;
  pages: number;
  rows: QueueRowRaw[];
}

/**
 * Pages already read, per index: a page's count and rows depend only on the index and outcomes it was cut from
 * (their data versions), the filter, the policy, the day and the page number. The same request twice — the page
 * reloaded, many people on the same view — is then a map lookup instead of a scan of every item (a few ms at
 * 200,000 devices) and 50 primary-key reads. Keyed by the outcomes object (a new one on every `patches` write) and
 * checked against the items object (a new one on every advisories/inventory/org write), so a committed write, by any
 * process, gives a new index and an empty memo — never a stale page. Bounded, least recently used dropped first.
 */
const memos = new WeakMap<OutcomeIndex, Map<string, { items: QueueIndex; value: unknown }>>();
const MEMO_ENTRIES = 256;

function memoOn<T>(ix: { items: QueueIndex; outcomes: OutcomeIndex }, key: string, compute: () => T): T {
  let memo = memos.get(ix.outcomes);
  if (!memo) memos.set(ix.outcomes, (memo = new Map()));
  const hit = memo.get(key);
  if (hit && hit.items === ix.items) {
    memo.delete(key);
    memo.set(key, hit);
    return hit.value as T;
  }
  const value = compute();
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(key, { items: ix.items, value });
  return value;
}

const filterKey = (f: IndexFilter, policy: PatchPolicy, today: string) =>
  JSON.stringify([f.siteId, f.advisoryId, f.deviceId, f.classIds, f.includeUnclassified, f.status, f.validatedBefore, f.validatedOnOrAfter, policy, today]);

/** One page of a filter: its count, the page actually shown (clamped) and its rows, in rank order. */
export function queuePage(
  db: Db,
  ix: { items: QueueIndex; outcomes: OutcomeIndex },
  f: IndexFilter,
  policy: PatchPolicy,
  today: string,
  requested: number,
  size: number,
): QueuePageCore {
  return memoOn(ix, `page|${requested}|${size}|${filterKey(f, policy, today)}`, () => {
    const hits = filterIndex(ix, f, policy, today);
    const total = hits.length;
    const pages = Math.max(1, Math.ceil(total / size));
    const page = Math.min(Math.max(1, requested), pages);
    return { total, page, pages, rows: rowsAt(db, ix.items, hits.slice((page - 1) * size, page * size)) };
  });
}

/** How many items pass a filter ("My items"), memoized like queuePage. */
export function queueCount(ix: { items: QueueIndex; outcomes: OutcomeIndex }, f: IndexFilter, policy: PatchPolicy, today: string): number {
  return memoOn(ix, `count|${filterKey(f, policy, today)}`, () => filterIndex(ix, f, policy, today).length);
}

/** The full rows of some positions of the index, in that order (primary-key reads; the ranking facts from the index). */
export function rowsAt(db: Db, q: QueueIndex, positions: number[]): QueueRowRaw[] {
  const at = new Map(positions.map((i) => [q.matchId[i]!, i]));
  const rows = selectRowsById(db, [...at.keys()], (matchId) => {
    const i = at.get(matchId)!;
    const cvss = q.cvss[i]!;
    return { kev: q.kev[i]!, cvss: Number.isNaN(cvss) ? null : cvss };
  });
  const byId = new Map(rows.map((r) => [r.matchId, r]));
  return [...at.keys()].map((id) => byId.get(id)).filter((r): r is QueueRowRaw => r !== undefined);
}
