import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { writeTxWhenFree, type Db, type DbOrTx } from "@/db/client";
import { assessmentEvidence, assessmentFunctionReviews, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError, invalid, notFound } from "@/lib/errors";
import { csfSubcategory } from "@/lib/csf/catalog";
import { evidenceFileName, answerLockReason, checkEvidenceUpload, isSafeLink } from "@/lib/rules/evidence";
import { dataDir } from "@/lib/server/config";
import type { AddEvidenceInput } from "@/lib/validation/assessments";
import { appendAudit } from "../audit/append-audit";
import { getAssessmentRow, mayAnswerFunction } from "./assessment-records";
import { clock } from "@/lib/clock";

export function evidenceDir(): string {
  return path.join(dataDir(), "evidence");
}

/**
 * Adds evidence to a subcategory: a note, a link and/or a file. Files are checked (type by content, size
 * cap), written under a generated name before the transaction, and removed again if it fails.
 */
export async function addEvidence(db: Db, actor: Actor, input: AddEvidenceInput, now = clock.now()) {
  assertCan(actor, "assessment.answer");
  const sub = csfSubcategory(input.subcategoryId);
  if (!sub) throw new AppError("NOT_FOUND", "This CSF subcategory was not found.");
  const a = getAssessmentRow(db, input.assessmentId, actor);
  // Evidence changes under the same rule as answers: not while the function is in review, accepted or approved.
  const lockedNow = (q: DbOrTx) => {
    const row = getAssessmentRow(q, input.assessmentId, actor);
    const review = q
      .select({ status: assessmentFunctionReviews.status })
      .from(assessmentFunctionReviews)
      .where(and(eq(assessmentFunctionReviews.assessmentId, row.id), eq(assessmentFunctionReviews.functionId, sub.functionId)))
      .get();
    return answerLockReason(row.status, review?.status);
  };
  const locked = lockedNow(db);
  if (locked) throw new AppError("INVALID_STATE", locked);
  if (!mayAnswerFunction(db, actor, a, sub.functionId)) throw new AppError("FORBIDDEN", "You are not assigned to this function of the assessment.");
  if (input.url && !isSafeLink(input.url)) throw invalid("Links must start with https:// or http://.", { url: ["Links must start with https:// or http://."] });

  let stored: { storedName: string; fileName: string; contentType: string; size: number; sha256: string } | null = null;
  if (input.file) {
    const bytes = new Uint8Array(await input.file.arrayBuffer());
    const verdict = checkEvidenceUpload(input.file.name, bytes);
    if (!verdict.ok) throw invalid(verdict.problem, { file: [verdict.problem] });
    const storedName = `${crypto.randomUUID()}.${verdict.extension}`;
    fs.mkdirSync(evidenceDir(), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(evidenceDir(), storedName), bytes, { mode: 0o600, flag: "wx" });
    stored = {
      storedName,
      fileName: evidenceFileName(input.file.name),
      contentType: verdict.contentType,
      size: bytes.length,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    };
  }
  const at = now.toISOString();
  try {
    return await writeTxWhenFree(db, (tx) => {
      const stillLocked = lockedNow(tx); // the state may have moved while the file was checked and written
      if (stillLocked) throw new AppError("INVALID_STATE", stillLocked);
      const rows = [];
      const base = { assessmentId: a.id, subcategoryId: input.subcategoryId, addedBy: actor.id, addedAt: at };
      if (input.body)
        rows.push(
          tx
            .insert(assessmentEvidence)
            .values({ ...base, kind: "text", body: input.body })
            .returning()
            .get(),
        );
      if (input.url)
        rows.push(
          tx
            .insert(assessmentEvidence)
            .values({ ...base, kind: "link", url: input.url })
            .returning()
            .get(),
        );
      if (stored)
        rows.push(
          tx
            .insert(assessmentEvidence)
            .values({
              ...base,
              kind: "file",
              fileName: stored.fileName,
              storedName: stored.storedName,
              contentType: stored.contentType,
              sizeBytes: stored.size,
              sha256: stored.sha256,
            })
            .returning()
            .get(),
        );
      for (const r of rows) {
        appendAudit(tx, {
          actor,
          action: "ASSESSMENT_EVIDENCE_ADDED",
          entityType: "assessment",
          entityId: a.id,
          newValues: {
            evidenceId: r.id,
            subcategoryId: r.subcategoryId,
            kind: r.kind,
            body: r.body || undefined,
            url: r.url ?? undefined,
            fileName: r.fileName ?? undefined,
            sha256: r.sha256 ?? undefined,
          },
          at: now,
        });
      }
      return rows.length;
    });
  } catch (e) {
    if (stored) fs.rmSync(path.join(evidenceDir(), stored.storedName), { force: true });
    throw e;
  }
}

export function listEvidence(db: Db, actor: Actor, assessmentId: number) {
  assertCan(actor, "assessment.read");
  return db
    .select({ e: assessmentEvidence, addedByName: users.name })
    .from(assessmentEvidence)
    .innerJoin(users, eq(users.id, assessmentEvidence.addedBy))
    .where(and(eq(assessmentEvidence.assessmentId, assessmentId), isNull(assessmentEvidence.removedAt)))
    .all()
    .map((r) => ({ ...r.e, addedByName: r.addedByName }));
}

/** An evidence file for download: only for those who may read the assessment. */
export function getEvidenceFile(db: Db, actor: Actor, evidenceId: number) {
  assertCan(actor, "assessment.read");
  const e = db.select().from(assessmentEvidence).where(eq(assessmentEvidence.id, evidenceId)).get();
  if (!e || e.kind !== "file" || !e.storedName || e.removedAt) throw notFound("evidence file");
  getAssessmentRow(db, e.assessmentId, actor); // site scope of the assessment it belongs to
  const file = path.join(evidenceDir(), path.basename(e.storedName));
  if (!fs.existsSync(file)) throw notFound("evidence file");
  return { bytes: fs.readFileSync(file), fileName: e.fileName ?? "evidence", contentType: e.contentType ?? "application/octet-stream" };
}
