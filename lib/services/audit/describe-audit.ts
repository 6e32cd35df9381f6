import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  actionItems,
  activities,
  assessments,
  auditLog,
  deviceClasses,
  drills,
  parties,
  planVersions,
  raciVersions,
  responsePlans,
  sites,
  users,
} from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { DRILL_STATUS_LABELS } from "@/lib/rules/drills";
import { ACTION_ITEM_STATUS_LABELS } from "@/lib/rules/action-items";
import { STATUS_LABELS } from "@/lib/rules/raci";
import { listAudit, type AuditFilter } from "./list-audit";

type AuditRow = typeof auditLog.$inferSelect;

/**
 * The audit trail in words a business auditor reads (issue 10, item 13): the record's name and a link instead
 * of "raci_version 9", human labels for actions, fields and statuses instead of `aar_review`, and every old and
 * new value in full. HIPAA 164.312(b) asks that activity be recorded *and reviewed*; a trail nobody outside
 * engineering can read is not reviewed.
 */

export const ENTITY_LABELS: Record<string, string> = {
  raci_version: "RACI version",
  raci_template: "RACI template",
  assessment: "CSF assessment",
  drill: "Drill",
  plan_version: "Response plan version",
  response_plan: "Response plan",
  action_item: "Action item",
  activity: "RACI activity",
  device_class: "Device class",
  party: "Party",
  site: "Site",
  user: "User",
  organization: "Organization",
  setting: "Setting",
  audit_log: "Audit trail",
};

const ACRONYMS = new Set(["raci", "aar", "csf", "na", "oem", "it", "ce", "url", "id", "xlsx", "csv"]);

