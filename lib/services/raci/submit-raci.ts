import { and, eq, max } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { raciVersions } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { requiredSigners, sameLetters, validateMatrix, type RaciSnapshot } from "@/lib/rules/raci";
import type { SubmitRaciInput } from "@/lib/validation/raci";
import { appendAudit } from "../audit/append-audit";
import { enqueueWebhookEvent } from "../webhooks/enqueue-webhook-event";
import { resolveClass } from "./raci-records";
import { currentRaciVersions } from "./signers";
import { clock } from "@/lib/clock";

/**
 * Draft → In review. Freezes the class's resolved matrix as a new version, with its required signers:
 * the leads of every party holding A or R, and one leadership approval. Refused, with the rule
 * messages, when the matrix breaks a rule.
 */
export function submitRaci(db: Db, actor: Actor, input: SubmitRaciInput, now = clock.now()) {
  assertCan(actor, "raci.submit");
  return writeTx(db, (tx) => {
    const r = resolveClass(tx, input.classId);
    if (r.deviceClass.archivedAt) throw new AppError("INVALID_STATE", "This device class is archived.");
    const versions = tx.select().from(raciVersions).where(eq(raciVersions.deviceClassId, input.classId)).all();
    if (versions.some((v) => v.status === "in_review")) throw new AppError("INVALID_STATE", "This matrix is already in review.");
    const violations = validateMatrix(r.resolved, r.activities, r.parties);
    if (violations.length) {
      throw new AppError("VALIDATION", `This matrix cannot be submitted until its rules are met: ${violations.map((v) => v.message).join("; ")}.`, {
        matrix: violations.map((v) => v.message),
      });
    }
    const { effective } = currentRaciVersions(tx, versions);
    if (effective && sameLetters(JSON.parse(effective.content) as RaciSnapshot, r.snapshot)) {
      throw new AppError("INVALID_STATE", "Nothing to sign: this matrix is the same as the effective version.");
    }
    const plan = requiredSigners(r.snapshot.cells, r.parties);
    const versionNo =
      (tx
        .select({ n: max(raciVersions.versionNo) })
        .from(raciVersions)
        .where(and(eq(raciVersions.deviceClassId, input.classId)))
        .get()?.n ?? 0) + 1;
    const row = tx
      .insert(raciVersions)
      .values({
        deviceClassId: input.classId,
        versionNo,
        status: "in_review",
        content: JSON.stringify(r.snapshot),
        requiredSigners: JSON.stringify(plan),
        submittedBy: actor.id,
        submittedAt: now.toISOString(),
      })
      .returning()
      .get();
    appendAudit(tx, {
      actor,
      action: "RACI_SUBMITTED",
      entityType: "raci_version",
      entityId: row.id,
      newValues: { deviceClassId: input.classId, versionNo, signers: plan.partySigners.map((s) => s.name), leadershipApproval: true },
      at: now,
    });
    enqueueWebhookEvent(
      tx,
      "raci.awaiting_signature",
      {
        deviceClass: { id: input.classId, name: r.deviceClass.name },
        versionNo,
        signers: plan.partySigners.map((s) => s.name),
        leadershipApproval: true,
        path: `/raci/${input.classId}`,
      },
      now,
    );
    return row;
  });
}
