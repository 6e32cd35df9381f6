import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, organization, parties, sites, userRoles, userTotp, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/** Sites, archived last. Readable by every signed-in role. */
export function listSites(db: Db, actor: Actor) {
  assertCan(actor, "org.read");
  return db.select().from(sites).orderBy(asc(sites.archivedAt), asc(sites.name)).all();
}

export function getOrganization(db: Db, actor: Actor) {
  assertCan(actor, "org.read");
  return db.select().from(organization).where(eq(organization.id, 1)).get() ?? null;
}

/** Parties with their lead's name. */
export function listParties(db: Db, actor: Actor) {
  assertCan(actor, "org.read");
  return db
    .select({
      id: parties.id,
      name: parties.name,
      kind: parties.kind,
      description: parties.description,
      leadUserId: parties.leadUserId,
      leadName: users.name,
      /** False when the lead is deactivated: the party has nobody who can sign for it. */
      leadActive: users.active,
      sortOrder: parties.sortOrder,
      archivedAt: parties.archivedAt,
    })
    .from(parties)
    .leftJoin(users, eq(users.id, parties.leadUserId))
    .orderBy(asc(parties.sortOrder), asc(parties.name))
    .all();
}

export function listDeviceClasses(db: Db, actor: Actor, opts: { includeArchived?: boolean } = {}) {
  assertCan(actor, "org.read");
  const q = db.select().from(deviceClasses);
  return (opts.includeArchived ? q : q.where(isNull(deviceClasses.archivedAt))).orderBy(asc(deviceClasses.name)).all();
}

export function getDeviceClass(db: Db, actor: Actor, id: number) {
  assertCan(actor, "org.read");
  const row = db.select().from(deviceClasses).where(eq(deviceClasses.id, id)).get();
  if (!row) throw notFound("device class");
  return row;
}

/** Users with roles. Admins and auditors only; the password hash never leaves this function. */
export function listUsers(db: Db, actor: Actor) {
  assertCan(actor, "user.read");
  const rows = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      title: users.title,
      partyId: users.partyId,
      partyName: parties.name,
      siteId: users.siteId,
      active: users.active,
      createdAt: users.createdAt,
      passwordSetBy: users.passwordSetBy,
      ssoSubject: users.ssoSubject,
      mfaConfirmedAt: userTotp.confirmedAt,
    })
    .from(users)
    .leftJoin(parties, eq(parties.id, users.partyId))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .orderBy(asc(users.name))
    .all();
  const roles = db.select().from(userRoles).all();
  return rows.map(({ passwordSetBy, ssoSubject, mfaConfirmedAt, ...u }) => ({
    ...u,
    roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
    /** Derived from who set the password: an admin-set one must be replaced at next sign-in. */
    mustChangePassword: passwordSetBy != null && passwordSetBy !== u.id,
    mfaEnrolled: mfaConfirmedAt != null,
    sso: ssoSubject != null,
  }));
}

/** Active users for pickers (party lead, assignees). Every signed-in role may see names. */
export function listActiveUserNames(db: Db, actor: Actor) {
  assertCan(actor, "org.read");
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all();
}