/** "DRILL_AAR_SUBMITTED" → "Drill AAR submitted"; "lastAttestedAt" → "Last attested at". */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return words.map((w, i) => (ACRONYMS.has(w) ? w.toUpperCase() : i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(" ");
}

/** Stored status codes, as the pages say them. */
export const VALUE_LABELS: Record<string, string> = {
  ...DRILL_STATUS_LABELS,
  ...ACTION_ITEM_STATUS_LABELS,
  ...STATUS_LABELS,
  in_review: "In review",
  approved: "Approved",
  superseded: "Superseded",
  returned: "Returned to draft",
  accepted: "Accepted",
  in_progress: "In progress",
  real_event: "Actual event",
  full_scale: "Full-scale exercise",
};

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v === "string") return VALUE_LABELS[v] ?? v;
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(", ") : "none";
  if (typeof v === "object")
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${humanize(k)}: ${valueText(x)}`)
      .join("; ");
  return String(v);
}

/** Each field of a stored JSON value as [label, full text]. */
export function describeValues(json: string | null): [string, string][] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.entries(v as Record<string, unknown>).map(([k, x]) => [humanize(k), valueText(x)]);
    return [["Value", valueText(v)]];
  } catch {
    return [["Value", json]];
  }
}

export interface DescribedEntry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  actionLabel: string;
  entityType: string;
  entityId: string;
  entityLabel: string;
  /** The record's name now, e.g. "PCA pumps, version 2"; null when it cannot be found. */
  recordName: string | null;
  href: string | null;
  oldValues: [string, string][];
  newValues: [string, string][];
}

const ids = (rows: readonly AuditRow[], type: string) => [
  ...new Set(
    rows
      .filter((r) => r.entityType === type)
      .map((r) => Number(r.entityId))
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  ),
];

/** Names and links for the records the rows point at: one query per entity type present. */
function recordNames(db: Db, rows: readonly AuditRow[]): Map<string, { name: string; href: string | null }> {
  const out = new Map<string, { name: string; href: string | null }>();
  const put = (type: string, id: number, name: string, href: string | null) => out.set(`${type}:${id}`, { name, href });
  const q = <T>(type: string, load: (list: number[]) => T[], each: (row: T) => void) => {
    const list = ids(rows, type);
    if (list.length) load(list).forEach(each);
  };
  const classNames = new Map(
    db
      .select({ id: deviceClasses.id, name: deviceClasses.name })
      .from(deviceClasses)
      .all()
      .map((c) => [c.id, c.name]),
  );
  q(
    "raci_version",
    (l) => db.select().from(raciVersions).where(inArray(raciVersions.id, l)).all(),
    (v) =>
      put(
        "raci_version",
        v.id,
        `${classNames.get(v.deviceClassId) ?? "Device class"}, version ${v.versionNo}`,
        `/raci/${v.deviceClassId}/versions/${v.versionNo}`,
      ),
  );
  q(
    "assessment",
    (l) => db.select({ id: assessments.id, name: assessments.name }).from(assessments).where(inArray(assessments.id, l)).all(),
    (a) => put("assessment", a.id, a.name, `/assessments/${a.id}`),
  );
  q(
    "drill",
    (l) => db.select({ id: drills.id, title: drills.title }).from(drills).where(inArray(drills.id, l)).all(),
    (d) => put("drill", d.id, d.title, `/drills/${d.id}`),
  );
  const planTitles = new Map(
    db
      .select({ id: responsePlans.id, title: responsePlans.title })
      .from(responsePlans)
      .all()
      .map((p) => [p.id, p.title]),
  );
  q(
    "plan_version",
    (l) =>
      db
        .select({ id: planVersions.id, planId: planVersions.planId, versionNo: planVersions.versionNo })
        .from(planVersions)
        .where(inArray(planVersions.id, l))
        .all(),
    (v) => put("plan_version", v.id, `${planTitles.get(v.planId) ?? "Plan"}, version ${v.versionNo}`, `/plans/${v.planId}`),
  );
  for (const id of ids(rows, "response_plan")) if (planTitles.has(id)) put("response_plan", id, planTitles.get(id)!, `/plans/${id}`);
  q(
    "action_item",
    (l) => db.select({ id: actionItems.id, title: actionItems.title }).from(actionItems).where(inArray(actionItems.id, l)).all(),
    (i) => put("action_item", i.id, i.title, `/actions`),
  );
  q(
    "activity",
    (l) => db.select({ id: activities.id, name: activities.name }).from(activities).where(inArray(activities.id, l)).all(),
    (a) => put("activity", a.id, a.name, "/raci/activities"),
  );
  for (const id of ids(rows, "device_class")) if (classNames.has(id)) put("device_class", id, classNames.get(id)!, `/organization/device-classes/${id}`);
  q(
    "party",
    (l) => db.select({ id: parties.id, name: parties.name }).from(parties).where(inArray(parties.id, l)).all(),
    (p) => put("party", p.id, p.name, "/organization"),
  );
  q(
    "site",
    (l) => db.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, l)).all(),
    (s) => put("site", s.id, s.name, "/organization"),
  );
  q(
    "user",
    (l) => db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, l)).all(),
    (u) => put("user", u.id, u.name, `/admin/users/${u.id}`),
  );
  return out;
}

export function describeEntries(db: Db, rows: readonly AuditRow[]): DescribedEntry[] {
  const names = recordNames(db, rows);
  return rows.map((r) => {
    const rec = names.get(`${r.entityType}:${Number(r.entityId)}`);
    return {
      seq: r.seq,
      at: r.at,
      actorLabel: r.actorLabel,
      action: r.action,
      actionLabel: humanize(r.action),
      entityType: r.entityType,
      entityId: r.entityId,
      entityLabel: ENTITY_LABELS[r.entityType] ?? humanize(r.entityType),
      recordName: rec?.name ?? null,
      href: rec?.href ?? null,
      oldValues: describeValues(r.oldValues),
      newValues: describeValues(r.newValues),
    };
  });
}

/** One page of the trail, described. Admins and auditors. */
export function listAuditDescribed(db: Db, actor: Actor, f: AuditFilter) {
  assertCan(actor, "audit.read");
  const { rows, hasMore } = listAudit(db, actor, f);
  return { rows: describeEntries(db, rows), hasMore };
}
