import { sql } from "drizzle-orm";
import { writeTxWhenFree, type Db } from "@/db/client";
import { organization, parties, userRoles, users } from "@/db/schema";
import { DEMO_PARTIES } from "@/db/seed/demo-data";
import { seedActivitiesAndTemplate } from "@/db/seed/raci-demo";
import { hashPassword } from "@/lib/auth/password-hash";
import { AppError } from "@/lib/errors";
import type { SetupInput } from "@/lib/validation/admin";
import { appendAudit } from "../audit/append-audit";
import { requireAcceptablePassword } from "./user-guards";
import { clock } from "@/lib/clock";

export function needsSetup(db: Db): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from organization`)?.n ?? 0) === 0;
}

/**
 * First run without demo data: creates the organization and its first admin. Allowed exactly once;
 * afterwards it answers NOT_FOUND, as if the page did not exist.
 */
export async function setupOrganization(db: Db, input: SetupInput, now = clock.now()) {
  if (!needsSetup(db)) throw new AppError("NOT_FOUND", "This page was not found.");
  requireAcceptablePassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const at = now.toISOString();
  return writeTxWhenFree(db, (tx) => {
    if ((tx.get<{ n: number }>(sql`select count(*) as n from organization`)?.n ?? 0) > 0) throw new AppError("NOT_FOUND", "This page was not found.");
    tx.insert(organization).values({ id: 1, name: input.organizationName, createdAt: at }).run();
    const user = tx.insert(users).values({ email: input.email, name: input.name, passwordHash, createdAt: at, updatedAt: at }).returning().get();
    tx.insert(userRoles).values({ userId: user.id, role: "admin" }).run();
    appendAudit(tx, {
      actor: null,
      action: "ORGANIZATION_CREATED",
      entityType: "organization",
      entityId: 1,
      newValues: { name: input.organizationName },
      at: now,
    });
    appendAudit(tx, {
      actor: user,
      action: "USER_CREATED",
      entityType: "user",
      entityId: user.id,
      newValues: { email: user.email, name: user.name, roles: ["admin"] },
      at: now,
    });
    // The seven parties of DOMAIN.md (without leads yet) and the 25 default activities with their template.
    const partyIds = new Map<string, number>();
    DEMO_PARTIES.forEach((p, i) => {
      const row = tx
        .insert(parties)
        .values({ name: p.name, kind: p.kind, description: p.description, sortOrder: i + 1, createdAt: at, updatedAt: at })
        .returning()
        .get();
      partyIds.set(p.key, row.id);
      appendAudit(tx, { actor: user, action: "PARTY_CREATED", entityType: "party", entityId: row.id, newValues: { name: p.name, kind: p.kind }, at: now });
    });
    seedActivitiesAndTemplate(tx, partyIds, now);
    return user;
  });
}
