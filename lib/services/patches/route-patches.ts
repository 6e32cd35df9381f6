import { asc } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { deviceClasses } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { effectiveDutiesForClass, type DutyHolder } from "../raci/effective-duties";
import { readVersions, versionedCache, type Versions } from "../versioned-cache";

/** Who does a class's patching and who answers for it, from its effective signed RACI. */
export interface PatchRoute {
  classId: number;
  className: string;
  /** False: no effective signed version, or it names no Responsible or no Accountable party for patching — "no signed owner". */
  signed: boolean;
  versionNo: number | null;
  responsible: DutyHolder[];
  accountable: DutyHolder[];
}

/**
 * Issue #13 item 4: a patch item goes to the party Responsible for "Obtain OEM-validated patch, schedule downtime,
 * deploy, verify" (CSF PR.PS-02) in the device class's effective signed RACI, and the Accountable party answers for
 * it. Read through the RACI service (effectiveDutiesForClass), never a copy of its rules; resolved once per device
 * class — a handful of classes, whatever the number of devices — and cached under the RACI and organization counters
 * (decision 0007), so a new signature or a new party lead shows at once.
 */
export function patchRoutes(db: Db, actor: Actor, versions: Versions = readVersions(db)): Map<number, PatchRoute> {
  assertCan(actor, "raci.read");
  return versionedCache(db, versions, ["raci", "org"], "patch-routes", () => computePatchRoutes(db, actor));
}

/** The same, uncached: inside a transaction (the demo seed) or where the cache cannot be used. */
export function computePatchRoutes(db: DbOrTx, actor: Actor): Map<number, PatchRoute> {
  assertCan(actor, "raci.read");
  {
    const out = new Map<number, PatchRoute>();
    for (const c of db.select({ id: deviceClasses.id, name: deviceClasses.name }).from(deviceClasses).orderBy(asc(deviceClasses.id)).all()) {
      const duties = effectiveDutiesForClass(db, actor, c);
      const patching = duties.duties.find((d) => d.key === "patching");
      const responsible = patching?.responsible ?? [];
      const accountable = patching?.accountable ?? [];
      out.set(c.id, {
        classId: c.id,
        className: c.name,
        signed: duties.version !== null && responsible.length > 0 && accountable.length > 0,
        versionNo: duties.version?.versionNo ?? null,
        responsible,
        accountable,
      });
    }
    return out;
  }
}

/** Class ids where `partyId` is Responsible or Accountable for patching in the signed RACI. */
export function classesRoutedTo(routes: Map<number, PatchRoute>, partyId: number): number[] {
  return [...routes.values()].filter((r) => r.signed && [...r.responsible, ...r.accountable].some((h) => h.partyId === partyId)).map((r) => r.classId);
}

/** Class ids without a signed owner for patching. */
export function classesWithoutOwner(routes: Map<number, PatchRoute>): number[] {
  return [...routes.values()].filter((r) => !r.signed).map((r) => r.classId);
}

/** Class ids where `partyId` holds `letter` for patching in the signed RACI. */
export function classesOf(routes: Map<number, PatchRoute>, partyId: number, letter: "R" | "A"): number[] {
  return [...routes.values()]
    .filter((r) => r.signed && (letter === "R" ? r.responsible : r.accountable).some((h) => h.partyId === partyId))
    .map((r) => r.classId);
}
