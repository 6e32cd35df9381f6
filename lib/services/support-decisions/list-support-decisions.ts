import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceModels, manufacturers, sites } from "@/db/schema";
import { supportStatus } from "@/lib/rules/support-status";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { decisionForDevice } from "@/lib/rules/support-decision";
import { loadDecisions, unsupportedAffectedDevices } from "./load";

/**
 * The replace-or-mitigate picture within the actor's site scope, or the one site chosen (`siteId`, the dashboard's
 * scope): unsupported devices with open advisories and no decision (the dashboard figure), the decisions with their
 * derived status (a site's picture keeps the organization-wide decisions that cover it), and those overdue for review.
 */
export function listSupportDecisions(db: Db, actor: Actor, today = clock.today(), opts: { siteId?: number | null } = {}) {
  assertCan(actor, "inventory.read");
  const siteId = actor.siteId ?? opts.siteId ?? null;
  const decisions = loadDecisions(db, today).filter((d) => siteId == null || d.siteId == null || d.siteId === siteId);
  const devices = unsupportedAffectedDevices(db, today, siteId);
  const withoutDecision = devices.filter((d) => !decisionForDevice(decisions, d));
  return {
    decisions,
    withoutDecision,
    overdue: decisions.filter((d) => d.status === "review_overdue"),
    devicesCovered: devices.length - withoutDecision.length,
  };
}

/** The form's choices: models past end of security patches, and the sites the actor may decide for. */
export function supportDecisionChoices(db: Db, actor: Actor, today = clock.today()) {
  assertCan(actor, "supportDecision.create");
  const models = db
    .select({
      id: deviceModels.id,
      name: deviceModels.name,
      manufacturer: manufacturers.name,
      endOfSupport: deviceModels.endOfSupport,
      endOfSecurityPatches: deviceModels.endOfSecurityPatches,
    })
    .from(deviceModels)
    .innerJoin(manufacturers, eq(manufacturers.id, deviceModels.manufacturerId))
    .orderBy(asc(manufacturers.name), asc(deviceModels.name))
    .all()
    .filter((m) => supportStatus(m, today) === "unsupported")
    .map((m) => ({ id: m.id, label: `${m.manufacturer} ${m.name}` }));
  const all = db.select({ id: sites.id, name: sites.name }).from(sites).where(isNull(sites.archivedAt)).orderBy(asc(sites.name)).all();
  return { models, sites: actor.siteId != null ? all.filter((s) => s.id === actor.siteId) : all };
}
