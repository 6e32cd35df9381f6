import { whenWritable, writeTx, type Db } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { CreateUserInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { uniquely } from "../db-errors";
import { requireAcceptablePassword, requirePartyExists } from "./user-guards";
import { clock } from "@/lib/clock";

/** Creates a user with roles, an optional party and an initial password, which they must replace at first sign-in. Admin only. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, now = clock.now()) {
  assertCan(actor, "user.manage");
  requireAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  // The password was hashed (an await) after the request's door: written once no import holds the lock (decision 0048).
  return whenWritable(db, () =>
    uniquely(
      () =>
        writeTx(db, (tx) => {
          requirePartyExists(tx, input.partyId);
          const row = tx
            .insert(users)
            .values({
              email: input.email,
              name: input.name,
              title: input.title,
              partyId: input.partyId,
              passwordHash,
              passwordSetBy: actor.id,
              createdAt: at,
              updatedAt: at,
            })
            .returning({ id: users.id, email: users.email, name: users.name })
            .get();
          const roles = [...new Set(input.roles)];
          for (const role of roles) tx.insert(userRoles).values({ userId: row.id, role }).run();
          appendAudit(tx, {
            actor,
            action: "USER_CREATED",
            entityType: "user",
            entityId: row.id,
            newValues: { email: input.email, name: input.name, title: input.title, roles, partyId: input.partyId },
            at: now,
          });
          return row;
        }),
      "A user with this email already exists.",
      "email",
    ),
  );
}
