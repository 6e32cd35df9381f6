import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { hasScope, type ApiScope } from "@/lib/rules/api-token";
import { deviceClasses } from "@/db/schema";
import { inventoryParties } from "@/lib/services/inventory/access";
import { computePatchRoutes } from "@/lib/services/patches/route-patches";
import { recallRouter } from "@/lib/services/recalls/route-recall";
import type { ApiCaller } from "./authenticate-api-token";

/**
 * The Actor a token writes as, for one write scope. Reads run as an auditor of the token's site (decision 0019);
 * a write needs the rights of the party that owns the work, and nothing more:
 * - write:inventory → the lead of Clinical Engineering, the party that imports from the CMMS and edits devices
 *   (decision 0015), limited to the token's site;
 * - write:advisories → a party lead, who may import advisories ("Monitor advisories and match to inventory");
 * - write:patches → the lead of every party a signed RACI names Responsible or Accountable for patching (decision
 *   0030): the patch services still allow an item only to its own class's parties, so a class without a signed owner
 *   stays closed to the token. It never signs: a deferral through the API is a request (requestPatchDeferral);
 * - write:recalls → the lead of every party a signed RACI makes Responsible for recalls, and of Clinical Engineering
 *   (who handles a class without a signed owner, recordRecallAction); the service narrows it per device.
 * The Actor keeps the token's name and site, so every audit row names the token ("API token “Lakeside CMMS”").
 * The service it is passed to still checks the permission and the site itself.
 */
export function tokenWriter(db: DbOrTx, caller: ApiCaller, scope: Exclude<ApiScope, "read">): Actor {
  if (!hasScope(caller.scopes, scope)) throw new AppError("FORBIDDEN", `This request needs the “${scope}” scope.`);
  if (scope === "write:inventory") {
    const ce = inventoryParties(db).clinicalEngineering;
    return { ...caller.actor, roles: ["lead"], leadOfPartyIds: ce == null ? [] : [ce] };
  }
  if (scope === "write:patches") {
    const parties = new Set<number>();
    for (const r of computePatchRoutes(db, caller.actor).values()) if (r.signed) for (const h of [...r.responsible, ...r.accountable]) parties.add(h.partyId);
    return { ...caller.actor, roles: ["lead"], leadOfPartyIds: [...parties] };
  }
  if (scope === "write:recalls") {
    const route = recallRouter(db, caller.actor);
    const parties = new Set<number>();
    const ce = inventoryParties(db).clinicalEngineering;
    if (ce != null) parties.add(ce);
    for (const c of db.select({ id: deviceClasses.id, name: deviceClasses.name }).from(deviceClasses).all()) for (const o of route(c)) parties.add(o.partyId);
    return { ...caller.actor, roles: ["lead"], leadOfPartyIds: [...parties] };
  }
  return { ...caller.actor, roles: ["lead"], leadOfPartyIds: [] };
}
