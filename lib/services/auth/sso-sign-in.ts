import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { writeTx, type Db, type Tx } from "@/db/client";
import { sessions, ssoGroupMappings, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { emailDomainAllowed, grantsFromGroups } from "@/lib/rules/sso";
import { appendAudit } from "../audit/append-audit";
import { hasAnotherActiveAdmin } from "../admin/user-guards";
import { clock } from "@/lib/clock";

export interface SsoIdentity {
  issuer: string;
  /** The provider's stable subject identifier (`sub`). */
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
  client: string;
}

/** Refusal sentences, shown on the sign-in page (keyed by `reason`). */
export const SSO_REFUSALS = {
  inactive: "Your Clearline account is deactivated. Ask a Clearline admin if you need access again.",
  not_allowed: "Your organization account is not set up for Clearline. Ask a Clearline admin to add you.",
  no_role: "None of your groups gives you a role in Clearline. Ask a Clearline admin to map your group or add you.",
  unverified: "Your identity provider did not confirm your email address, so Clearline cannot match it to an account.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export class SsoRefused extends AppError {
  constructor(public readonly reason: SsoRefusal) {
    super("UNAUTHENTICATED", SSO_REFUSALS[reason]);
  }
}

export const LAST_ADMIN_KEPT =
  "The groups no longer give this person the Admin role, but they are the last active admin: the role stays until someone else is an admin.";

/** Marks a provisioned account's password as unusable: no argon2 hash verifies against it. */
export const NO_LOCAL_PASSWORD = "!sso-only";

/**
 * Signs in a person the OpenID provider vouched for (issue #14). Clearline stays the authority on access: a deactivated
 * account is refused whatever the provider says; a new person is provisioned only from an allowed email domain and
 * only with a role from the admin's group mapping. Mapped groups set roles and party at every sign-in (the provider is
 * the source of truth for those people); unmapped groups leave what an admin set. Every outcome is audited with the
 * method. Throws SsoRefused.
 */
export function ssoSignIn(db: Db, id: SsoIdentity, opts: { allowedDomains: readonly string[] }, now = clock.now()): { userId: number; sessionId: string } {
  const subjectKey = `${id.issuer} ${id.subject}`;
  const email = id.email.trim().toLowerCase();
  const at = now.toISOString();
  const refuse = (tx: Tx, reason: SsoRefusal, userId: number | null): never => {
    appendAudit(tx, {
      actor: null,
      action: reason === "inactive" ? "SIGN_IN_REFUSED_INACTIVE" : "SIGN_IN_REFUSED",
      entityType: "user",
      entityId: userId ?? email,
      newValues: { client: id.client, method: "sso", reason, subject: subjectKey, groups: id.groups },
      at: now,
    });
    throw new SsoRefused(reason);
  };
  // A refusal is committed (its audit row) and then thrown, so the transaction is not rolled back by the throw.
  let refusal: SsoRefused | null = null;
  const result = writeTx(db, (tx) => {
    try {
      const mappings = tx.select().from(ssoGroupMappings).all();
      const grants = grantsFromGroups(id.groups, mappings);
      let user = tx.select().from(users).where(eq(users.ssoSubject, subjectKey)).get();
      if (!user && email) {
        // First SSO sign-in of an account an admin created: linked by email only when the provider verified it.
        const byEmail = tx
          .select()
          .from(users)
          .where(sql`lower(${users.email}) = ${email}`)
          .get();
        if (byEmail) {
          if (!byEmail.active) refuse(tx, "inactive", byEmail.id);
          if (byEmail.ssoSubject) refuse(tx, "not_allowed", byEmail.id);
          if (!id.emailVerified) refuse(tx, "unverified", byEmail.id);
          tx.update(users).set({ ssoSubject: subjectKey, updatedAt: at }).where(eq(users.id, byEmail.id)).run();
          appendAudit(tx, { actor: null, action: "USER_SSO_LINKED", entityType: "user", entityId: byEmail.id, newValues: { subject: subjectKey }, at: now });
          user = { ...byEmail, ssoSubject: subjectKey };
        }
      }
      if (user && !user.active) refuse(tx, "inactive", user.id);
      if (!user) {
        if (!email || !emailDomainAllowed(email, opts.allowedDomains)) refuse(tx, "not_allowed", null);
        if (!id.emailVerified) refuse(tx, "unverified", null);
        if (grants.roles.length === 0) refuse(tx, "no_role", null);
        user = tx
          .insert(users)
          .values({
            email,
            name: id.name || email,
            passwordHash: NO_LOCAL_PASSWORD,
            partyId: grants.partyId,
            ssoSubject: subjectKey,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .get();
        for (const role of grants.roles) tx.insert(userRoles).values({ userId: user.id, role }).run();
        appendAudit(tx, {
          actor: null,
          action: "USER_PROVISIONED_SSO",
          entityType: "user",
          entityId: user.id,
          newValues: { email, name: user.name, roles: grants.roles, partyId: grants.partyId, groups: id.groups },
          at: now,
        });
      } else if (grants.mapped && grants.roles.length > 0) {
        const current = tx
          .select({ role: userRoles.role })
          .from(userRoles)
          .where(eq(userRoles.userId, user.id))
          .all()
          .map((r) => r.role)
          .sort();
        let next = [...grants.roles].sort();
        if (current.includes("admin") && !next.includes("admin") && !hasAnotherActiveAdmin(tx, user.id)) {
          // The organization must keep an active admin whatever the provider's groups say: the role stays, and the
          // audit trail says why (the admin page's own changes refuse the same, lib/services/admin/user-guards.ts).
          next = [...next, "admin" as const].sort();
          appendAudit(tx, {
            actor: null,
            action: "SSO_ROLE_SYNC_REFUSED_LAST_ADMIN",
            entityType: "user",
            entityId: user.id,
            newValues: { reason: LAST_ADMIN_KEPT, groups: id.groups },
            at: now,
          });
        }
        const partyChanges = grants.partyId != null && grants.partyId !== user.partyId;
        if (current.join() !== next.join() || partyChanges) {
          tx.delete(userRoles).where(eq(userRoles.userId, user.id)).run();
          for (const role of next) tx.insert(userRoles).values({ userId: user.id, role }).run();
          if (partyChanges) tx.update(users).set({ partyId: grants.partyId, updatedAt: at }).where(eq(users.id, user.id)).run();
          appendAudit(tx, {
            actor: null,
            action: "USER_ROLES_FROM_SSO",
            entityType: "user",
            entityId: user.id,
            oldValues: { roles: current, partyId: user.partyId },
            newValues: { roles: next, partyId: partyChanges ? grants.partyId : user.partyId, groups: id.groups },
            at: now,
          });
        }
      }
      const sessionId = crypto.randomBytes(32).toString("base64url");
      tx.insert(sessions).values({ id: sessionId, userId: user.id, createdAt: at, lastSeenAt: at, client: id.client, method: "sso" }).run();
      appendAudit(tx, {
        actor: user,
        action: "SIGN_IN",
        entityType: "user",
        entityId: user.id,
        newValues: { client: id.client, method: "sso", subject: subjectKey },
        at: now,
      });
      return { userId: user.id, sessionId };
    } catch (e) {
      if (e instanceof SsoRefused) {
        refusal = e;
        return null;
      }
      throw e;
    }
  });
  if (refusal) throw refusal;
  return result!;
}
