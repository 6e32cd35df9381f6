import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { sessions } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { LAST_SEEN_REFRESH_MS, sessionStatus, type SessionPolicy, type SessionStatus } from "@/lib/rules/session";
import { appendAudit } from "../audit/append-audit";
import type { AccountRestriction } from "@/lib/rules/mfa";
import { loadActor } from "./load-actor";
import { restrictionFor } from "./mfa-status";
import { clock } from "@/lib/clock";

/**
 * `restriction`: the session is genuine but may only be used to replace an admin-set password or enrol in MFA
 * (lib/rules/mfa.ts); every other page, action and route treats it as no session.
 */
export type SessionCheck =
  | { ok: true; actor: Actor; method: "password" | "sso"; restriction: AccountRestriction | null }
  | { ok: false; status: Exclude<SessionStatus, "active"> | "unknown" };

/**
 * Resolves a session id to its actor, enforcing revocation, deactivation and the idle and absolute
 * limits on every request. An expired session is revoked so it can never come back.
 */
export function resolveSession(db: Db, sessionId: string, policy: SessionPolicy, now = clock.now()): SessionCheck {
  const s = db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!s) return { ok: false, status: "unknown" };
  const actor = loadActor(db, s.userId);
  if (!actor) return { ok: false, status: "unknown" };
  const status = sessionStatus(s, actor.active, policy, now);
  if (status !== "active") {
    if (!s.revokedAt) {
      db.update(sessions).set({ revokedAt: now.toISOString(), revokeReason: status }).where(eq(sessions.id, s.id)).run();
    }
    return { ok: false, status };
  }
  if (now.getTime() - Date.parse(s.lastSeenAt) > LAST_SEEN_REFRESH_MS) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, s.id)).run();
  }
  const { active: _active, ...rest } = actor;
  return { ok: true, actor: rest, method: s.method, restriction: restrictionFor(db, rest, s.method) };
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
