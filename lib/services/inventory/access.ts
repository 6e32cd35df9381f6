import { isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { parties } from "@/db/schema";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";

/**
 * The parties whose leads own inventory work (issue #12): Clinical Engineering imports and edits devices and models,
 * IT Infrastructure edits devices' network facts. Parties have no fixed key (hospitals rename them), so they are
 * found by the names the set-up creates; a renamed party leaves only admins with these rights until renamed back
 * (docs/decisions/0015-clinical-asset-inventory.md).
 */
export function inventoryParties(db: DbOrTx): { clinicalEngineering: number | null; itInfrastructure: number | null } {
  const rows = db.select({ id: parties.id, name: parties.name }).from(parties).where(isNull(parties.archivedAt)).all();
  const find = (re: RegExp) => rows.find((p) => re.test(p.name))?.id ?? null;
  return { clinicalEngineering: find(/^clinical engineering\b/i), itInfrastructure: find(/^it infrastructure\b/i) };
}

export function assertCanImport(db: DbOrTx, actor: Actor): void {
  assertCan(actor, "inventory.import", { partyId: inventoryParties(db).clinicalEngineering });
}

export function assertCanEditDevices(db: DbOrTx, actor: Actor): void {
  assertCan(actor, "inventory.edit", { partyId: inventoryParties(db).clinicalEngineering });
}

/** Which parts of a device the actor may change: all of it (Clinical Engineering, admins) or only network facts (IT). */
export function deviceEditRights(db: DbOrTx, actor: Actor | null): { all: boolean; network: boolean; import: boolean } {
  const p = inventoryParties(db);
  const all = can(actor, "inventory.edit", { partyId: p.clinicalEngineering });
  return {
    all,
    network: all || can(actor, "inventory.editNetwork", { partyId: p.itInfrastructure }),
    import: can(actor, "inventory.import", { partyId: p.clinicalEngineering }),
  };
}
