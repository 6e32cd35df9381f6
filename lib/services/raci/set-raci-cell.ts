import { and, eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { activities, deviceClasses, parties, raciOverrides, raciRevisions, raciTemplateCells, raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { SetRaciCellInput } from "@/lib/validation/raci";
import { appendAudit } from "../audit/append-audit";
import { classScope, getRevision, TEMPLATE_SCOPE } from "./raci-records";
import { clock } from "@/lib/clock";

/**
 * Sets one cell of the template or of a class's overrides. Optimistic concurrency: the caller sends the
 * revision it loaded; if someone saved since, nothing is written and the CONFLICT names who and when.
 * Leads change only their own party's column; admins any. A class in review cannot change.
 */
export function setRaciCell(db: Db, actor: Actor, input: SetRaciCellInput, now = clock.now()) {
  const isTemplate = input.scope === "template";
  if (isTemplate) assertCan(actor, "raci.editTemplate");
  else assertCan(actor, "raci.editCell", { partyId: input.partyId });
  const scope = isTemplate ? TEMPLATE_SCOPE : classScope(input.scope as number);
  const at = now.toISOString();

  return writeTx(db, (tx) => {
    if (!tx.select({ id: activities.id }).from(activities).where(eq(activities.id, input.activityId)).get()) throw notFound("activity");
    if (!tx.select({ id: parties.id }).from(parties).where(eq(parties.id, input.partyId)).get()) throw notFound("party");
    const rev = getRevision(tx, scope);
    if (rev.revision !== input.expectedRevision) {
      // Nobody changed it since (a page ahead of the server, or a crafted request): say so rather than name a change
      // that did not happen (found by a probe: "Someone changed this matrix at just now").
      if (!rev.updatedAt || input.expectedRevision > rev.revision)
        throw new AppError("CONFLICT", "This page is out of date: reload it, then make your change again. Nothing was saved.");
      const when = rev.updatedAt.replace("T", " ").slice(0, 16) + " UTC";
      throw new AppError(
        "CONFLICT",
        `${rev.updatedByName ?? "Someone"} changed this matrix at ${when}, after you opened it. Your change was not saved: reload to see their change, then try again.`,
      );
    }
    let old: string | null;
    let next: string | null;
    if (isTemplate) {
      if (input.letter === "inherit") throw new AppError("VALIDATION", "The template has nothing to inherit from.");
      const where = and(eq(raciTemplateCells.activityId, input.activityId), eq(raciTemplateCells.partyId, input.partyId));
      old = tx.select().from(raciTemplateCells).where(where).get()?.letter ?? null;
      next = input.letter || null;
      if (old === next) return { revision: rev.revision };
      tx.delete(raciTemplateCells).where(where).run();
      if (next)
        tx.insert(raciTemplateCells)
          .values({ activityId: input.activityId, partyId: input.partyId, letter: next as "R" })
          .run();
    } else {
      const classId = input.scope as number;
      const dc = tx.select().from(deviceClasses).where(eq(deviceClasses.id, classId)).get();
      if (!dc) throw notFound("device class");
      if (dc.archivedAt) throw new AppError("INVALID_STATE", "This device class is archived; restore it before changing its matrix.");
      const review = tx
        .select({ id: raciVersions.id })
        .from(raciVersions)
        .where(and(eq(raciVersions.deviceClassId, classId), eq(raciVersions.status, "in_review")))
        .get();
      if (review) throw new AppError("INVALID_STATE", "This matrix is in review. Return it to draft before changing it.");
      const where = and(eq(raciOverrides.deviceClassId, classId), eq(raciOverrides.activityId, input.activityId), eq(raciOverrides.partyId, input.partyId));
      const existing = tx.select().from(raciOverrides).where(where).get();
      old = existing ? (existing.letter ?? "") : "inherit";
      next = input.letter;
      if (old === next) return { revision: rev.revision };
      tx.delete(raciOverrides).where(where).run();
      if (next !== "inherit")
        tx.insert(raciOverrides)
          .values({ deviceClassId: classId, activityId: input.activityId, partyId: input.partyId, letter: (next || null) as "R" | null })
          .run();
    }
    const revision = rev.revision + 1;
    tx.insert(raciRevisions)
      .values({ scope, revision, updatedBy: actor.id, updatedAt: at })
      .onConflictDoUpdate({ target: raciRevisions.scope, set: { revision, updatedBy: actor.id, updatedAt: at } })
      .run();
    appendAudit(tx, {
      actor,
      action: isTemplate ? "RACI_TEMPLATE_CELL_SET" : next === "inherit" ? "RACI_OVERRIDE_RESET" : "RACI_OVERRIDE_SET",
      entityType: isTemplate ? "raci_template" : "device_class",
      entityId: isTemplate ? "template" : (input.scope as number),
      oldValues: { activityId: input.activityId, partyId: input.partyId, letter: old },
      newValues: { activityId: input.activityId, partyId: input.partyId, letter: next },
      at: now,
    });
    return { revision };
  });
}
