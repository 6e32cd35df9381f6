import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { UpdateUserInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { requireAnotherActiveAdmin, requirePartyExists, requireSiteExists } from "./user-guards";
import { clock } from "@/lib/clock";

/** Changes a user's name, title, roles, party and site scope. Admin only; the last admin cannot lose the role. */
export function updateUser(db: Db, actor: Actor, given: Omit<UpdateUserInput, "siteId"> & { siteId?: number | null }, now = clock.now()) {
  assertCan(actor, "user.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const before = tx.select().from(users).where(eq(users.id, given.id)).get();
    if (!before) throw notFound("user");
    // Callers that do not mention the site scope keep it.
    const input = { ...given, siteId: given.siteId === undefined ? before.siteId : given.siteId };
    requirePartyExists(tx, input.partyId);
    requireSiteExists(tx, input.siteId);
    const oldRoles = tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, input.id))
      .all()
      .map((r) => r.role)
      .sort();
    const newRoles = [...new Set(input.roles)].sort();
    if (oldRoles.includes("admin") && !newRoles.includes("admin")) requireAnotherActiveAdmin(tx, input.id);
    const old: Record<string, unknown> = {};
    const neu: Record<string, unknown> = {};
    for (const k of ["name", "title", "partyId", "siteId"] as const) {
      if (before[k] !== input[k]) {
        old[k] = before[k];
        neu[k] = input[k];
      }
    }
    if (oldRoles.join() !== newRoles.join()) {
      old.roles = oldRoles;
      neu.roles = newRoles;
      tx.delete(userRoles).where(eq(userRoles.userId, input.id)).run();
      for (const role of newRoles) tx.insert(userRoles).values({ userId: input.id, role }).run();
    }
    if (Object.keys(neu).length === 0) return before;
    tx.update(users)
      .set({ name: input.name, title: input.title, partyId: input.partyId, siteId: input.siteId, updatedAt: at })
      .where(eq(users.id, input.id))
      .run();
    appendAudit(tx, { actor, action: "USER_UPDATED", entityType: "user", entityId: input.id, oldValues: old, newValues: neu, at: now });
    return before;
  });
}
