import { and, asc, eq, isNull } from "drizzle-orm";
import { advisories, devices, parties, sites } from "@/db/schema";
import type { Db } from "@/db/client";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { addDays, patchDueDate, priorityReasons, type PatchPolicy } from "@/lib/rules/patch-priority";
import { sql } from "drizzle-orm";
import { patchStatus, type PatchStatus } from "@/lib/rules/patch-state";
import type { PatchQueueFilter } from "@/lib/validation/patches";
import { clock } from "@/lib/clock";
import { classesOf, classesRoutedTo, classesWithoutOwner, patchRoutes, type PatchRoute } from "./route-patches";
import { scopeWhere, selectQueue, statusWhere, type QueueRowRaw, type QueueScope } from "./patch-queue-sql";
import { queueIndex, queuePage, type IndexFilter } from "./queue-index";
import { cachedPatchPolicy, getPatchPolicy } from "./patch-policy";
import { readVersions, versionedCache, type Versions } from "../versioned-cache";
import { dropUnknownIds } from "../filter-ids";

export const PATCH_PAGE_SIZE = 50;

export interface PatchItem {
  advisoryId: number;
  trackingId: string;
  advisoryTitle: string;
  deviceId: number;
  assetTag: string;
  site: string;
  siteId: number;
  model: string;
  manufacturer: string | null;
  deviceClass: string | null;
  onKev: boolean;
  cvss: number | null;
  reasons: string[];
  validatedOn: string;
  validatedVersion: string | null;
  bulletin: string | null;
  dueOn: string;
  dueRule: string;
  status: PatchStatus;
  deferUntil: string | null;
  appliedOn: string | null;
  workOrder: string | null;
  /** Null: "no signed owner". */
  responsible: { partyId: number; party: string; lead: string | null; leadUserId: number | null }[] | null;
  accountable: { partyId: number; party: string; lead: string | null; leadUserId: number | null }[] | null;
}

/** One raw row → an item: due date by the policy, status from its evidence, route from the class's signed RACI. */
export function toPatchItem(r: QueueRowRaw, routes: Map<number, PatchRoute>, policy: PatchPolicy, today: string): PatchItem {
  const facts = { onKev: r.kev === 1, cvss: r.cvss };
  const due = patchDueDate(r.validatedOn, facts, policy);
  const route = r.classId != null ? routes.get(r.classId) : undefined;
  const signed = route?.signed ?? false;
  return {
    advisoryId: r.advisoryId,
    trackingId: r.trackingId,
    advisoryTitle: r.advisoryTitle,
    deviceId: r.deviceId,
    assetTag: r.assetTag,
    site: r.site,
    siteId: r.siteId,
    model: r.model,
    manufacturer: r.manufacturer,
    deviceClass: r.className,
    onKev: facts.onKev,
    cvss: r.cvss,
    reasons: priorityReasons({
      ...facts,
      lifeSustaining: r.lifeSustaining === 1,
      criticality: r.criticality,
      storesPhi: r.storesPhi === 1,
      connected: r.connected === 1,
      assetTag: r.assetTag,
    }),
    validatedOn: r.validatedOn,
    validatedVersion: r.validatedVersion,
    bulletin: r.bulletin,
    dueOn: due.dueOn,
    dueRule: due.rule,
    status: patchStatus(r.outcome ? { outcome: r.outcome, deferUntil: r.deferUntil } : null, due.dueOn, today),
    deferUntil: r.deferUntil,
    appliedOn: r.appliedOn,
    workOrder: r.workOrder,
    responsible: signed ? route!.responsible : null,
    accountable: signed ? route!.accountable : null,
  };
}

/**
 * A memoized page's items: the same rows (queuePage's memo), routes (cached under raci/org) and policy (cached under
 * org) on the same day give the same items, so they are built once, not for every view. Items are shared: read-only.
 */
const itemMemo = new WeakMap<readonly QueueRowRaw[], { routes: Map<number, PatchRoute>; policy: PatchPolicy; today: string; items: PatchItem[] }>();
function itemsOf(rows: readonly QueueRowRaw[], routes: Map<number, PatchRoute>, policy: PatchPolicy, today: string): PatchItem[] {
  const hit = itemMemo.get(rows);
  if (hit && hit.routes === routes && hit.policy === policy && hit.today === today) return hit.items;
  const items = rows.map((r) => toPatchItem(r, routes, policy, today));
  itemMemo.set(rows, { routes, policy, today, items });
  return items;
}

/**
 * A queue filter for an actor, resolved: site scope first (a site-scoped user sees only their site; asking for
 * another site finds nothing, issue #10), then party (the classes the signed RACI routes to it — as Responsible or
 * Accountable, or only the one `role` — or "none": classes without a signed owner and unclassified models), site,
 * status (default: open items), one advisory or device, and the age as validated-date bounds.
 */
