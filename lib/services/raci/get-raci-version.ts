import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, raciVersions, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { diffSnapshots, type RaciSnapshot } from "@/lib/rules/raci";
import { verifyRecordSignatures } from "../signatures/sign-record";
import { RACI_ENTITY, signedContent } from "./raci-records";
import { raciSignatureSet } from "./signers";

/** One submitted version: its frozen content, who submitted it, its signatures (verified now) and its diff with the version before. */
export function getRaciVersion(db: Db, actor: Actor, classId: number, versionNo: number) {
  assertCan(actor, "raci.read");
  const dc = db.select().from(deviceClasses).where(eq(deviceClasses.id, classId)).get();
  if (!dc) throw notFound("device class");
  const v = db
    .select()
    .from(raciVersions)
    .where(and(eq(raciVersions.deviceClassId, classId), eq(raciVersions.versionNo, versionNo)))
    .get();
  if (!v) throw notFound("RACI version");
  const prev =
    versionNo > 1
      ? db
          .select()
          .from(raciVersions)
          .where(and(eq(raciVersions.deviceClassId, classId), eq(raciVersions.versionNo, versionNo - 1)))
          .get()
      : undefined;
  let snapshot: RaciSnapshot;
  let contentReadable = true;
  try {
    snapshot = JSON.parse(v.content) as RaciSnapshot;
  } catch {
    contentReadable = false;
    snapshot = { deviceClassId: classId, deviceClassName: dc.name, activities: [], parties: [], cells: [] };
  }
  const submitter = db.select({ name: users.name }).from(users).where(eq(users.id, v.submittedBy)).get();
  const returner = v.returnedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, v.returnedBy)).get() : undefined;
  let content: unknown = null;
  try {
    content = signedContent(v);
  } catch {
    content = v.content;
  }
  return {
    deviceClass: dc,
    version: v,
    snapshot,
    contentReadable,
    submittedByName: submitter?.name ?? "unknown",
    returnedByName: returner?.name ?? null,
    signatures: verifyRecordSignatures(db, { entityType: RACI_ENTITY, entityId: String(v.id) }, content),
    /** For a version that was (or claims to have been) in force: does its whole set of signatures hold up? */
    signatureSet:
      v.status === "effective" || v.status === "superseded"
        ? contentReadable
          ? raciSignatureSet(db, v)
          : { ok: false as const, problems: ["The version's content cannot be read."] }
        : null,
    previousVersionNo: prev?.versionNo ?? null,
    changes: diffSnapshots(prev ? (JSON.parse(prev.content) as RaciSnapshot) : null, snapshot),
  };
}
