import { and, eq, isNull } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { SetUserPasswordInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { requireAcceptablePassword } from "./user-guards";
import { clock } from "@/lib/clock";

/** Admin sets a new password for a user, who must replace it at their next sign-in; their open sessions end. The hash is never audited. */
export async function setUserPassword(db: Db, actor: Actor, input: SetUserPasswordInput, now = clock.now()) {
  assertCan(actor, "user.manage");
  const user = db.select().from(users).where(eq(users.id, input.id)).get();
  if (!user) throw notFound("user");
  requireAcceptablePassword(input.password, user);
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  await writeTxWhenFree(db, (tx) => {
    tx.update(users).set({ passwordHash, passwordSetBy: actor.id, updatedAt: at }).where(eq(users.id, input.id)).run();
    tx.update(sessions)
      .set({ revokedAt: at, revokeReason: "password_changed" })
      .where(and(eq(sessions.userId, input.id), isNull(sessions.revokedAt)))
      .run();
    appendAudit(tx, { actor, action: "USER_PASSWORD_SET", entityType: "user", entityId: input.id, newValues: { passwordChanged: true }, at: now });
  });
}
