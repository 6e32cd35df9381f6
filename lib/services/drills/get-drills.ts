import { and, asc, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  actionItems,
  activities,
  deviceClasses,
  drillClasses,
  drillFindings,
  drillObjectives,
  drillParticipants,
  drillPlans,
  drills,
  parties,
  responsePlans,
  sites,
  users,
} from "@/db/schema";
import { assertCan, can, inSiteScope, type Actor } from "@/lib/auth/permissions";
import { EXERCISE_TYPE_LABELS, isOperationsBased, type ExerciseType } from "@/lib/rules/cadence";
import { DRILL_STATUS_LABELS, isOverdue, type DrillStatus } from "@/lib/rules/drills";
import { verifyRecordSignatures } from "../signatures/sign-record";
import { mayUpdateItem } from "../action-items/action-item-records";
import { DRILL_ENTITY, aarApprovalVerdict, aarSignedContent, getDrillRow } from "./drill-records";
import { clock } from "@/lib/clock";

export function drillTypeLabel(d: { kind: string; type: string | null }): string {
  if (d.kind === "real_event") return "Real event (plan activated)";
  return EXERCISE_TYPE_LABELS[d.type as ExerciseType] ?? d.type ?? "?";
}

export function drillTypeGroup(d: { kind: string; type: string | null }): string {
  if (d.kind === "real_event") return "Real event";
  return isOperationsBased(d.type as ExerciseType) ? "Operations-based" : "Discussion-based";
}

export interface DrillFilter {
  siteId?: number;
  status?: DrillStatus;
  year?: number;
}

