import { unlessBusy } from "@/lib/errors";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { parties, sessions, settings, userRoles, userTotp, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { LAST_SEEN_REFRESH_MS, sessionStatus, type SessionPolicy, type SessionStatus } from "@/lib/rules/session";
import { appendAudit } from "../audit/append-audit";
import { MFA_SETTING_KEY, accountRestriction, mfaRequiredFor, type AccountRestriction } from "@/lib/rules/mfa";
import { loadActor } from "./load-actor";
import { mfaSettingOn } from "./mfa-status";
import { clock } from "@/lib/clock";

/**
 * `restriction`: the session is genuine but may only be used to replace an admin-set password or enrol in MFA
 * (lib/rules/mfa.ts); every other page, action and route treats it as no session.
 */
export type SessionCheck =
  | { ok: true; actor: Actor; method: "password" | "sso"; restriction: AccountRestriction | null }
  | { ok: false; status: Exclude<SessionStatus, "active"> | "unknown" };

/**
 * The reads every signed-in request makes, prepared once per connection: the same reads as loadActor and restrictionFor
 * (lib/services/auth/mfa-status.ts), which build their SQL through drizzle and have SQLite compile it on each call.
 * On the signed-in shell that building and compiling was most of the session's cost (issue #15). Statements run on the
 * connection they were prepared on, so this is per `Db`, never shared between databases.
 */
function prepareSessionReads(db: Db) {
  return {
    sessionAndUser: db
      .select({
        session: sessions,
        user: { email: users.email, name: users.name, partyId: users.partyId, siteId: users.siteId, active: users.active, passwordSetBy: users.passwordSetBy },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("sessionId")))
      .prepare(),
    roles: db
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, sql.placeholder("userId")))
      .prepare(),
    led: db
      .select({ id: parties.id })
      .from(parties)
      .where(eq(parties.leadUserId, sql.placeholder("userId")))
      .prepare(),
    mfaSetting: db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, sql.placeholder("key")))
      .prepare(),
    mfaEnrolled: db
      .select({ u: userTotp.userId })
      .from(userTotp)
      .where(and(eq(userTotp.userId, sql.placeholder("userId")), isNotNull(userTotp.confirmedAt)))
      .prepare(),
  };
}
const sessionReads = new WeakMap<Db, ReturnType<typeof prepareSessionReads>>();

/**
 * Resolves a session id to its actor, enforcing revocation, deactivation and the idle and absolute
 * limits on every request. An expired session is revoked so it can never come back.
 */
export function resolveSession(db: Db, sessionId: string, policy: SessionPolicy, now = clock.now()): SessionCheck {
  let q = sessionReads.get(db);
  if (!q) sessionReads.set(db, (q = prepareSessionReads(db)));
  const row = q.sessionAndUser.get({ sessionId });
  if (!row) return { ok: false, status: "unknown" };
  const { session: s, user: u } = row;
  const actor: Actor & { active: boolean } = {
    id: s.userId,
    email: u.email,
    name: u.name,
    roles: q.roles.all({ userId: s.userId }).map((r) => r.role),
    partyId: u.partyId,
    leadOfPartyIds: q.led.all({ userId: s.userId }).map((p) => p.id),
    siteId: u.siteId,
    active: u.active,
  };
  const status = sessionStatus(s, actor.active, policy, now);
  if (status !== "active") {
    if (!s.revokedAt) {
      // Refused either way; revoked now, or by the next request if an import holds the write lock (decision 0041).
      unlessBusy(() => db.update(sessions).set({ revokedAt: now.toISOString(), revokeReason: status }).where(eq(sessions.id, s.id)).run());
    }
    return { ok: false, status };
  }
  if (now.getTime() - Date.parse(s.lastSeenAt) > LAST_SEEN_REFRESH_MS) {
    unlessBusy(() => db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, s.id)).run());
  }
  const { active: _active, ...rest } = actor;
  // restrictionFor (./mfa-status.ts), from the prepared reads.
  const restriction =
    s.method === "sso"
      ? null
      : accountRestriction({
          userId: rest.id,
          passwordSetBy: u.passwordSetBy,
          method: s.method,
          mfaRequired: mfaRequiredFor(rest, mfaSettingOn(q.mfaSetting.get({ key: MFA_SETTING_KEY })?.value)),
          mfaEnrolled: Boolean(q.mfaEnrolled.get({ userId: rest.id })),
        });
  return { ok: true, actor: rest, method: s.method, restriction };
}

/** Sign-out: the session row is revoked, so the cookie that carried it is worthless from now on. */
export function revokeSession(db: Db, sessionId: string, reason = "signed_out", now = clock.now()): void {
  writeTx(db, (tx) => {
    const s = tx.select().from(sessions).where(eq(sessions.id, sessionId)).get();
    if (!s || s.revokedAt) return;
    tx.update(sessions).set({ revokedAt: now.toISOString(), revokeReason: reason }).where(eq(sessions.id, sessionId)).run();
    const actor = loadActor(tx, s.userId);
    appendAudit(tx, { actor, action: "SIGN_OUT", entityType: "user", entityId: s.userId, at: now });
  });
}
