import { and, eq, isNull } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { sessions, userRoles, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import type { SetUserActiveInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { requireAnotherActiveAdmin } from "./user-guards";
import { blocksSomething, deactivationImpact, impactSentence } from "./deactivation-impact";
import { clock } from "@/lib/clock";

/**
 * Deactivates or reactivates a user. Deactivating a party lead, or a signer a RACI version waits for, needs
 * `confirm`: without it nothing changes and the refusal says what would be blocked. Deactivation revokes every open session in the same transaction,
 * so the user's next request is refused. Users are never deleted: their signatures and audit entries
 * must keep pointing at them.
 */
export function setUserActive(db: Db, actor: Actor, input: SetUserActiveInput, now = clock.now()) {
  assertCan(actor, "user.manage");
  const at = now.toISOString();
  return writeTx(db, (tx) => {
    const before = tx.select().from(users).where(eq(users.id, input.id)).get();
    if (!before) throw notFound("user");
    if (before.active === input.active) return { ...before, leaderlessParties: [] as string[] };
    const impact = input.active ? null : deactivationImpact(tx, actor, input.id, now);
    if (!input.active) {
      if (input.id === actor.id) throw invalid("You can't deactivate your own account.");
      if (impact && blocksSomething(impact) && !input.confirm)
        throw invalid(impactSentence(impact), { confirm: ["Tick this box to deactivate the user anyway."] });
      const isAdmin = tx
        .select()
        .from(userRoles)
        .where(and(eq(userRoles.userId, input.id), eq(userRoles.role, "admin")))
        .get();
      if (isAdmin) requireAnotherActiveAdmin(tx, input.id);
      tx.update(sessions)
        .set({ revokedAt: at, revokeReason: "deactivated" })
        .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)))
        .run();
    }
    tx.update(users)
      .set({ active: input.active, deactivatedAt: input.active ? null : at, updatedAt: at })
      .where(eq(users.id, input.id))
      .run();
    appendAudit(tx, {
      actor,
      action: input.active ? "USER_REACTIVATED" : "USER_DEACTIVATED",
      entityType: "user",
      entityId: input.id,
      oldValues: { active: before.active },
      newValues: { active: input.active },
      at: now,
    });
    return { ...before, active: input.active, leaderlessParties: impact?.ledParties.map((p) => p.name) ?? [] };
  });
}
