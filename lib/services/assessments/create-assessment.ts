import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import {
  assessmentAnswers,
  assessmentAssignees,
  assessmentFunctionReviews,
  assessments,
  CSF_FUNCTION_IDS,
  deviceClasses,
  parties,
  sites,
  users,
} from "@/db/schema";
import { assertCan, assertInSiteScope, type Actor } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import type { CreateAssessmentInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { lastApprovedOfScope, loadAnswers } from "./assessment-records";
import { clock } from "@/lib/clock";

/**
 * Starts an assessment of a scope with assignees per function. "Start from the last assessment of this
 * scope" copies the last approved one's answers as a starting point, each marked as carried over.
 */
export function createAssessment(db: Db, actor: Actor, input: CreateAssessmentInput, now = clock.now()) {
  assertCan(actor, "assessment.create");
  if (input.scopeType === "site") assertInSiteScope(actor, input.siteId, "site");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const scope = {
      scopeType: input.scopeType,
      siteId: input.scopeType === "site" ? input.siteId : null,
      deviceClassId: input.scopeType === "device_class" ? input.deviceClassId : null,
    };
    if (scope.siteId && !tx.select({ id: sites.id }).from(sites).where(eq(sites.id, scope.siteId)).get())
      throw invalid("Choose an existing site.", { siteId: ["Choose an existing site."] });
    if (scope.deviceClassId && !tx.select({ id: deviceClasses.id }).from(deviceClasses).where(eq(deviceClasses.id, scope.deviceClassId)).get()) {
      throw invalid("Choose an existing device class.", { deviceClassId: ["Choose an existing device class."] });
    }
    const previous = input.carryForward ? lastApprovedOfScope(tx, scope) : null;
    if (input.carryForward && !previous)
      throw invalid("There is no approved assessment of this scope to start from. Untick “Start from the last assessment”.", {
        carryForward: ["No approved assessment of this scope yet."],
      });
    const row = tx
      .insert(assessments)
      .values({ name: input.name, ...scope, dueDate: input.dueDate, createdBy: actor.id, createdAt: at, updatedAt: at, carriedFromId: previous?.id ?? null })
      .returning()
      .get();
    const assigned: Record<string, string> = {};
    for (const f of CSF_FUNCTION_IDS) {
      tx.insert(assessmentFunctionReviews).values({ assessmentId: row.id, functionId: f }).run();
      const v = input[`assignee_${f}`];
      if (!v) continue;
      const [kind, raw] = v.split(":") as ["user" | "party", string];
      const targetId = Number(raw);
      if (kind === "user") {
        const u = tx.select({ active: users.active, name: users.name }).from(users).where(eq(users.id, targetId)).get();
        if (!u?.active) throw invalid("Assign active users only.", { [`assignee_${f}`]: ["Choose an active user."] });
        assigned[f] = u.name;
      } else {
        const p = tx.select({ name: parties.name }).from(parties).where(eq(parties.id, targetId)).get();
        if (!p) throw invalid("Assign existing parties only.", { [`assignee_${f}`]: ["Choose an existing party."] });
        assigned[f] = p.name;
      }
      tx.insert(assessmentAssignees)
        .values({ assessmentId: row.id, functionId: f, userId: kind === "user" ? targetId : null, partyId: kind === "party" ? targetId : null })
        .run();
    }
    let carried = 0;
    if (previous) {
      for (const a of loadAnswers(tx, previous.id)) {
        tx.insert(assessmentAnswers)
          .values({
            assessmentId: row.id,
            subcategoryId: a.subcategoryId,
            current: a.current,
            target: a.target,
            notApplicable: a.notApplicable,
            naReason: a.naReason,
            notes: a.notes,
            carriedOver: true,
            updatedBy: actor.id,
            updatedAt: at,
          })
          .run();
        carried++;
      }
    }
    appendAudit(tx, {
      actor,
      action: "ASSESSMENT_CREATED",
      entityType: "assessment",
      entityId: row.id,
      newValues: { name: input.name, ...scope, dueDate: input.dueDate, assignees: assigned, carriedFrom: previous?.id ?? null, carriedAnswers: carried },
      at: now,
    });
    return row;
  });
}
