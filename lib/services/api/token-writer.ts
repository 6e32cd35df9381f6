import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { hasScope, type ApiScope } from "@/lib/rules/api-token";
import { inventoryParties } from "@/lib/services/inventory/access";
import type { ApiCaller } from "./authenticate-api-token";

/**
 * The Actor a token writes as, for one write scope. Reads run as an auditor of the token's site (decision 0019);
 * a write needs the rights of the party that owns the work, and nothing more:
 * - write:inventory → the lead of Clinical Engineering, the party that imports from the CMMS and edits devices
 *   (decision 0015), limited to the token's site;
 * - write:advisories → a party lead, who may import advisories ("Monitor advisories and match to inventory").
 * The Actor keeps the token's name and site, so every audit row names the token ("API token “Lakeside CMMS”").
 * The service it is passed to still checks the permission and the site itself.
 */
export function tokenWriter(db: DbOrTx, caller: ApiCaller, scope: Extract<ApiScope, "write:inventory" | "write:advisories">): Actor {
  if (!hasScope(caller.scopes, scope)) throw new AppError("FORBIDDEN", `This request needs the “${scope}” scope.`);
  if (scope === "write:inventory") {
    const ce = inventoryParties(db).clinicalEngineering;
    return { ...caller.actor, roles: ["lead"], leadOfPartyIds: ce == null ? [] : [ce] };
  }
  return { ...caller.actor, roles: ["lead"], leadOfPartyIds: [] };
}
