import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { parties, userRoles, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";

/** Builds the Actor for a user id (active or not: callers decide). Three indexed reads. */
export function loadActor(db: DbOrTx, userId: number): (Actor & { active: boolean }) | null {
  const u = db.select().from(users).where(eq(users.id, userId)).get();
  if (!u) return null;
  const roles = db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, u.id))
    .all()
    .map((r) => r.role);
  const led = db
    .select({ id: parties.id })
    .from(parties)
    .where(eq(parties.leadUserId, u.id))
    .all()
    .map((p) => p.id);
  return { id: u.id, email: u.email, name: u.name, roles, partyId: u.partyId, leadOfPartyIds: led, siteId: u.siteId, active: u.active };
}