export function listDrills(db: Db, actor: Actor, filter: DrillFilter = {}) {
  assertCan(actor, "drill.read");
  const conds: SQL[] = [];
  if (filter.siteId) conds.push(eq(drills.siteId, filter.siteId));
  if (filter.status) conds.push(eq(drills.status, filter.status));
  const rows = db
    .select({ d: drills, site: sites.name })
    .from(drills)
    .innerJoin(sites, eq(sites.id, drills.siteId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(drills.plannedDate), desc(drills.id))
    .all()
    .filter(({ d }) => inSiteScope(actor, d.siteId))
    .filter(({ d }) => !filter.year || (d.actualStart ?? d.plannedDate).startsWith(String(filter.year)));
  const ids = rows.map((r) => r.d.id);
  const items = ids.length
    ? db.select({ drillId: actionItems.drillId, status: actionItems.status }).from(actionItems).where(inArray(actionItems.drillId, ids)).all()
    : [];
  return rows.map(({ d, site }) => {
    const mine = items.filter((i) => i.drillId === d.id);
    return {
      id: d.id,
      title: d.title,
      kind: d.kind,
      type: d.type,
      typeLabel: drillTypeLabel(d),
      group: drillTypeGroup(d),
      siteId: d.siteId,
      site,
      status: d.status,
      statusLabel: DRILL_STATUS_LABELS[d.status],
      plannedDate: d.plannedDate,
      actualStart: d.actualStart,
      itemsOpen: mine.filter((i) => i.status !== "closed").length,
      itemsTotal: mine.length,
    };
  });
}
export type DrillListRow = ReturnType<typeof listDrills>[number];

export function getDrill(db: Db, actor: Actor, drillId: number, now = clock.now()) {
  assertCan(actor, "drill.read");
  const today = now.toISOString().slice(0, 10);
  const d = getDrillRow(db, drillId, actor);
  const nameOf = (id: number | null) => (id ? (db.select({ n: users.name }).from(users).where(eq(users.id, id)).get()?.n ?? "?") : null);
  const site = db.select({ name: sites.name }).from(sites).where(eq(sites.id, d.siteId)).get()?.name ?? "?";
  const plans = db
    .select({ id: responsePlans.id, title: responsePlans.title })
    .from(drillPlans)
    .innerJoin(responsePlans, eq(responsePlans.id, drillPlans.planId))
    .where(eq(drillPlans.drillId, d.id))
    .orderBy(asc(responsePlans.title))
    .all();
  const classes = db
    .select({ id: deviceClasses.id, name: deviceClasses.name })
    .from(drillClasses)
    .innerJoin(deviceClasses, eq(deviceClasses.id, drillClasses.deviceClassId))
    .where(eq(drillClasses.drillId, d.id))
    .orderBy(asc(deviceClasses.name))
    .all();
  const participants = db
    .select({
      id: drillParticipants.id,
      userId: drillParticipants.userId,
      partyId: drillParticipants.partyId,
      attended: drillParticipants.attended,
      userName: users.name,
      partyName: parties.name,
    })
    .from(drillParticipants)
    .leftJoin(users, eq(users.id, drillParticipants.userId))
    .leftJoin(parties, eq(parties.id, drillParticipants.partyId))
    .where(eq(drillParticipants.drillId, d.id))
    .orderBy(asc(drillParticipants.id))
    .all()
    .map((p) => ({ id: p.id, name: p.userName ?? `${p.partyName ?? "?"} (party)`, attended: p.attended }));
  const objectives = db
    .select()
    .from(drillObjectives)
    .where(eq(drillObjectives.drillId, d.id))
    .orderBy(asc(drillObjectives.sortOrder), asc(drillObjectives.id))
    .all();
  const findings = db
    .select({ f: drillFindings, activity: activities.name })
    .from(drillFindings)
    .leftJoin(activities, eq(activities.id, drillFindings.activityId))
    .where(eq(drillFindings.drillId, d.id))
    .orderBy(asc(drillFindings.id))
    .all()
    .map(({ f, activity }) => ({ ...f, activity, objective: objectives.find((o) => o.id === f.objectiveId)?.text ?? null }));
  const items = db
    .select({ i: actionItems, party: parties.name, user: users.name })
    .from(actionItems)
    .innerJoin(parties, eq(parties.id, actionItems.ownerPartyId))
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .where(eq(actionItems.drillId, d.id))
    .orderBy(asc(actionItems.id))
    .all()
    .map(({ i, party, user }) => ({
      id: i.id,
      findingId: i.findingId,
      title: i.title,
      capabilityElement: i.capabilityElement,
      ownerPartyId: i.ownerPartyId,
      ownerParty: party,
      ownerUser: user,
      dueDate: i.dueDate,
      status: i.status,
      closureEvidence: i.closureEvidence,
      closedAt: i.closedAt,
      overdue: isOverdue({ status: i.status, dueDate: i.dueDate }, today),
      mayUpdate: mayUpdateItem(actor, i),
    }));
  const signatures = d.aarApprovedAt ? verifyRecordSignatures(db, { entityType: DRILL_ENTITY, entityId: String(d.id) }, aarSignedContent(db, d.id)) : [];
  const status = d.status;
  const manage = can(actor, "drill.manage");
  const approval = status === "aar_approved" || status === "closed" ? aarApprovalVerdict(db, d) : null;
  return {
    /** Marked approved, but the AAR's approval signature does not hold up (issue #10, finding 17). */
    signatureProblem: approval && !approval.ok ? approval.problems : null,
    drill: {
      ...d,
      status,
      statusLabel: DRILL_STATUS_LABELS[status],
      typeLabel: drillTypeLabel(d),
      group: drillTypeGroup(d),
      site,
      facilitator: nameOf(d.facilitatorUserId),
      conductedByName: nameOf(d.conductedBy),
      aarSubmittedByName: nameOf(d.aarSubmittedBy),
      aarApprovedByName: nameOf(d.aarApprovedBy),
    },
    plans,
    classes,
    participants,
    objectives,
    findings,
    items,
    signatures,
    today,
    may: {
      manage,
      conduct: manage && status === "planned",
      editAar: manage && status === "conducted",
      addObjective: manage && (status === "planned" || status === "conducted"),
      submitAar: manage && status === "conducted",
      approveAar: can(actor, "drill.approveAar") && status === "aar_review" && d.aarSubmittedBy !== actor.id && d.facilitatorUserId !== actor.id,
      returnAar: can(actor, "drill.approveAar") && status === "aar_review",
      cancel: manage && status === "planned",
      addItem: manage && can(actor, "actionItem.create") && status === "conducted",
    },
  };
}
export type DrillDetail = ReturnType<typeof getDrill>;

/** Choices for the schedule and record forms. */
export function drillFormOptions(db: Db, actor: Actor) {
  assertCan(actor, "drill.read");
  return {
    sites: db.select({ id: sites.id, name: sites.name }).from(sites).where(isNull(sites.archivedAt)).orderBy(asc(sites.name)).all(),
    plans: db
      .select({ id: responsePlans.id, title: responsePlans.title })
      .from(responsePlans)
      .where(isNull(responsePlans.archivedAt))
      .orderBy(asc(responsePlans.title))
      .all(),
    classes: db
      .select({ id: deviceClasses.id, name: deviceClasses.name })
      .from(deviceClasses)
      .where(isNull(deviceClasses.archivedAt))
      .orderBy(asc(deviceClasses.name))
      .all(),
    users: db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all(),
    parties: db
      .select({ id: parties.id, name: parties.name })
      .from(parties)
      .where(isNull(parties.archivedAt))
      .orderBy(asc(parties.sortOrder), asc(parties.name))
      .all(),
    activities: db
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(isNull(activities.retiredAt))
      .orderBy(asc(activities.sortOrder))
      .all(),
  };
}

/** Planned and past drills by site and month for one year: the calendar. */
export function drillCalendar(db: Db, actor: Actor, year: number) {
  const rows = listDrills(db, actor, { year });
  const siteRows = db.select({ id: sites.id, name: sites.name }).from(sites).where(isNull(sites.archivedAt)).orderBy(asc(sites.name)).all();
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  return {
    year,
    months,
    sites: siteRows.map((s) => ({
      ...s,
      byMonth: months.map((m) => rows.filter((d) => d.siteId === s.id && (d.actualStart ?? d.plannedDate).startsWith(m))),
    })),
  };
}
