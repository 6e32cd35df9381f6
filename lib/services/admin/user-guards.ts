import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { parties, sites, userRoles, users } from "@/db/schema";
import { AppError, invalid } from "@/lib/errors";
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
  if (!hasAnotherActiveAdmin(tx, userId)) throw invalid("This is the last active admin: make someone else an admin first.");
}

export const SSO_ADMIN_MAPPING_REFUSAL =
  "No group would give the Admin role any more, and every active admin signs in through the identity provider: their next sign-in could take it away and leave nobody to administer Clearline. Map another group to Admin, or make a local account an admin first.";

/**
 * Refuses a group-mapping change after which no mapped group grants admin while every active admin is linked to the
 * provider (mapped groups set roles at each sign-in, docs/decisions/0026): the organization must keep an active admin.
 */
export function requireAdminSurvivesMapping(tx: Tx, mappingsAfter: readonly { role: string | null }[]): void {
  if (mappingsAfter.some((m) => m.role === "admin")) return;
  const localAdmins =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "admin"), eq(users.active, true), isNull(users.ssoSubject)))
      .get()?.n ?? 0;
  if (localAdmins === 0) throw new AppError("CONFLICT", SSO_ADMIN_MAPPING_REFUSAL);
}

/** Whether anyone but this user is an active admin. */
export function hasAnotherActiveAdmin(tx: Tx, userId: number): boolean {
  return (
    (tx
      .select({ n: sql<number>`count(*)` })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.role, "admin"), eq(users.active, true), ne(users.id, userId)))
      .get()?.n ?? 0) > 0
  );
}

export function requireSiteExists(tx: Tx, siteId: number | null): void {
  if (siteId == null) return;
  const s = tx.select({ id: sites.id, archivedAt: sites.archivedAt }).from(sites).where(eq(sites.id, siteId)).get();
  if (!s || s.archivedAt)
    throw invalid("Choose an existing site, or the whole organization.", { siteId: ["Choose an existing site, or the whole organization."] });
}
