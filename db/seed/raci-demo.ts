import { eq } from "drizzle-orm";
import type { Tx } from "../client";
import { activities, raciOverrides, raciRevisions, raciTemplateCells, raciVersions } from "../schema";
import type { Actor } from "@/lib/auth/permissions";
import { requiredSigners, type Letter } from "@/lib/rules/raci";
import { appendAudit } from "@/lib/services/audit/append-audit";
import { classScope, RACI_ENTITY, resolveClass, signedContent } from "@/lib/services/raci/raci-records";
import { signerSlots } from "@/lib/services/raci/signers";
import { writeSignature } from "@/lib/services/signatures/sign-record";
import { DEFAULT_ACTIVITIES } from "./raci-data";
import { activityRow, templateCellRows } from "./rows";

type PartyKey = "ce" | "it" | "sec" | "clin" | "supply" | "em" | "oem";

/** Seeds the 25 default activities and the template. Used by the demo and by a fresh organization. */
export function seedActivitiesAndTemplate(tx: Tx, partyIds: Map<string, number>, now: Date): number[] {
  const at = now.toISOString();
  const ids: number[] = [];
  DEFAULT_ACTIVITIES.forEach((a, i) => {
    const row = tx
      .insert(activities)
      .values(activityRow(a, i + 1, at))
      .returning()
      .get();
    ids.push(row.id);
    for (const cell of templateCellRows(row.id, a, (key) => partyIds.get(key))) tx.insert(raciTemplateCells).values(cell).run();
  });
  appendAudit(tx, {
    actor: null,
    action: "RACI_TEMPLATE_SEEDED",
    entityType: "raci_template",
    entityId: "template",
    newValues: { activities: ids.length },
    at: now,
  });
  return ids;
}

const days = (now: Date, d: number) => new Date(now.getTime() - d * 86_400_000);

/**
 * Demo RACI history that shows every state: effective and signed, in review awaiting a signer, a draft
 * with a violation, re-attestation due, changes pending. Syringe pumps is left untouched for the tour.
 */