export function resolveQueueFilter(actor: Actor, f: PatchQueueFilter, routes: Map<number, PatchRoute>, today: string): IndexFilter & { outOfScope: boolean } {
  const scope: QueueScope = { siteId: actor.siteId ?? f.site ?? null, advisoryId: f.advisory, deviceId: f.device };
  const outOfScope = actor.siteId != null && f.site != null && f.site !== actor.siteId;
  if (f.party === "none") Object.assign(scope, { classIds: classesWithoutOwner(routes), includeUnclassified: true });
  else if (f.party != null) scope.classIds = f.role ? classesOf(routes, f.party, f.role === "responsible" ? "R" : "A") : classesRoutedTo(routes, f.party);
  const out: IndexFilter & { outOfScope: boolean } = { ...scope, status: f.status ?? "open", outOfScope };
  if (f.age) {
    const bounds = { upTo30: [0, 30], upTo60: [30, 60], upTo90: [60, 90], over90: [90, null] } as const;
    const [lo, hi] = bounds[f.age];
    // Age = days since the OEM validated the patch: (lo, hi] as validated-date bounds.
    if (lo > 0) out.validatedBefore = addDays(today, -lo);
    if (hi !== null) out.validatedOnOrAfter = addDays(today, -hi);
  }
  return out;
}

/** The same filter as SQL (the API's keyset pages, the CSV export, a device's items). */
export function queueWhere(actor: Actor, f: PatchQueueFilter, routes: Map<number, PatchRoute>, policy: PatchPolicy, today: string) {
  const r = resolveQueueFilter(actor, f, routes, today);
  const where = scopeWhere(r);
  const st = statusWhere(r.status, policy, today);
  if (st) where.push(st);
  if (r.validatedBefore !== undefined) where.push(sql`v.validated_on < ${r.validatedBefore}`);
  if (r.validatedOnOrAfter !== undefined) where.push(sql`v.validated_on >= ${r.validatedOnOrAfter}`);
  return { where, outOfScope: r.outOfScope };
}

export interface PatchQueuePage {
  rows: PatchItem[];
  total: number;
  page: number;
  pages: number;
  policy: PatchPolicy;
}

/**
 * One page of the patch queue, ranked (lib/rules/patch-priority.ts), server-side filtered and paginated. Every role
 * that reads advisories reads the queue (auditors included); site-scoped users see their site only.
 */
export function listPatchQueue(db: Db, actor: Actor, f: PatchQueueFilter, today = clock.today(), versions: Versions = readVersions(db)): PatchQueuePage {
  assertCan(actor, "patch.read");
  // The data-version counters are read once for the whole page: every part below is cut from the same snapshot.
  const routes = patchRoutes(db, actor, versions);
  const policy = cachedPatchPolicy(db, versions);
  const filter = resolveQueueFilter(actor, f, routes, today);
  if (filter.outOfScope) return { rows: [], total: 0, page: 1, pages: 1, policy };
  // The ranked index in memory (decision 0038): filter and count there, read the page's rows by key.
  // Cut from the index once per data version and filter (queuePage's memo); the items are built per request since
  // their routes follow the RACI counters.
  const { total, page, pages, rows } = queuePage(db, queueIndex(db, versions), filter, policy, today, f.page ?? 1, PATCH_PAGE_SIZE);
  return { rows: itemsOf(rows, routes, policy, today), total, page, pages, policy };
}

/** Every item of the filter (the CSV export for the CMMS), same rank, no pagination. */
export function listAllPatchItems(db: Db, actor: Actor, f: PatchQueueFilter, today = clock.today()): PatchItem[] {
  assertCan(actor, "patch.read");
  const routes = patchRoutes(db, actor);
  const policy = getPatchPolicy(db);
  const { where, outOfScope } = queueWhere(actor, f, routes, policy, today);
  if (outOfScope) return [];
  return selectQueue(db, where).map((r) => toPatchItem(r, routes, policy, today));
}

/** The filter's choices: active parties and the sites the actor may see (cached under the `org` counter). */
export function patchQueueOptions(db: Db, actor: Actor, versions: Versions = readVersions(db)) {
  assertCan(actor, "patch.read");
  return versionedCache(db, versions, ["org"], `patch-options|${actor.siteId ?? "all"}`, () => ({
    parties: db
      .select({ id: parties.id, name: parties.name })
      .from(parties)
      .where(isNull(parties.archivedAt))
      .orderBy(asc(parties.sortOrder), asc(parties.name))
      .all(),
    sites: db
      .select({ id: sites.id, name: sites.name })
      .from(sites)
      .where(and(isNull(sites.archivedAt), actor.siteId != null ? eq(sites.id, actor.siteId) : undefined))
      .orderBy(asc(sites.name))
      .all(),
  }));
}

/** The queue's filter without a party, site, advisory or device id that names nothing, each named (dropUnknownIds). */
export function dropUnknownPatchFilterIds(db: Db, actor: Actor, filter: PatchQueueFilter): { filter: PatchQueueFilter; problems: string[] } {
  assertCan(actor, "patch.read");
  const known = dropUnknownIds(db, filter, [
    ["party", "Party", parties],
    ["site", "Site", sites],
    ["advisory", "Advisory", advisories],
    ["device", "Device", devices],
  ]);
  // A device of another site is as unknown to a site-scoped person as one that does not exist: the sentence must not
  // tell them apart (found in review).
  const deviceId = known.filter.device;
  if (typeof deviceId === "number" && actor.siteId != null) {
    const d = db.select({ siteId: devices.siteId }).from(devices).where(eq(devices.id, deviceId)).get();
    if (d && d.siteId !== actor.siteId)
      return { filter: { ...known.filter, device: undefined }, problems: [...known.problems, `Device ${deviceId} does not exist; it was ignored.`] };
  }
  return known;
}
