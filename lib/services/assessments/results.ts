import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { actionItems, parties, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid } from "@/lib/errors";
import { CSF_FUNCTIONS, csfCategory, csfSubcategory } from "@/lib/csf/catalog";
import { DEFAULT_ACTIVITIES } from "@/db/seed/raci-data";
import { compareRollups, gapList, scoreAssessment, type Answer } from "@/lib/rules/csf-score";
import type { CreateActionItemInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { readVersions, versionedCache } from "../versioned-cache";
import { getAssessmentRow, lastApprovedOfScope, loadAnswers } from "./assessment-records";
import { clock } from "@/lib/clock";

/** Subcategories that anchor a medical-device governance duty (a RACI activity) rank first among equal gaps. */
const DEVICE_ANCHORS = new Map<string, number>();
for (const a of DEFAULT_ACTIVITIES) for (const ref of a.csf) DEVICE_ANCHORS.set(ref, (DEVICE_ANCHORS.get(ref) ?? 0) + 1);

const toAnswers = (rows: ReturnType<typeof loadAnswers>): Answer[] =>
  rows.map((x) => ({
    subcategoryId: x.subcategoryId,
    current: x.current as Answer["current"],
    target: x.target as Answer["target"],
    notApplicable: x.notApplicable,
  }));

/**
 * Results: roll-ups per category and function, the gap list, and the change since the previous approved assessment of
 * the scope. The same for every reader, so cached per assessment until assessments, action items (the drills domain)
 * or the organization change (lib/services/versioned-cache.ts).
 */
export function getAssessmentResults(db: Db, actor: Actor, id: number) {
  assertCan(actor, "assessment.read");
  getAssessmentRow(db, id, actor); // site scope, before the cache shared by every reader
  return versionedCache(db, readVersions(db), ["org", "assessments", "drills"], `assessment-results|${id}`, () => computeResults(db, id));
}

function computeResults(db: Db, id: number) {
  const a = getAssessmentRow(db, id, "system");
  const answers = toAnswers(loadAnswers(db, id));
  const scores = scoreAssessment({ functions: CSF_FUNCTIONS }, answers);
  const previous = lastApprovedOfScope(db, a, id);
  const prevScores = previous ? scoreAssessment({ functions: CSF_FUNCTIONS }, toAnswers(loadAnswers(db, previous.id))) : null;
  const items = db
    .select({ item: actionItems, partyName: parties.name, userName: users.name })
    .from(actionItems)
    .innerJoin(parties, eq(parties.id, actionItems.ownerPartyId))
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .where(eq(actionItems.assessmentId, id))
    .all();
  return {
    assessment: a,
    ...scores,
    // Names and links make each row actionable (issue 10, item 11): "GV.OC — Organizational Context", and each gap
    // opens its subcategory in the assessment step where it is answered.
    categories: scores.categories.map((c) => ({
      ...c,
      name: csfCategory(c.id)?.name ?? c.id,
      href: `/assessments/${id}/${csfCategory(c.id)?.functionId ?? c.id.slice(0, 2)}`,
    })),
    gaps: gapList(answers, (s) => DEVICE_ANCHORS.get(s) ?? 0).map((g) => ({
      ...g,
      outcome: csfSubcategory(g.subcategoryId)?.outcome ?? "",
      deviceAnchored: DEVICE_ANCHORS.has(g.subcategoryId),
      categoryName: csfCategory(g.subcategoryId.split("-")[0]!)?.name ?? "",
      href: `/assessments/${id}/${g.subcategoryId.slice(0, 2)}#h-${g.subcategoryId}`,
    })),
    previous: previous ? { id: previous.id, name: previous.name, approvedAt: previous.approvedAt } : null,
    functionChange: prevScores ? compareRollups(prevScores.functions, scores.functions) : [],
    categoryChange: prevScores ? compareRollups(prevScores.categories, scores.categories) : [],
    actionItems: items.map((r) => ({ ...r.item, partyName: r.partyName, userName: r.userName })),
  };
}

/** Turns a gap into an action item (title, owner party, person, due date, status): the shared entity drills reuse. */
export function createActionItem(db: Db, actor: Actor, input: CreateActionItemInput, now = clock.now()) {
  assertCan(actor, "actionItem.create");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    getAssessmentRow(tx, input.assessmentId, actor);
    if (!csfSubcategory(input.subcategoryId)) throw new AppError("NOT_FOUND", "This CSF subcategory was not found.");
    if (!tx.select({ id: parties.id }).from(parties).where(eq(parties.id, input.ownerPartyId)).get())
      throw invalid("Choose an existing party.", { ownerPartyId: ["Choose an existing party."] });
    if (
      input.ownerUserId &&
      !tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.ownerUserId), eq(users.active, true)))
        .get()
    ) {
      throw invalid("Choose an active person.", { ownerUserId: ["Choose an active person."] });
    }
    const row = tx
      .insert(actionItems)
      .values({
        sourceType: "assessment_gap",
        assessmentId: input.assessmentId,
        subcategoryId: input.subcategoryId,
        title: input.title,
        ownerPartyId: input.ownerPartyId,
        ownerUserId: input.ownerUserId,
        dueDate: input.dueDate,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
      .get();
    appendAudit(tx, { actor, action: "ACTION_ITEM_CREATED", entityType: "action_item", entityId: row.id, newValues: { ...input }, at: now });
    return row;
  });
}
