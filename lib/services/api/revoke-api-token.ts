import { and, eq, isNull } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";

/** Revokes a token at once (the next request with it is refused). Admin only; a revoked token stays listed. */
export function revokeApiToken(db: Db, actor: Actor, id: number, now = clock.now()): void {
  assertCan(actor, "apiToken.manage");
  const at = now.toISOString();
  writeTx(db, (tx) => {
    const t = tx.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    if (!t) throw notFound("token");
    if (t.revokedAt) throw new AppError("INVALID_STATE", `The token “${t.name}” was already revoked.`);
    tx.update(apiTokens)
      .set({ revokedAt: at, revokedBy: actor.id })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .run();
    appendAudit(tx, { actor, action: "API_TOKEN_REVOKED", entityType: "api_token", entityId: id, oldValues: { name: t.name, prefix: t.prefix }, at: now });
  });
}
