import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { parties, sites, userRoles, users } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { passwordProblems } from "@/lib/rules/password";

export function requireAcceptablePassword(password: string, context: { email?: string; name?: string }): void {
  const problems = passwordProblems(password, context);
  if (problems.length) throw invalid(problems[0]!, { password: problems });
}

export function requirePartyExists(tx: Tx, partyId: number | null): void {
  if (partyId == null) return;
  if (!tx.select({ id: parties.id }).from(parties).where(eq(parties.id, partyId)).get()) {
    throw invalid("Choose an existing party.", { partyId: ["Choose an existing party."] });
  }
}

/** Refuses a change that would leave the organization without an active admin. */
export function requireAnotherActiveAdmin(tx: Tx, userId: number): void {
  const n =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "admin"), eq(users.active, true), ne(users.id, userId)))
      .get()?.n ?? 0;
  if (n === 0) throw invalid("This is the last active admin: make someone else an admin first.");
}

export function requireSiteExists(tx: Tx, siteId: number | null): void {
  if (siteId == null) return;
  const s = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s || s.archivedAt) throw invalid("Choose an existing site, or the whole organization.", { siteId: ["Choose an existing site, or the whole organization."] });
}
