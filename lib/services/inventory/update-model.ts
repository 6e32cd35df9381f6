import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeTx } from "@/db/client";
import { deviceClasses, deviceModels } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { isCalendarDate } from "@/lib/rules/inventory-import";
import { supportDateProblems } from "@/lib/rules/support-status";
import { appendAudit, diffFields } from "@/lib/services/audit/append-audit";
import type { UpdateModelInput } from "@/lib/validation/inventory";
import { clock } from "@/lib/clock";
import { assertCanEditDevices } from "./access";
import { matchAdvisories } from "../advisories/match-advisories";
import { rematchRecalls } from "../recalls/match-recalls";

/**
 * Edits a model's class, FDA product code, MDS2 and OEM support dates (Clinical Engineering lead, admins); the
 * support status follows from the dates. Every date must be a real calendar date; the audit row commits with it.
 */
export function updateModel(db: Db, actor: Actor, input: UpdateModelInput): { changed: string[] } {
  assertCanEditDevices(db, actor);
  const { id, ...values } = input;
  for (const k of ["mds2Date", "endOfSale", "endOfSupport", "endOfSecurityPatches"] as const) {
    const v = values[k];
    if (v !== null && !isCalendarDate(v)) throw invalid(`${v} is not a calendar date.`, { [k]: ["Not a calendar date."] });
  }
  const [field, sentence] = Object.entries(supportDateProblems(values))[0] ?? [];
  if (field && sentence) throw invalid(sentence, { [field]: [sentence] });
  if (values.mds2Date && !values.mds2OnFile)
    throw invalid("An MDS2 date needs the MDS2 form on file.", { mds2Date: ["Tick MDS2 on file, or clear the date."] });
  const now = clock.now();
  const result = writeTx(db, (tx) => {
    const m = tx.select().from(deviceModels).where(eq(deviceModels.id, id)).get();
    if (!m) throw notFound("model");
    if (values.deviceClassId !== null && !tx.select({ id: deviceClasses.id }).from(deviceClasses).where(eq(deviceClasses.id, values.deviceClassId)).get())
      throw invalid("Choose a device class from the list.", { deviceClassId: ["Unknown class."] });
    const diff = diffFields(m as unknown as Record<string, unknown>, values);
    const changed = Object.keys(diff.new);
    if (changed.length === 0) return { changed };
    tx.update(deviceModels)
      .set({ ...values, updatedAt: now.toISOString() })
      .where(eq(deviceModels.id, id))
      .run();
    appendAudit(tx, { actor, action: "DEVICE_MODEL_UPDATED", entityType: "device_model", entityId: id, oldValues: diff.old, newValues: diff.new, at: now });
    // Recalls match on the model's product code, manufacturer and number (lib/rules/recall-match.ts): this model's
    // recall matches are re-derived with the edit, in its transaction (issue #13).
    if (changed.includes("fdaProductCode") || changed.includes("modelNumber")) {
      const r = rematchRecalls(tx, now, undefined, { modelIds: [id] });
      if (r.added + r.changed + r.removed > 0)
        appendAudit(tx, {
          actor: null,
          action: "RECALL_MATCHES_DERIVED",
          entityType: "device_model",
          entityId: id,
          newValues: { ...r, models: [id] },
          at: now,
        });
    }
    return { changed };
  });
  // Advisories compare the model's number with their product names and version fields (lib/rules/advisory-match.ts).
  if (result.changed.includes("modelNumber")) matchAdvisories(db, { scope: { modelIds: [id] } }, now);
  return result;
}