export function seedRaciDemo(tx: Tx, ctx: { partyIds: Map<string, number>; classIds: Map<string, number>; users: Map<string, Actor>; now: Date }) {
  const { partyIds, classIds, users, now } = ctx;
  const acts = tx.select().from(activities).all();
  const act = (prefix: string) => acts.find((a) => a.name.startsWith(prefix))!.id;
  const cls = (name: string) => classIds.get(name)!;
  const cio = users.get("cio@lakeside.example")!;
  const byId = new Map([...users.values()].map((u) => [u.id, u]));

  const override = (className: string, activity: string, party: PartyKey, letter: Letter | null, by: Actor, at: Date) => {
    const classId = cls(className);
    tx.insert(raciOverrides)
      .values({ deviceClassId: classId, activityId: act(activity), partyId: partyIds.get(party)!, letter })
      .run();
    const scope = classScope(classId);
    const rev = tx.select().from(raciRevisions).where(eq(raciRevisions.scope, scope)).get()?.revision ?? 0;
    tx.insert(raciRevisions)
      .values({ scope, revision: rev + 1, updatedBy: by.id, updatedAt: at.toISOString() })
      .onConflictDoUpdate({ target: raciRevisions.scope, set: { revision: rev + 1, updatedBy: by.id, updatedAt: at.toISOString() } })
      .run();
    appendAudit(tx, {
      actor: by,
      action: "RACI_OVERRIDE_SET",
      entityType: "device_class",
      entityId: classId,
      newValues: { activityId: act(activity), partyId: partyIds.get(party), letter },
      at,
    });
  };

  const submit = (className: string, by: Actor, at: Date) => {
    const r = resolveClass(tx, cls(className));
    const versionNo =
      tx
        .select()
        .from(raciVersions)
        .where(eq(raciVersions.deviceClassId, cls(className)))
        .all().length + 1;
    const v = tx
      .insert(raciVersions)
      .values({
        deviceClassId: cls(className),
        versionNo,
        status: "in_review",
        content: JSON.stringify(r.snapshot),
        requiredSigners: JSON.stringify(requiredSigners(r.snapshot.cells, r.parties)),
        submittedBy: by.id,
        submittedAt: at.toISOString(),
      })
      .returning()
      .get();
    appendAudit(tx, {
      actor: by,
      action: "RACI_SUBMITTED",
      entityType: RACI_ENTITY,
      entityId: v.id,
      newValues: { deviceClassId: v.deviceClassId, versionNo },
      at,
    });
    return v;
  };

  const sign = (v: typeof raciVersions.$inferSelect, signer: Actor, at: Date) => {
    const slot = signerSlots(tx, v).find((s) => (s.userId === signer.id || (s.key === "leadership" && signer.roles.includes("leadership"))) && !s.signature)!;
    writeSignature(tx, signer, { ref: { entityType: RACI_ENTITY, entityId: String(v.id) }, content: signedContent(v), meaning: slot.meaning }, at);
  };

  const signOff = (className: string, at: Date, submitter: Actor) => {
    const v = submit(className, submitter, at);
    let t = at.getTime();
    for (const slot of signerSlots(tx, v)) {
      t += 3_600_000;
      sign(v, slot.userId ? byId.get(slot.userId)! : cio, new Date(t));
    }
    const eff = new Date(t).toISOString();
    tx.update(raciVersions).set({ status: "effective", effectiveAt: eff, lastAttestedAt: eff }).where(eq(raciVersions.id, v.id)).run();
    appendAudit(tx, { actor: cio, action: "RACI_EFFECTIVE", entityType: RACI_ENTITY, entityId: v.id, newValues: { status: "effective" }, at: new Date(t) });
    return v;
  };

  const ce = users.get("ce.lead@lakeside.example")!;
  const it = users.get("it.lead@lakeside.example")!;
  const sec = users.get("security.lead@lakeside.example")!;

  // Effective and signed
  signOff("Ventilators", days(now, 60), ce);
  signOff("Anesthesia workstations", days(now, 58), ce);
  // Bedside monitors are patched by IT Infrastructure (the OEM ships Windows-based updates) and Clinical Engineering
  // answers for them: the patch queue routes them to another party than the template's.
  override("Bedside patient monitors", "Obtain OEM-validated patch", "it", "R", it, days(now, 46));
  override("Bedside patient monitors", "Obtain OEM-validated patch", "ce", "A", it, days(now, 46));
  signOff("Bedside patient monitors", days(now, 45), it);
  override("Large-volume infusion pumps", "Handle recalls", "supply", "R", ce, days(now, 41));
  signOff("Large-volume infusion pumps", days(now, 40), ce);
  // PACS servers: remote vendor access and monitoring are the security office's
  override("PACS servers", "Monitor device traffic", "sec", "A", sec, days(now, 31));
  override("PACS servers", "Monitor device traffic", "it", "R", sec, days(now, 31));
  override("PACS servers", "Device credentials", "sec", "A", sec, days(now, 31));
  override("PACS servers", "Device credentials", "it", "R", sec, days(now, 31));
  signOff("PACS servers", days(now, 30), sec);

  // Due for re-attestation: signed 13 months ago
  signOff("Chemistry analyzers", days(now, 395), ce);

  // Changes pending: CT scanners signed, then its parent class changed and that change was signed. Only a
  // signed parent change reopens a signed child; a parent's draft does not (lib/rules/raci.ts signedBasis).
  signOff("CT scanners", days(now, 50), it);
  override("Imaging modalities", "Device credentials", "oem", "R", it, days(now, 20));
  signOff("Imaging modalities", days(now, 19), it);

  // In review, awaiting the IT lead and the CIO
  override("PCA pumps", "Role-based training", "clin", "R", ce, days(now, 6));
  const pca = submit("PCA pumps", ce, days(now, 5));
  sign(pca, ce, days(now, 4));

  // Draft with a violation: two Accountable parties for segmentation
  override("Telemetry transmitters", "Network segmentation", "ce", "A", ce, days(now, 2));
}
