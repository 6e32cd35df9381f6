import { and, desc, eq, lte, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { advisoryDeviceMatches, deviceModels, devices, manufacturers, sites, supportDecisions, users } from "@/db/schema";
import { canonicalJson } from "@/lib/rules/canonical";
import { supportDecisionStatus } from "@/lib/rules/support-decision";
import { approvalVerdict, verifyRecordSignatures } from "../signatures/sign-record";
import { isAffected } from "../advisories/affected";

export const SUPPORT_DECISION_ENTITY = "support_decision";

/** What the leadership signature binds: every field of the decision as written (21 CFR 11.70). */
export function supportDecisionContent(d: typeof supportDecisions.$inferSelect) {
  return JSON.parse(
    canonicalJson({
      id: d.id,
      modelId: d.modelId,
      siteId: d.siteId,
      kind: d.kind,
      replaceBy: d.replaceBy,
      capitalRequestRef: d.capitalRequestRef,
      controls: d.controls,
      details: d.details,
      reviewOn: d.reviewOn,
      createdBy: d.createdBy,
      createdAt: d.createdAt,
    }),
  ) as unknown;
}

/** Approved only by a valid "Approved" signature on the decision's current content; never from a column. */
export function isDecisionApproved(db: DbOrTx, d: typeof supportDecisions.$inferSelect): boolean {
  return approvalVerdict(db, { entityType: SUPPORT_DECISION_ENTITY, entityId: String(d.id) }, supportDecisionContent(d), null).ok;
}

/** Every decision with its model, site, author and derived status. */
export function loadDecisions(db: DbOrTx, today: string) {
  return db
    .select({ d: supportDecisions, model: deviceModels.name, manufacturer: manufacturers.name, site: sites.name, author: users.name })
    .from(supportDecisions)
    .innerJoin(deviceModels, eq(deviceModels.id, supportDecisions.modelId))
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .leftJoin(sites, eq(sites.id, supportDecisions.siteId))
    .innerJoin(users, eq(users.id, supportDecisions.createdBy))
    .orderBy(desc(supportDecisions.id))
    .all()
    .map((r) => {
      const approved = isDecisionApproved(db, r.d);
      const sig = approved
        ? verifyRecordSignatures(db, { entityType: SUPPORT_DECISION_ENTITY, entityId: String(r.d.id) }, supportDecisionContent(r.d)).find(
            (s) => s.verdict.valid && s.kind === "sign" && s.meaning === "Approved",
          )
        : undefined;
      const approval = sig ? { printedName: sig.printedName, signedAt: sig.signedAt, authMethod: sig.authMethod } : null;
      return {
        ...r.d,
        approval,
        controls: JSON.parse(r.d.controls) as string[],
        model: r.model,
        manufacturer: r.manufacturer,
        site: r.site,
        author: r.author,
        approved,
        status: supportDecisionStatus({ approved, reviewOn: r.d.reviewOn }, today),
      };
    });
}

/**
 * Devices in service whose model is past end of security patches (support ends on or before today, as
 * lib/rules/support-status.ts decides) and that an open advisory affects (isAffected, the one definition).
 */
export function unsupportedAffectedDevices(db: DbOrTx, today: string, siteId: number | null) {
  const ends = or(lte(deviceModels.endOfSupport, today), lte(deviceModels.endOfSecurityPatches, today))!;
  const where = [ends, ne(devices.status, "retired"), isAffected()];
  if (siteId != null) where.push(eq(devices.siteId, siteId));
  return db
    .selectDistinct({
      deviceId: devices.id,
      assetTag: devices.assetTag,
      siteId: devices.siteId,
      site: sites.name,
      modelId: deviceModels.id,
      model: deviceModels.name,
      manufacturer: manufacturers.name,
    })
    .from(advisoryDeviceMatches)
    .innerJoin(devices, eq(devices.id, advisoryDeviceMatches.deviceId))
    .innerJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .innerJoin(sites, eq(sites.id, devices.siteId))
    .where(and(...where))
    .orderBy(manufacturers.name, deviceModels.name, devices.assetTag)
    .all();
}
